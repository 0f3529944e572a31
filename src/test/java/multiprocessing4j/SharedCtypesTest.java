package multiprocessing4j;

import static multiprocessing4j.Multiprocessing.Array;
import static multiprocessing4j.Multiprocessing.RawArray;
import static multiprocessing4j.Multiprocessing.RawValue;
import static multiprocessing4j.Multiprocessing.Value;
import static multiprocessing4j.Multiprocessing.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.sharedmemory.Segments;
import multiprocessing4j.sharedmemory.ShareableList;
import multiprocessing4j.synchronize.RLock;
import multiprocessing4j.synchronize.SemLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sharedctypes' Value and Array, their process-shared RLock, and their travel to children. */
@Timeout(120)
class SharedCtypesTest {

    static void f(Value<Double> n, Array<Integer> a) {
        n.value(3.1415927);
        for (int i = 0; i < a.size(); i++) a.set(i, -a.get(i));
    }

    @ParameterizedTest(name = "{0}: the seed's first example prints 3.1415927 and [0, -1, ..., -9]")
    @ValueSource(strings = {"fork", "forkserver", "spawn"})
    void theSeedExample(String method) {
        Context ctx = Multiprocessing.getContext(method);
        Value<Double> num = ctx.Value("d", 0.0);
        Array<Integer> arr = ctx.Array("i", range(10));
        Process p = ctx.Process(() -> f(num, arr));
        p.start();
        p.join();
        assertEquals(0, p.exitcode());
        assertEquals("3.1415927", String.valueOf(num.value()));
        assertEquals("[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]", arr.toString());
        assertEquals(List.of(0, -1, -2, -3, -4, -5, -6, -7, -8, -9), arr);
    }

    @ParameterizedTest(name = "{0} processes x 2000 locked increments of one Value")
    @ValueSource(ints = {2, 4, 8})
    void lockedIncrementsAreExact(int n) {
        Value<Integer> counter = Value("i", 0);
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ps.add(new Process(() -> {
                SemLock lock = counter.getLock();
                for (int j = 0; j < 2000; j++) {
                    lock.acquire();
                    try {
                        counter.value(counter.value() + 1);
                    } finally {
                        lock.release();
                    }
                }
            }));
        }
        ps.forEach(Process::start);
        ps.forEach(Process::join);
        ps.forEach(p -> assertEquals(0, p.exitcode()));
        assertEquals(n * 2000, counter.value());
    }

    @Test
    void aHolderKilledWhileHoldingTheLockHandsItOn() throws IOException {
        Value<Integer> v = Value("i", 0);
        RLock lock = (RLock) v.getLock(); // the default lock: an RLock, as CPython's
        try (Pipe pipe = Connection.Pipe()) {
            Connection childEnd = pipe.right();
            Process p = new Process(() -> {
                lock.acquire();
                v.getObj().value(7); // a half-done update, under the lock
                try {
                    childEnd.send("holding");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                while (true) LockSupport.park(); // holds the lock until killed
            });
            p.start();
            assertEquals("holding", pipe.left().recv());
            assertFalse(lock.acquire(false, 0), "the child holds it");
            p.kill();
            p.join();
        }
        assertTrue(lock.acquire(true, 10.0), "the next acquirer takes the lock from the dead holder");
        try {
            assertTrue(lock.ownerDied());
            assertEquals(1, lock.takeovers());
            assertEquals(7, v.getObj().value());
        } finally {
            lock.release();
        }
        lock.acquire();
        assertFalse(lock.ownerDied(), "a normal acquire after the takeover");
        lock.release();
    }

    @Test
    void theLockIsRecursivePerThread() throws Exception {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        assertTrue(lock.toString().endsWith(", 2)>"), lock.toString());
        assertFalse(CompletableFuture.supplyAsync(() -> lock.acquire(false, 0)).get(), "another thread");
        CompletionException notOwner = assertThrows(CompletionException.class, () -> CompletableFuture.runAsync(lock::release).join());
        assertTrue(notOwner.getCause() instanceof AssertionError, notOwner.toString()); // as CPython's assert
        lock.release();
        assertFalse(CompletableFuture.supplyAsync(() -> lock.acquire(true, 0.01)).get(), "still held once");
        lock.release();
        assertEquals("<RLock(None, 0)>", lock.toString());
        assertThrows(AssertionError.class, lock::release);
        assertTrue(CompletableFuture.supplyAsync(() -> {
            boolean got = lock.acquire(false, 0);
            lock.release();
            return got;
        }).get());
        lock.shm().unlink();
    }

    @Test
    void typecodesHaveCPythonsSizesAndWrapAsCtypesDoes() {
        String[] codes = {"c", "u", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "f", "d", "?"};
        int[] sizes = {1, 4, 1, 1, 2, 2, 4, 4, 8, 8, 8, 8, 4, 8, 1};
        for (int k = 0; k < codes.length; k++) {
            assertEquals(32 + 3 * sizes[k], RawArray(codes[k], 3).shm().size(), codes[k]);
        }
        assertEquals(-56, Value("b", 200).value());
        assertEquals(255, Value("B", -1).value());
        assertEquals(65535, Value("H", -1).value());
        assertEquals(-32768, Value("h", 32768).value());
        assertEquals((Object) 4294967295L, Value("I", -1).value());
        assertEquals(Integer.MIN_VALUE, Value("i", 1L << 31).value());
        assertEquals("<Synchronized wrapper for c_ulong(18446744073709551615)>", Value("Q", -1L).toString());
        assertEquals("c_float(0.10000000149011612)", RawValue("f", 0.1).toString());
        assertEquals("c_int(5)", RawValue("i", 5).toString());
        assertEquals("<Synchronized wrapper for c_double(3.1415927)>", Value("d", 3.1415927).toString());
        assertEquals("<Synchronized wrapper for c_char(b'a')>", Value("c", PyBytes.ascii("a")).toString());
        assertEquals("😀", Value("u", "😀").value());
        assertEquals(true, Value("?", true).value());
        assertEquals(0.0, Value("d").value());
        assertThrows(PyTypeError.class, () -> Value("i", 3.5));
        assertThrows(PyTypeError.class, () -> Value("x", 1));
        Value<Double> d = Value("d", 0.0);
        d.value(1); // an int where a double goes, as `v.value = 1`
        assertEquals(1.0, d.value());
        Value<Integer> i = Value("i", 0);
        i.value(i.value() + 1);
        assertEquals(1, i.value());
        assertThrows(PyTypeError.class, () -> i.value((Number) 2.5));
        assertEquals("[0, 0, 0]", Array("i", 3).toString());
        assertEquals("[18446744073709551615, 1]", RawArray("L", List.of(-1L, 1L)).toString());
    }

    @Test
    void javasByteAndCharAreTheCTypesTheyHold() {
        assertEquals(PyBytes.of(new byte[] {(byte) 0xff}), Value("c", (byte) -1).value()); // a C char, not Python's -1
        assertEquals("é", Value("u", 'é').value());
        assertThrows(PyTypeError.class, () -> Value("c", -1));
    }

    @Test
    void anInitializerCPythonRefusesLeavesNoSegment() {
        List<String> before = Segments.live();
        PyTypeError e = assertThrows(PyTypeError.class, () -> Value("i", (Object) null));
        assertEquals("TypeError: 'NoneType' object cannot be interpreted as an integer", e.getMessage());
        assertThrows(PyTypeError.class, () -> Array("d", List.of(1.0, "x")));
        assertEquals(before, Segments.live());
        assertEquals(0, Value("i").value()); // no initializer: zero, as Python's Value('i')
    }

    @Test
    void locksRawObjectsAndSharing() {
        Value<Integer> raw = RawValue("i", 5);
        assertThrows(PyAttributeError.class, raw::getLock);
        assertSame(raw, raw.getObj());
        Array<Integer> arr = Array("i", range(3), false);
        assertThrows(PyAttributeError.class, arr::getLock);
        Array<Integer> guarded = Array("i", 3);
        Value<Integer> sharing = Value("i", 1, guarded.getLock());
        assertSame(guarded.getLock(), sharing.getLock());
        assertThrows(UnsupportedOperationException.class, () -> guarded.add(1));
        assertThrows(IndexOutOfBoundsException.class, () -> guarded.get(3));
        Value<Integer> v = Value("i", 1);
        v.getObj().value(2);
        assertEquals(2, v.value());
        assertEquals("c_int(2)", v.getObj().toString());
    }

    @Test
    void aLockSharedByTwoObjectsTravelsOnceAndStillGuardsBoth() {
        Array<Integer> arr = Array("i", 2);
        Value<Integer> total = Value("i", 0, arr.getLock());
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int slot = k;
            ps.add(new Process(() -> {
                for (int j = 0; j < 1000; j++) {
                    arr.getLock().acquire();
                    try {
                        arr.set(slot, arr.get(slot) + 1);
                        total.value(total.value() + 1);
                    } finally {
                        arr.getLock().release();
                    }
                }
            }));
        }
        ps.forEach(Process::start);
        ps.forEach(Process::join);
        assertEquals(List.of(1000, 1000), arr);
        assertEquals(2000, total.value());
    }

    @Test
    void segmentsLiveUntilTheirCreatorExits() {
        ShareableList name = new ShareableList(List.of("x".repeat(40)));
        Process p = new Process(() -> name.set(0, Value("d", 1.0).shm().name()));
        p.start();
        p.join();
        assertEquals(0, p.exitcode());
        String childs = (String) name.get(0);
        assertTrue(childs.startsWith("pym-"), childs);
        assertFalse(Files.exists(java.nio.file.Path.of("/dev/shm", childs)), "the child unlinked its Value at exit");
        Value<Double> mine = Value("d", 1.0);
        assertTrue(Segments.live().contains(mine.shm().name()), "this JVM unlinks its own at exit");
        name.shm().unlink();
    }

    @Test
    void rangeIsPythons() {
        assertEquals(List.of(0, 1, 2), range(3));
        assertEquals(List.of(), range(0));
        assertEquals(List.of(5, 3, 1), Multiprocessing.range(5, 0, -2));
        assertThrows(PyValueError.class, () -> Multiprocessing.range(0, 1, 0));
    }
}
