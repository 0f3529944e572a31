package multiprocessing4j.sharedmemory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.Process;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ShareableList and SharedMemory on their own: CPython's documented bytes, errors, travel, clean-up. */
@Timeout(120)
class ShareableListTest {
    private static final TestSegments SEGMENTS = new TestSegments();

    @AfterAll
    static void nothingLeftInDevShm() {
        SEGMENTS.assertNoneLeft();
    }

    /** The hexdump CPython 3.13 gave for this list (docs/cpython-wire-protocol.md §6.2). */
    @Test
    void theVerifiedCPythonHexdump() {
        String expected = "0800000000000000" + "0000000000000000" + "0800000000000000" + "1000000000000000"
                + "1800000000000000" + "2000000000000000" + "2800000000000000" + "3000000000000000"
                + "4000000000000000" + "4800000000000000"
                + "0700000000000000" + "000000000000f8bf" + "0000000000000001" + "0000000000000000"
                + "68c3a96c6c6f0000" + "6162000000000000" + "7878787878787878" + "0000000000000000"
                + "0000000000010000"
                + "7100000000000000" + "6400000000000000" + "787878787878783f" + "787878787878" + "3f78"
                + "3873000000000000" + "3873000000000000" + "3136730000000000" + "7100000000000000"
                + "0000000301020100";
        ShareableList sl = new ShareableList(Arrays.asList(7, -1.5, true, null, "héllo",
                PyBytes.of((byte) 'a', (byte) 'b', (byte) 0), "xxxxxxxx", 1L << 40));
        SEGMENTS.add(sl.shm().name());
        assertEquals(224, sl.shm().size());
        assertEquals(expected, HexFormat.of().formatHex(bytes(sl.shm())));
        assertEquals(Arrays.asList(7, -1.5, true, null, "héllo", PyBytes.ascii("ab"), "xxxxxxxx", 1L << 40), sl);
        assertEquals("qdxxxxxxx?xxxxxx?x8s8s16sq", sl.format());
        assertEquals("ShareableList([7, -1.5, True, None, 'héllo', b'ab', 'xxxxxxxx', 1099511627776], name='"
                + sl.shm().name() + "')", sl.toString());
        sl.shm().unlink();
    }

    @Test
    void anEmptyListIsSixteenBytes() {
        ShareableList sl = new ShareableList(List.of());
        SEGMENTS.add(sl.shm().name());
        assertEquals(16, sl.shm().size());
        assertEquals(0, sl.size());
        assertEquals(0, new ShareableList(sl.shm().name()).size());
        sl.shm().unlink();
    }

    @Test
    void assignmentFollowsCPythonsRules() {
        ShareableList sl = new ShareableList(Arrays.asList("abcdefghi", 1, null));
        SEGMENTS.add(sl.shm().name());
        assertEquals("abcdefghi", sl.set(0, "x"));
        assertEquals("x", sl.get(0));
        assertEquals("16s", sl.format().substring(0, 3)); // a str keeps the slot's format
        sl.set(1, "12345678");                            // an int slot takes a str up to 8 bytes
        assertEquals("12345678", sl.get(1));
        assertThrows(PyValueError.class, () -> sl.set(1, "123456789"));
        sl.set(0, 2.5);                                   // any scalar fits a str slot
        assertEquals(2.5, sl.get(0));
        sl.set(2, false);
        assertEquals(false, sl.get(2));
        assertEquals(1, sl.count(false));
        assertEquals(2, sl.index(false));
        assertThrows(PyValueError.class, () -> sl.index("absent"));
        assertThrows(PyTypeError.class, () -> sl.set(0, 1.5f));
        assertThrows(IndexOutOfBoundsException.class, () -> sl.get(3));
        assertThrows(UnsupportedOperationException.class, () -> sl.add(1));
        sl.shm().unlink();
    }

    @Test
    void aByteArrayIsBytesAndCountAndIndexUsePythonsEquality() {
        // CPython 3.11: ShareableList([b'xy', 1, True, 1.0, 2]), then sl[0] = b'z'
        ShareableList sl = new ShareableList(Arrays.asList(new byte[] {'x', 'y'}, 1, true, 1.0, 2));
        SEGMENTS.add(sl.shm().name());
        assertEquals("8s", sl.format().substring(0, 2));
        assertEquals(PyBytes.of((byte) 'x', (byte) 'y'), sl.get(0));
        sl.set(0, new byte[] {'z'});
        assertEquals(PyBytes.of((byte) 'z'), sl.get(0));
        assertEquals(0, sl.index(new byte[] {'z'}));
        assertEquals(3, sl.count(1));    // 1 == True == 1.0
        assertEquals(1, sl.index(true));
        assertEquals(4, sl.index(2.0));
        sl.shm().unlink();
    }

    @Test
    void unsupportedItemsAreRefusedBeforeAnySegmentExists() {
        assertThrows(PyTypeError.class, () -> new ShareableList(List.of(List.of(1))));
        assertThrows(PyTypeError.class, () -> new ShareableList(List.of(java.math.BigInteger.ONE.shiftLeft(64))));
    }

    @Test
    void aCPython38ListIsReadAndWrittenInItsLayout() {
        // [1] as CPython 3.8 writes it: N=1, allocation 8, data 1, format "q", code 0 (8 + 8 + 8 + 9 bytes)
        try (SharedMemory shm = new SharedMemory(33)) {
            SEGMENTS.add(shm.name());
            shm.buf().putLong(0, 1).putLong(8, 8).putLong(16, 1).put(24, (byte) 'q');
            ShareableList sl = new ShareableList(shm.name());
            assertEquals(List.of(1), sl);
            sl.set(0, 5);
            assertEquals(5, shm.buf().getLong(16));
            ShareableList same = ShareableList.inPython38Layout(List.of(5), null);
            SEGMENTS.add(same.shm().name());
            assertEquals(HexFormat.of().formatHex(bytes(shm)), HexFormat.of().formatHex(bytes(same.shm())));
            same.shm().unlink();
            shm.unlink();
        }
    }

    @Test
    void aHeaderThatDoesNotFitIsRefused() {
        try (SharedMemory shm = new SharedMemory(33)) {
            SEGMENTS.add(shm.name());
            shm.buf().putLong(0, 1).putLong(8, 1L << 40);                  // 3.8: an allocation beyond the segment
            assertThrows(PyValueError.class, () -> new ShareableList(shm.name()));
            shm.buf().putLong(0, 1).putLong(8, -8);                        // 3.8: a negative allocation
            assertThrows(PyValueError.class, () -> new ShareableList(shm.name()));
            shm.buf().putLong(0, 5).putLong(8, 0);                         // 3.9: five items cannot fit
            assertThrows(PyValueError.class, () -> new ShareableList(shm.name()));
            shm.unlink();
        }
    }

    @Test
    void sharedMemoryErrorsAreCPythons() {
        assertEquals("ValueError: 'size' must be a positive number different from zero",
                assertThrows(PyValueError.class, () -> new SharedMemory(0)).getMessage());
        assertEquals("ValueError: 'size' must be a positive integer", // checked first, as CPython does
                assertThrows(PyValueError.class, () -> new SharedMemory(null, true, -1)).getMessage());
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> new SharedMemory("psm_nothere0"));
        assertTrue(missing.getCause() instanceof NoSuchFileException);
        try (SharedMemory shm = new SharedMemory(100)) {
            SEGMENTS.add(shm.name());
            UncheckedIOException exists = assertThrows(UncheckedIOException.class,
                    () -> new SharedMemory(shm.name(), true, 10));
            assertTrue(exists.getCause() instanceof FileAlreadyExistsException);
            try (SharedMemory again = new SharedMemory("/" + shm.name())) {
                assertEquals(100, again.size());
                assertEquals("SharedMemory('" + shm.name() + "', size=100)", again.toString());
            }
            shm.unlink();
            assertThrows(UncheckedIOException.class, shm::unlink);
        }
        SharedMemory closed = new SharedMemory(8);
        SEGMENTS.add(closed.name());
        closed.close();
        assertThrows(IllegalStateException.class, closed::buf);
        closed.unlink();
    }

    @ParameterizedTest(name = "{0}: a ShareableList and a SharedMemory captured by the target re-attach by name")
    @ValueSource(strings = {"spawn", "forkserver", "fork"})
    void theyTravelToAChildByName(String method) {
        ShareableList sl = new ShareableList(Arrays.asList(0, ""));
        SharedMemory shm = new SharedMemory(4);
        SEGMENTS.add(sl.shm().name());
        SEGMENTS.add(shm.name());
        Process p = Multiprocessing.getContext(method).Process(() -> {
            sl.set(0, (Integer) sl.get(0) + 41 + shm.buf().get(0));
            sl.set(1, "child");
        });
        shm.buf().put(0, (byte) 1);
        p.start();
        p.join();
        assertEquals(0, p.exitcode());
        assertEquals(Arrays.asList(42, "child"), sl);
        assertTrue(Files.exists(SharedMemory.DIR.resolve(shm.name())), "a child that attached does not unlink");
        sl.shm().unlink();
        shm.unlink();
    }

    @Test
    void aSegmentAChildCreatedAndDidNotUnlinkIsGoneWhenTheChildExits() {
        ShareableList names = new ShareableList(List.of("x".repeat(16)));
        SEGMENTS.add(names.shm().name());
        Process p = Multiprocessing.getContext("fork").Process(() -> names.set(0, new SharedMemory(64).name()));
        p.start();
        p.join();
        assertEquals(0, p.exitcode());
        String leaked = SEGMENTS.add((String) names.get(0));
        assertTrue(leaked.startsWith("psm_"), leaked);
        assertFalse(Files.exists(SharedMemory.DIR.resolve(leaked)), leaked);
        names.shm().unlink();
    }

    private static byte[] bytes(SharedMemory shm) {
        ByteBuffer b = shm.buf();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
