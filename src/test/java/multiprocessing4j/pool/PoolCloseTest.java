package multiprocessing4j.pool;

import static multiprocessing4j.Multiprocessing.getContext;
import static multiprocessing4j.Multiprocessing.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import multiprocessing4j.OsProcesses;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.PyValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Pool#close()} is Python's {@code close()}: the pool takes no more tasks, the submitted
 * ones finish and the workers exit afterwards. So CPython's close-and-join idiom, ported line by
 * line, returns every result, and leaving a try-with-resources block loses no submitted work;
 * {@link Pool#terminate()} is what fails pending work.
 */
@Timeout(120)
class PoolCloseTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "spawn"})
    void closeThenJoinReturnsEveryResult(String method) {
        Pool pool = method.equals("default") ? Multiprocessing.Pool(2) : getContext(method).Pool(2);
        List<AsyncResult<long[]>> rs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int x = i;
            rs.add(pool.applyAsync(() -> PoolTest.sleepThen(100, new long[] {x * x, PoolTest.pid()})));
        }
        AsyncResult<List<Integer>> mapped = pool.mapAsync((Integer x) -> x + 1, range(10), 1);
        pool.close();
        pool.join();

        Set<Long> workers = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            long[] result = rs.get(i).get(0);
            assertEquals((long) i * i, result[0], "result " + i);
            workers.add(result[1]);
        }
        assertEquals(range(1, 11), mapped.get(0));
        for (long pid : workers) assertFalse(alive(pid), "worker " + pid + " outlived join()");
    }

    @Test
    void closeRefusesNewWorkAndDoesNotWaitForTheSubmittedWork() throws Exception {
        Pool pool = getContext("forkserver").Pool(1);
        AsyncResult<Integer> first = pool.applyAsync(() -> 1);
        assertEquals(1, first.get(60));
        // a task that cannot finish until this thread says so: close() must return while it runs
        Path gate = tmp.resolve("gate");
        String gatePath = gate.toString();
        AsyncResult<Integer> gated = pool.applyAsync(() -> waitFor(gatePath, 2));
        pool.close();
        assertFalse(gated.ready(), "close() returned while the task still ran");
        PyValueError e = assertThrows(PyValueError.class, () -> pool.applyAsync(() -> 3));
        assertTrue(e.getMessage().endsWith("Pool not running"), e.getMessage());
        Files.writeString(gate, "open");
        pool.join();
        assertEquals(2, gated.get(0));
    }

    @Test
    void leavingTryWithResourcesLetsSubmittedWorkFinish() {
        Pool pool = getContext("forkserver").Pool(2);
        AsyncResult<List<Long>> pids;
        List<AsyncResult<Integer>> rs = new ArrayList<>();
        try (pool) {
            for (int i = 0; i < 4; i++) {
                int x = i;
                rs.add(pool.applyAsync(() -> PoolTest.sleepThen(200, x * 10)));
            }
            pids = pool.mapAsync((Integer x) -> PoolTest.sleepThen(50, PoolTest.pid()), range(4), 1);
        }
        assertThrows(PyValueError.class, () -> pool.apply(() -> 1), "the block closed the pool");
        for (int i = 0; i < 4; i++) assertEquals(i * 10, rs.get(i).get(60));
        List<Long> workers = pids.get(60);
        pool.join();
        for (long pid : workers) assertFalse(alive(pid), "worker " + pid + " outlived join()");
    }

    @Test
    void aThreadPoolLeftByTryWithResourcesFinishesItsWorkToo() {
        ThreadPool pool = new ThreadPool(2);
        List<AsyncResult<Integer>> rs = new ArrayList<>();
        try (pool) {
            for (int i = 0; i < 6; i++) {
                int x = i;
                rs.add(pool.applyAsync(() -> PoolTest.sleepThen(50, x)));
            }
        }
        pool.join();
        for (int i = 0; i < 6; i++) assertEquals(i, rs.get(i).get(0));
    }

    @Test
    void terminateAfterCloseStillFailsThePendingWork() {
        Pool pool = getContext("forkserver").Pool(1);
        assertEquals(1, pool.apply(() -> 1));
        AsyncResult<Integer> busy = pool.applyAsync(() -> PoolTest.sleepThen(60_000, 1));
        AsyncResult<Integer> queued = pool.applyAsync(() -> 2);
        AsyncResult<Integer> waiting = pool.applyAsync(() -> 3); // beyond the worker's window of two
        pool.close();
        pool.terminate();
        for (AsyncResult<Integer> r : List.of(busy, queued, waiting)) {
            WorkerLostError e = assertThrows(WorkerLostError.class, () -> r.get(0));
            assertTrue(e.getMessage().contains("terminated"), e.getMessage());
        }
        pool.join();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fork", "spawn"})
    @Timeout(180)
    void theJvmExitsWhileAClosedPoolsWorkersWorkAndTakesThemWithIt(String method) throws Exception {
        Path pids = Files.createDirectory(tmp.resolve("pids"));
        java.lang.Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClosedPoolExitMain.class.getName(), method, pids.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<Long> workers = new ArrayList<>();
        try {
            List<String> out = OsProcesses.lines(parent);
            assertTrue(parent.waitFor(90, TimeUnit.SECONDS), "the parent JVM did not exit");
            assertEquals(0, parent.exitValue());
            assertEquals(List.of("closed"), out);
            try (var files = Files.list(pids)) {
                files.forEach(f -> workers.add(Long.parseLong(f.getFileName().toString())));
            }
            assertEquals(2, workers.size(), "both workers were busy when the parent returned from main");
            for (long pid : workers) OsProcesses.awaitGone(pid);
        } finally {
            parent.destroyForcibly();
            try (var files = Files.list(pids)) {
                files.forEach(f -> ProcessHandle.of(Long.parseLong(f.getFileName().toString()))
                        .ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }

    /** Runs in a worker: waits until {@code path} exists, then returns {@code value}. */
    static int waitFor(String path, int value) {
        while (!Files.exists(Path.of(path))) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        return value;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void printsItsStateAsCPythonsPoolDoes() {
        Pool pool = new Pool(2);
        assertEquals("<multiprocessing.pool.Pool state=RUN pool_size=2>", pool.toString());
        pool.terminate();
        assertEquals("<multiprocessing.pool.Pool state=TERMINATE pool_size=2>", pool.toString());
        pool.join();
        assertEquals("<multiprocessing.pool.Pool state=TERMINATE pool_size=2>", pool.toString());
        ThreadPool threads = new ThreadPool(3);
        assertEquals("<multiprocessing.pool.ThreadPool state=RUN pool_size=3>", threads.toString());
        threads.close();
        threads.join();
        assertEquals("<multiprocessing.pool.ThreadPool state=CLOSE pool_size=3>", threads.toString());
    }
}
