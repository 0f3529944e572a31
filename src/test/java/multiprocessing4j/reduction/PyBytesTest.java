package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PyBytesTest {
    private static final int LARGE = 1 << 20;

    @Test
    void aViewBehavesAsTheCopyOfItsRange() {
        byte[] frame = new byte[100];
        new Random(7).nextBytes(frame);
        PyBytes view = PyBytes.view(frame, 10, 50);
        PyBytes copy = PyBytes.of(Arrays.copyOfRange(frame, 10, 60));
        assertEquals(copy, view);
        assertEquals(view, copy);
        assertEquals(copy.hashCode(), view.hashCode());
        assertEquals(0, copy.compareTo(view));
        assertEquals(50, view.length());
        assertEquals(frame[10] & 0xff, view.get(0));
        assertEquals(frame[59] & 0xff, view.get(-1));
        assertArrayEquals(Arrays.copyOfRange(frame, 10, 60), view.toByteArray());
        assertEquals(PyRepr.repr(copy), PyRepr.repr(view));
        assertArrayEquals(ForkingPickler.dumps(copy), ForkingPickler.dumps(view));
    }

    @Test
    void loadsCopiesLargeBytesSoTheCallerMayReuseItsArray() {
        byte[] pickle = ForkingPickler.dumps(PyBytes.of(new byte[LARGE]));
        PyBytes value = (PyBytes) ForkingPickler.loads(pickle);
        Arrays.fill(pickle, (byte) 1);
        assertEquals(PyBytes.of(new byte[LARGE]), value);
    }

    @Test
    void loadsOwnedSharesLargeBytesWithTheFrameAndCopiesSmallOnes() {
        byte[] big = new byte[LARGE];
        new Random(1).nextBytes(big);
        byte[] frame = ForkingPickler.dumps(PyTuple.of(PyBytes.of(big), PyBytes.ascii("small")));
        PyTuple value = (PyTuple) ForkingPickler.loadsOwned(frame);
        PyBytes large = (PyBytes) value.get(0);
        assertSame(frame, large.array(), "a view of the received frame, not a copy");
        assertEquals(PyBytes.of(big), large);
        assertNotSame(frame, ((PyBytes) value.get(1)).array());
        assertTrue(value.get(1).equals(PyBytes.ascii("small")));
    }

    @Test
    void loadsOwnedSharesSmallBytesThatAreMostOfTheFrame() {
        for (int size : new int[] {200, 1024}) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);
            byte[] frame = ForkingPickler.dumps(PyBytes.of(content));
            PyBytes value = (PyBytes) ForkingPickler.loadsOwned(frame);
            assertSame(frame, value.array(), "a lone bytes of " + size + " is a view of its frame");
            assertEquals(PyBytes.of(content), value);
        }
    }
}
