package multiprocessing4j.sharedmemory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import multiprocessing4j.PyValueError;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SharedMemory and ShareableList shared with every CPython ≥ 3.8 found, both directions, byte for byte. */
@Timeout(120)
class SharedMemoryInteropTest {
    private static final TestSegments SEGMENTS = new TestSegments();
    private static final int[] SIZES = {1, 7, 8, 4096, 10_000};

    static Stream<CPython> from38() {
        return CPythons.atLeast(3, 8);
    }

    static Stream<CPython> from39() {
        return CPythons.atLeast(3, 9);
    }

    @AfterAll
    static void nothingLeftInDevShm() {
        SEGMENTS.assertNoneLeft();
    }

    /** The lists both sides build: every type, a range of str/bytes sizes, non-ASCII, NULs, empty. */
    static List<List<Object>> samples() {
        List<List<Object>> s = new ArrayList<>();
        s.add(List.of());
        s.add(List.of(7));
        s.add(List.of(-1.5));
        s.add(List.of(true));
        s.add(Arrays.asList((Object) null));
        s.add(List.of(""));
        s.add(List.of(PyBytes.of()));
        s.add(Arrays.asList(7, -1.5, true, null, "héllo", PyBytes.of((byte) 'a', (byte) 'b', (byte) 0), "xxxxxxxx", 1L << 40));
        List<Object> strings = new ArrayList<>();
        List<Object> bytes = new ArrayList<>();
        for (int k = 0; k <= 17; k++) {
            strings.add("a".repeat(k));
            byte[] b = new byte[k];
            for (int i = 0; i < k; i++) b[i] = (byte) (i * 37 + 1);
            bytes.add(PyBytes.of(b));
        }
        s.add(strings);
        s.add(bytes);
        s.add(List.of("ééééééé", "ü", "日本", "😀", "a😀b", "a\0b", "\0", "abc\0", "tab\tnew\nline"));
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        s.add(List.of(PyBytes.of(all), PyBytes.of((byte) 0, (byte) 0), PyBytes.of((byte) 0, (byte) 1, (byte) 0)));
        s.add(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1L << 31, Integer.MIN_VALUE));
        s.add(List.of(0.0, -0.0, 1e308, 5e-324, Double.POSITIVE_INFINITY, -2.5e-10, false, true));
        return s;
    }

    @ParameterizedTest(name = "{0} SharedMemory both ways, sizes 1 to 10000")
    @MethodSource("from38")
    void sharedMemoryBothWays(CPython python) throws Exception {
        try (ShmPeer peer = ShmPeer.start(python)) {
            for (int size : SIZES) {
                SharedMemory mine = new SharedMemory(size);
                SEGMENTS.add(mine.name());
                assertTrue(mine.name().matches("psm_[0-9a-f]{8}"), mine.name());
                byte[] data = pattern(size, 11);
                mine.buf().put(data);
                String[] read = peer.ok("SHM_READ " + mine.name());
                assertEquals(String.valueOf(size), read[0]);
                assertArrayEquals(data, ShmPeer.unhex(read[1]));
                peer.ok("SHM_WRITE " + mine.name() + " 5a");
                assertEquals(0x5a, mine.buf().get(0));
                mine.close();
                mine.unlink();

                String theirs = SEGMENTS.add(peer.ok("SHM_CREATE " + size)[0]);
                try (SharedMemory attached = new SharedMemory(theirs)) {
                    assertEquals(size, attached.size());
                    byte[] got = new byte[size];
                    attached.buf().get(got);
                    assertArrayEquals(pattern(size, 7, 3), got);
                    attached.buf().put(size - 1, (byte) 0xa5);
                }
                String[] back = peer.ok("SHM_READ " + theirs);
                assertEquals((byte) 0xa5, ShmPeer.unhex(back[1])[size - 1]);
                peer.ok("UNLINK " + theirs);
            }
        }
    }

    /** A list in the layout {@code python} reads: 3.8's for 3.8 (which 3.9+ cannot read, nor 3.8 theirs). */
    private static ShareableList listFor(CPython python, List<Object> items) {
        return python.minor() == 8 ? ShareableList.inPython38Layout(items, null) : new ShareableList(items);
    }

    @ParameterizedTest(name = "{0} ShareableList layouts: Java's and CPython's bytes are the same, each reads the other's")
    @MethodSource("from38")
    void shareableListLayoutsBothWays(CPython python) throws Exception {
        try (ShmPeer peer = ShmPeer.start(python)) {
            for (List<Object> sample : samples()) {
                ShareableList mine = listFor(python, sample);
                SEGMENTS.add(mine.shm().name());
                byte[] myBytes = bytes(mine.shm());

                String[] seen = peer.ok("SL_READ " + mine.shm().name());
                assertEquals(new ArrayList<>(mine), ForkingPickler.loads(ShmPeer.unhex(seen[0])), sample.toString());
                assertArrayEquals(myBytes, ShmPeer.unhex(seen[1]), sample.toString());

                String[] made = peer.ok("SL_CREATE " + hexPickle(sample));
                String theirs = SEGMENTS.add(made[0]);
                assertEquals(hex(myBytes), made[1].equals("-") ? "" : made[1], "CPython's layout of " + sample);
                ShareableList attached = new ShareableList(theirs);
                assertEquals(new ArrayList<>(mine), new ArrayList<>(attached));
                attached.shm().close();
                peer.ok("UNLINK " + theirs);
                mine.shm().close();
                mine.shm().unlink();
            }
        }
    }

    @ParameterizedTest(name = "{0} ShareableList assignments: the same assignments give the same bytes on either side")
    @MethodSource("from38")
    void assignmentsBothWays(CPython python) throws Exception {
        List<Object> sample = Arrays.asList(7, -1.5, true, null, "héllo", PyBytes.ascii("ab"), "xxxxxxxx", 1L << 40);
        List<Object[]> assignments = List.of(
                new Object[] {0, "abc"}, new Object[] {4, "ééé"}, new Object[] {6, null}, new Object[] {5, PyBytes.ascii("xyz")},
                new Object[] {1, true}, new Object[] {2, 2.5}, new Object[] {7, -5}, new Object[] {3, "\0z\0"},
                new Object[] {6, "sixteen chars..."}, new Object[] {4, 12});
        try (ShmPeer peer = ShmPeer.start(python)) {
            ShareableList mine = listFor(python, sample);
            SEGMENTS.add(mine.shm().name());
            String theirs = SEGMENTS.add(peer.ok("SL_CREATE " + hexPickle(sample))[0]);
            ShareableList attached = new ShareableList(theirs);
            for (Object[] a : assignments) {
                int i = (Integer) a[0];
                peer.ok("SL_SET " + mine.shm().name() + " " + i + " " + hexPickle(a[1])); // CPython writes Java's list
                attached.set(i, a[1]);                                                       // Java writes CPython's
                assertEquals(hex(bytes(attached.shm())), hex(bytes(mine.shm())), "after [" + i + "] = " + a[1]);
                assertEquals(mine.get(i), ForkingPickler.loads(ShmPeer.unhex(peer.ok("SL_READ " + theirs)[0]))
                        instanceof List<?> l ? l.get(i) : null);
            }
            String tooLong = peer.answer("SL_SET " + mine.shm().name() + " 0 " + hexPickle("123456789"));
            assertTrue(tooLong.startsWith("ERR ValueError"), tooLong);
            assertThrows(PyValueError.class, () -> attached.set(0, "123456789"));
            attached.shm().close();
            peer.ok("UNLINK " + theirs);
            mine.shm().close();
            mine.shm().unlink();
        }
    }

    @ParameterizedTest(name = "{0} a str cut inside a character at creation fails to decode on both sides")
    @MethodSource("from39")
    void aStrCutInsideACharacterFailsOnBothSides(CPython python) throws Exception {
        List<Object> sample = List.of("ok", "aéééééé"); // 7 characters get 8 bytes: the last é is cut in two
        try (ShmPeer peer = ShmPeer.start(python)) {
            ShareableList mine = new ShareableList(sample);
            SEGMENTS.add(mine.shm().name());
            String answer = peer.answer("SL_READ " + mine.shm().name());
            assertTrue(answer.startsWith("ERR UnicodeDecodeError"), answer);
            assertEquals("ok", mine.get(0));
            assertThrows(PyValueError.class, () -> mine.get(1));
            assertEquals(null, mine.set(1, "fixed"));
            assertEquals("fixed", ((List<?>) ForkingPickler.loads(ShmPeer.unhex(peer.ok("SL_READ " + mine.shm().name())[0]))).get(1));
            mine.shm().close();
            mine.shm().unlink();
        }
    }

    @ParameterizedTest(name = "{0} reads neither layout but its own, as Java tells them apart")
    @MethodSource("from38")
    void eachCPythonReadsOnlyItsOwnLayoutWhileJavaReadsBoth(CPython python) throws Exception {
        try (ShmPeer peer = ShmPeer.start(python)) {
            List<Object> items = List.of(1, "two");
            ShareableList other = python.minor() == 8 ? new ShareableList(items) : ShareableList.inPython38Layout(items, null);
            SEGMENTS.add(other.shm().name());
            String answer = peer.answer("SL_READ " + other.shm().name());
            boolean readRight = answer.startsWith("OK")
                    && items.equals(ForkingPickler.loads(ShmPeer.unhex(answer.substring(3).split(" ")[0])));
            assertTrue(!readRight, python + " should not read the other layout, got " + answer);
            assertEquals(items, new ShareableList(other.shm().name()));
            other.shm().close();
            other.shm().unlink();
        }
    }

    private static byte[] pattern(int size, int mul, int add) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (mul * i + add);
        return b;
    }

    private static byte[] pattern(int size, int seed) {
        return pattern(size, 31, seed);
    }

    private static byte[] bytes(SharedMemory shm) {
        ByteBuffer b = shm.buf();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String hexPickle(Object value) {
        return hex(ForkingPickler.dumps(value));
    }
}
