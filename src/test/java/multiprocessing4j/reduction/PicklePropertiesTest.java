package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties of the codec over random values of the model and random bytes. */
class PicklePropertiesTest {

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.randomValue(random -> new ValueGen(random, true).value(4));
    }

    @Property(tries = 500)
    void javaToPickleToJavaIsIdentity(@ForAll("values") Object value) {
        assertEquals(Describe.of(value), Describe.of(Pickles.roundTrip(value)));
    }

    @Property(tries = 300)
    void aLoneBytesPickleIsItsHeadItsContentAndStop(@ForAll @Size(max = 70_000) byte[] content) {
        PyBytes value = PyBytes.of(content);
        byte[] head = ForkingPickler.bytesHead(content.length);
        java.io.ByteArrayOutputStream pieces = new java.io.ByteArrayOutputStream();
        pieces.writeBytes(head);
        pieces.writeBytes(content);
        pieces.write(ForkingPickler.STOP);
        org.junit.jupiter.api.Assertions.assertArrayEquals(ForkingPickler.dumps(value), pieces.toByteArray());
    }

    @Property(tries = 2000)
    void arbitraryBytesGiveAValueOrAnUnpicklingError(@ForAll @Size(max = 64) byte[] data) {
        loadOrUnpicklingError(data);
    }

    /** Single-byte corruptions of real pickles reach much deeper into the reader than random bytes. */
    @Property(tries = 2000)
    void corruptedPicklesGiveAValueOrAnUnpicklingError(@ForAll("values") Object value, @ForAll int where, @ForAll byte what) {
        byte[] p = ForkingPickler.dumps(value);
        p[Math.floorMod(where, p.length)] = what;
        loadOrUnpicklingError(p);
    }

    private static void loadOrUnpicklingError(byte[] data) {
        try {
            ForkingPickler.loads(data);
        } catch (UnpicklingError expected) {
            // the only failure allowed
        }
    }
}
