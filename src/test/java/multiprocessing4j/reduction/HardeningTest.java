package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and broken input: always an UnpicklingError, found before anything big is allocated. */
class HardeningTest {
    private static final int STOP = '.';

    @ParameterizedTest(name = "opcode 0x{0} claiming 2 GiB fails without allocating")
    @ValueSource(strings = {"42", "58", "54"}) // BINBYTES, BINUNICODE, BINSTRING
    void lengthPrefixesAreCheckedBeforeAllocating(String hex) {
        UnpicklingError e = assertThrows(UnpicklingError.class,
                () -> Pickles.load(Integer.parseInt(hex, 16), 0xff, 0xff, 0xff, 0x7f, 'x', 'x', STOP));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void eightByteLengthsAndLong4AreChecked() {
        assertThrows(UnpicklingError.class, () -> Pickles.load(0x8e, 0, 0, 0, 0x80, 0, 0, 0, 0, STOP)); // BINBYTES8 2 GiB
        assertThrows(UnpicklingError.class, () -> Pickles.load(0x96, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, STOP));
        assertThrows(UnpicklingError.class, () -> Pickles.load(0x8b, 0, 0, 0, 0x7f, STOP)); // LONG4 2 GiB
        assertThrows(UnpicklingError.class, () -> Pickles.load(0x8b, 0xff, 0xff, 0xff, 0xff, STOP)); // negative
        assertThrows(UnpicklingError.class, () -> Pickles.load('T', 0xff, 0xff, 0xff, 0xff, STOP)); // negative BINSTRING
        assertThrows(UnpicklingError.class, () -> Pickles.load(0x95, 0, 0, 0, 0, 1, 0, 0, 0, 'N', STOP)); // FRAME 4 GiB
    }

    @Test
    void nestingIsBounded() {
        int n = PickleReader.MAX_DEPTH + 10;
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) deep.write(']');
        for (int i = 1; i < n; i++) deep.write('a');
        deep.write(STOP);
        UnpicklingError e = assertThrows(UnpicklingError.class, () -> ForkingPickler.loads(deep.toByteArray()));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());

        ByteArrayOutputStream tuples = new ByteArrayOutputStream();
        tuples.write(')');
        for (int i = 0; i < n; i++) tuples.write(0x85);
        tuples.write(STOP);
        assertThrows(UnpicklingError.class, () -> ForkingPickler.loads(tuples.toByteArray()));
    }

    @Test
    void nestingUpToTheLimitLoads() {
        int n = PickleReader.MAX_DEPTH;
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) deep.write(']');
        for (int i = 1; i < n; i++) deep.write('a');
        deep.write(STOP);
        assertInstanceOf(List.class, ForkingPickler.loads(deep.toByteArray()));
    }

    @Test
    void brokenStructureIsAnUnpicklingError() {
        assertThrows(UnpicklingError.class, () -> ForkingPickler.loads(new byte[0]));
        assertThrows(UnpicklingError.class, () -> Pickles.load('N'), "no STOP");
        assertThrows(UnpicklingError.class, () -> Pickles.load(STOP), "empty stack");
        assertThrows(UnpicklingError.class, () -> Pickles.load('a', STOP), "underflow");
        assertThrows(UnpicklingError.class, () -> Pickles.load('e', STOP), "no mark");
        assertThrows(UnpicklingError.class, () -> Pickles.load('(', 'K', 1, 'a', STOP), "APPEND across a MARK");
        assertThrows(UnpicklingError.class, () -> Pickles.load(0xff, STOP), "unknown opcode");
        assertThrows(UnpicklingError.class, () -> Pickles.load(0x80, 6, 'N', STOP), "protocol 6");
        assertThrows(UnpicklingError.class, () -> Pickles.load('K', 1, 'K', 2, 'R', STOP), "calling an int");
        assertThrows(UnpicklingError.class, () -> Pickles.load('K', 1, ']', 's', STOP), "SETITEM on a list");
        assertThrows(UnpicklingError.class, () -> Pickles.load("cdatetime\ndate\n", 'C', 4, 0, 0, 13, 40, 0x85, 'R', STOP),
                "month 13");
        assertThrows(UnpicklingError.class, () -> Pickles.load('Q', STOP), "persistent id");
    }

    @Test
    void aSliceOfALargerBufferIsReadInPlace() {
        byte[] frame = Pickles.of("junk", 'K', 42, STOP, "more junk");
        assertEquals(42, ForkingPickler.loads(frame, 4, 3));
        assertThrows(UnpicklingError.class, () -> ForkingPickler.loads(frame, 4, 2), "STOP lies outside the slice");
    }

    @Test
    void aFailedLoadLeavesNothingBehind() {
        assertThrows(UnpicklingError.class, () -> Pickles.load(']', 0x94, 'a', STOP));
        assertEquals(List.of(), Pickles.load(']', 0x94, STOP), "memo index 0 is fresh in the next call");
    }

    @Test
    void theFacadeIsThreadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    ValueGen gen = new ValueGen(new java.util.Random(seed), true);
                    for (int i = 0; i < 300; i++) {
                        Object v = gen.value(3);
                        if (!Describe.of(Pickles.roundTrip(v)).equals(Describe.of(v))) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) assertTrue(f.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
