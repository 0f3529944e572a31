package multiprocessing4j.pool;

import static multiprocessing4j.Multiprocessing.getContext;
import static multiprocessing4j.Multiprocessing.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.Context;
import multiprocessing4j.PyValueError;
import multiprocessing4j.TimeoutError;
import multiprocessing4j.reduction.PicklingError;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Pool} against CPython's semantics, on worker processes (forkserver, as warm as tests
 * can afford). Most cases share one {@code Pool(2)}; those that kill, recycle or terminate
 * workers make their own.
 */
@Timeout(120)
class PoolTest {
    private static final Context CTX = getContext("forkserver");
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = CTX.Pool(2);
    }

    @AfterAll
    static void stopPool() {
        List<Long> pids = pool.map((Integer x) -> pid(), range(8), 1);
        pool.close();
        pool.join();
        for (long pid : pids) assertFalse(alive(pid), "worker " + pid + " outlived join()");
    }

    // ---- results and their order ----

    @Test
    void mapReturnsResultsInInputOrder() {
        assertEquals(range(100).stream().map(x -> x * x).toList(), pool.map((Integer x) -> x * x, range(100)));
        assertEquals(List.of("a!", "b!", "c!"), pool.map((String s) -> s + "!", List.of("a", "b", "c"), 1));
        assertEquals("['a!', None]", pool.map((String s) -> s == null ? null : s + "!", Arrays.asList("a", null)).toString(),
                "printed as CPython's print(pool.map(...))");
    }

    @Test
    void mapOfNothingIsAnEmptyListAtOnce() {
        AsyncResult<List<Integer>> r = pool.mapAsync((Integer x) -> x, List.of());
        assertTrue(r.ready());
        assertEquals(List.of(), r.get());
    }

    @Test
    void mapCarriesAnySerializableValue() {
        List<Object> items = Arrays.asList(null, 1, 2L, 2.5, true, "é", new byte[] {1}, PyTuple.of(1, "x"), List.of(3), Map.of("k", 1));
        List<Object> back = pool.map((Object x) -> x, items, 3);
        assertEquals(items.size(), back.size());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof byte[] b) assertTrue(Arrays.equals(b, (byte[]) back.get(i)));
            else assertEquals(items.get(i), back.get(i));
        }
    }

    @Test
    void imapYieldsInOrderAndImapUnorderedYieldsEveryResult() {
        List<Integer> ordered = new ArrayList<>();
        for (int x : pool.imap((Integer x) -> sleepThen(x % 3 == 0 ? 20 : 0, x * 2), range(30))) ordered.add(x);
        assertEquals(range(30).stream().map(x -> x * 2).toList(), ordered);

        List<Integer> unordered = new ArrayList<>();
        pool.imapUnordered((Integer x) -> sleepThen(x % 3 == 0 ? 20 : 0, x * 2), range(30), 4).forEach(unordered::add);
        Collections.sort(unordered);
        assertEquals(ordered, unordered);
    }

    @Test
    void starmapSpreadsEachPair() {
        List<Object> pairs = List.of(List.of(1, 2), PyTuple.of(3, 4), new Object[] {5, 6}, new java.util.AbstractMap.SimpleEntry<>(7, 8));
        assertEquals(List.of(3, 7, 11, 15), pool.starmap((Integer a, Integer b) -> a + b, pairs));
        assertEquals(List.of(2, 12), pool.starmapAsync((Integer a, Integer b) -> a * b, List.of(List.of(1, 2), List.of(3, 4))).get());
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> pool.starmap((Integer a, Integer b) -> a + b, List.of(List.of(1, 2, 3))));
        assertTrue(e.getMessage().contains("takes 2 positional arguments but 3 were given"), e.getMessage());
    }

    @Test
    void applyRunsInAWorkerProcess() {
        long here = ProcessHandle.current().pid();
        long there = pool.apply(PoolTest::pid);
        assertTrue(there != here);
        int captured = 20;
        assertEquals(42, pool.apply(() -> captured + 22));
    }

    // ---- exceptions ----

    @Test
    void aWorkersExceptionIsRethrownWithItsStackTraceAndTheWorkerNamed() {
        AsyncResult<Integer> r = pool.applyAsync(() -> divide(1, 0));
        ArithmeticException e = assertThrows(ArithmeticException.class, r::get);
        assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("divide")),
                "the worker's frames are the exception's stack trace");
        RemoteTraceback remote = (RemoteTraceback) e.getSuppressed()[0];
        assertTrue(remote.getMessage().matches("(?s)raised in ForkServerPoolWorker-\\d+ \\(pid \\d+\\).*ArithmeticException.*divide.*"),
                remote.getMessage());
        assertTrue(r.ready());
        assertFalse(r.successful());
        assertThrows(ArithmeticException.class, r::get, "get() raises again");
    }

    @Test
    void aFunctionMayThrowACheckedExceptionAndGetRethrowsItAsItIs() {
        java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class,
                () -> pool.map((String p) -> java.nio.file.Files.readString(java.nio.file.Path.of(p)), List.of("/no/such/file")));
        assertEquals("/no/such/file", e.getFile());
        assertThrows(java.io.IOException.class, () -> pool.apply(() -> {
            throw new java.io.IOException("raised in the worker");
        }));
    }

    @Test
    void oneFailingItemFailsTheWholeMapButNotImapsOtherItems() {
        assertThrows(ArithmeticException.class, () -> pool.map((Integer x) -> divide(10, x - 5), range(10), 2));
        IMapIterator<Integer> it = pool.imap((Integer x) -> divide(10, x - 1), range(3));
        assertEquals(-10, it.next());
        assertThrows(ArithmeticException.class, it::next);
        assertEquals(10, it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void unserializableFunctionsFailAtSubmitAndUnserializableResultsAsCPythons() {
        Object notSerializable = new Object();
        assertThrows(PicklingError.class, () -> pool.apply(() -> notSerializable.hashCode()));
        MaybeEncodingError e = assertThrows(MaybeEncodingError.class, () -> pool.apply(Object::new));
        assertTrue(e.getMessage().startsWith("Error sending result: 'java.lang.Object@"), e.getMessage());
        assertEquals(3, pool.apply(() -> 3), "the worker goes on");
    }

    // ---- AsyncResult ----

    @Test
    void getWithATimeoutRaisesTimeoutErrorAndSuccessfulRefusesAnUnreadyResult() {
        AsyncResult<Integer> slow = pool.applyAsync(() -> sleepThen(1500, 7));
        assertThrows(TimeoutError.class, () -> slow.get(0.05));
        assertFalse(slow.ready());
        PyValueError e = assertThrows(PyValueError.class, slow::successful);
        assertTrue(e.getMessage().endsWith("not ready"), e.getMessage());
        slow.await(0.01);
        assertFalse(slow.ready());
        assertEquals(7, slow.get(60));
        assertTrue(slow.successful());

        IMapIterator<Integer> it = pool.imap((Integer x) -> sleepThen(1500, x), List.of(1));
        assertThrows(TimeoutError.class, () -> it.next(0.05));
        assertEquals(1, it.next(60));
    }

    @Test
    void callbacksRunBeforeTheResultIsReady() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        CountDownLatch errors = new CountDownLatch(1);
        AsyncResult<List<Integer>> ok = pool.mapAsync((Integer x) -> x + 1, range(5), null, seen::add, seen::add);
        AsyncResult<Integer> bad = pool.applyAsync(() -> divide(1, 0), seen::add, t -> {
            seen.add(t.getClass().getSimpleName());
            errors.countDown();
        });
        assertEquals(List.of(1, 2, 3, 4, 5), ok.get());
        assertTrue(seen.contains(List.of(1, 2, 3, 4, 5)), "the callback ran before get() returned");
        bad.await();
        assertTrue(errors.await(0, TimeUnit.SECONDS), "the error callback ran before wait() returned");
        assertTrue(seen.contains("ArithmeticException"));
        assertEquals(2, seen.size());
    }

    @Test
    void theKeywordShapedOverloadsCallTheirCallbacks() throws Exception {
        // apply_async(f, callback=cb); map_async(f, it, callback=cb[, error_callback=eb]); starmap_async likewise
        List<Object> seen = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        assertEquals(1, pool.applyAsync(() -> 1, r -> seen.add("apply " + r)).get());
        assertEquals(List.of(0, 1, 2), pool.mapAsync((Integer x) -> x, range(3), res -> seen.add("map " + res)).get());
        assertEquals(List.of(0, 2, 4), pool.mapAsync((Integer x) -> x * 2, range(3), res -> seen.add("map2 " + res),
                err -> errors.add("map2 " + err)).get());
        assertEquals(List.of(3), pool.starmapAsync((Integer a, Integer b) -> a + b, List.of(List.of(1, 2)),
                res -> seen.add("starmap " + res)).get());
        assertEquals(List.of(7), pool.starmapAsync((Integer a, Integer b) -> a + b, List.of(List.of(3, 4)),
                res -> seen.add("starmap2 " + res), err -> errors.add("starmap2 " + err)).get());
        assertEquals(List.of(5), pool.starmapAsync((Integer a, Integer b) -> a * b, List.of(List.of(1, 5)), 1).get());
        assertEquals(List.of("apply 1", "map [0, 1, 2]", "map2 [0, 2, 4]", "starmap [3]", "starmap2 [7]"), seen);

        AsyncResult<List<Integer>> failedMap = pool.mapAsync((Integer x) -> divide(1, x), range(2),
                res -> seen.add("not called"), err -> errors.add("map " + err.getClass().getSimpleName()));
        failedMap.await();
        AsyncResult<List<Integer>> failedStarmap = pool.starmapAsync((Integer a, Integer b) -> divide(a, b),
                List.of(List.of(1, 0)), res -> seen.add("not called"), err -> errors.add("starmap " + err.getClass().getSimpleName()));
        failedStarmap.await();
        AsyncResult<Integer> failedApply = pool.applyAsync(() -> divide(1, 0), r -> seen.add("not called"));
        failedApply.await();
        assertThrows(ArithmeticException.class, failedApply::get, "callback only: the error is get()'s");
        assertEquals(List.of("map ArithmeticException", "starmap ArithmeticException"), errors);
        assertEquals(5, seen.size(), "no success callback ran for a failure");
    }

    @Test
    void aCompletableFutureViewCompletesWithTheResult() throws Exception {
        CompletableFuture<Integer> f = pool.applyAsync(() -> 6 * 7).toCompletableFuture();
        assertEquals(43, f.thenApply(x -> x + 1).get(60, TimeUnit.SECONDS));
        CompletableFuture<Integer> failed = pool.applyAsync(() -> divide(1, 0)).toCompletableFuture();
        Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(60, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(ArithmeticException.class, cause.getCause() == null ? cause : cause.getCause());
    }

    // ---- life cycle ----

    @Test
    void closeLetsQueuedTasksFinishThenRefusesWork() {
        try (Pool p = CTX.Pool(1)) {
            assertThrows(PyValueError.class, p::join, "join() while running");
            AsyncResult<Integer> queued = p.applyAsync(() -> sleepThen(200, 1));
            AsyncResult<List<Integer>> more = p.mapAsync((Integer x) -> x, range(10));
            p.close();
            PyValueError e = assertThrows(PyValueError.class, () -> p.apply(() -> 1));
            assertTrue(e.getMessage().endsWith("Pool not running"), e.getMessage());
            p.join();
            assertEquals(1, queued.get(0));
            assertEquals(range(10), more.get(0));
        }
    }

    @Test
    void maxtasksperchildReplacesWorkersAfterTheirTasks() {
        Set<Long> pids = new HashSet<>();
        Pool p = CTX.Pool(1, null, 2);
        try (p) {
            for (int i = 0; i < 6; i++) pids.add(p.apply(PoolTest::pid));
            assertEquals(3, pids.size(), "two tasks per worker: " + pids);
            assertEquals(range(20), p.map((Integer x) -> x, range(20), 5), "chunks are tasks too");
        }
        p.join();
        for (long pid : pids) assertFalse(alive(pid));
    }

    @Test
    void theInitializerRunsInEveryWorkerBeforeItsTasks() {
        String key = "pool.test.initialized";
        try (Pool p = CTX.Pool(2, () -> System.setProperty(key, "yes"))) {
            assertEquals(List.of("yes", "yes", "yes", "yes"), p.map((Integer x) -> sleepThen(50, System.getProperty(key)), range(4), 1));
            p.close();
            p.join();
        }
        assertNull(System.getProperty(key), "it ran in the workers, not here");
    }

    @Test
    void anInitializerThatRaisesBreaksThePoolVisibly() {
        try (Pool p = CTX.Pool(1, () -> {
            throw new IllegalStateException("no database");
        })) {
            WorkerLostError e = assertThrows(WorkerLostError.class, () -> p.apply(() -> 1));
            Throwable cause = e.getCause();
            assertInstanceOf(IllegalStateException.class, cause instanceof WorkerLostError w ? w.getCause() : cause);
            p.terminate();
        }
    }

    @Test
    void aKilledWorkerFailsItsTasksAndIsReplaced() throws Exception {
        try (Pool p = CTX.Pool(1)) {
            long victim = p.apply(PoolTest::pid);
            AsyncResult<Integer> doomed = p.applyAsync(() -> sleepThen(60_000, 1));
            AsyncResult<Integer> queued = p.applyAsync(() -> 2);
            sleepThen(300, 0);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            WorkerLostError e = assertThrows(WorkerLostError.class, () -> doomed.get(60));
            assertTrue(e.getMessage().contains("signal 9 (SIGKILL)"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + victim), e.getMessage());
            // the queued task was in the dead worker's window too: it fails rather than hangs
            WorkerLostError lost = assertThrows(WorkerLostError.class, () -> queued.get(60));
            assertTrue(lost.getMessage().contains("SIGKILL"));
            long replacement = p.apply(PoolTest::pid);
            assertTrue(replacement != victim);
            assertEquals(range(10), p.map((Integer x) -> x, range(10)));
            p.close();
            p.join();
            assertFalse(alive(replacement), "the replacement exits after close() and join()");
        }
    }

    @Test
    void terminateWhileBusyEndsTheWorkersAndFailsWhatIsPending() {
        Pool p = CTX.Pool(2);
        List<Long> pids = p.map((Integer x) -> sleepThen(100, pid()), range(2), 1);
        AsyncResult<List<Integer>> busy = p.mapAsync((Integer x) -> sleepThen(60_000, x), range(4), 1);
        sleepThen(200, 0);
        p.terminate();
        WorkerLostError e = assertThrows(WorkerLostError.class, () -> busy.get(0));
        assertTrue(e.getMessage().contains("terminated"), e.getMessage());
        for (long pid : pids) assertFalse(alive(pid), "worker " + pid + " survived terminate()");
        assertThrows(PyValueError.class, () -> p.apply(() -> 1));
        p.join();
    }

    // ---- helpers that run in the workers ----

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static int divide(int a, int b) {
        return a / b;
    }

    static <T> T sleepThen(long millis, T value) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
