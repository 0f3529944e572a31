package multiprocessing4j.managers;

import static multiprocessing4j.Multiprocessing.Manager;
import static multiprocessing4j.Multiprocessing.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import multiprocessing4j.PyException;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.SerializableBiFunction;
import multiprocessing4j.SerializableFunction;
import multiprocessing4j.SerializableSupplier;
import multiprocessing4j.TimeoutError;
import multiprocessing4j.reduction.PyGlobal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code Pool} typeid of a Java-hosted manager (a child JVM, as {@code Manager()}), used by
 * a Java client through {@link PoolProxy}: Java functions run in the server's pool; a Python
 * function is refused with a TypeError. The CPython client's side is
 * {@code compat-tests/test_manager_server.py}'s {@code test_pool_refuses_python_functions}.
 */
@Timeout(120)
class HostedPoolTest {

    @Test
    void javaClientsRunJavaFunctionsInTheManagersPool() {
        try (SyncManager m = Manager(); PoolProxy pool = m.Pool(2)) {
            SerializableFunction<Integer, Integer> square = x -> x * x;
            assertEquals(range(20).stream().map(x -> x * x).toList(), pool.map(square, range(20)));
            SerializableBiFunction<Integer, Integer, Integer> add = Integer::sum;
            assertEquals(List.of(3L, 7L), pool.starmap(add, List.of(List.of(1, 2), List.of(3, 4))).stream()
                    .map(x -> ((Number) x).longValue()).toList());
            SerializableSupplier<String> hello = () -> "hello";
            assertEquals("hello", pool.apply(hello));
            assertEquals(49, ((Number) pool.apply(square, 7)).intValue());

            AsyncResultProxy r = pool.applyAsync((SerializableSupplier<Integer>) () -> HostedPoolTest.sleepThen(1000, 5));
            assertThrows(TimeoutError.class, () -> r.get(0.05));
            assertFalse(r.ready());
            assertEquals(5, ((Number) r.get()).intValue());
            assertTrue(r.successful());

            List<Object> unordered = new ArrayList<>();
            pool.imapUnordered(square, range(10)).forEachRemaining(unordered::add);
            unordered.sort((a, b) -> Long.compare(((Number) a).longValue(), ((Number) b).longValue()));
            List<Object> ordered = new ArrayList<>();
            pool.imap(square, range(10)).forEachRemaining(ordered::add);
            assertEquals(ordered, unordered);

            SerializableFunction<Integer, Integer> divide = x -> 10 / x;
            PyException e = assertThrows(PyException.class, () -> pool.map(divide, List.of(1, 0)));
            assertTrue(e.pythonType().endsWith("ZeroDivisionError") || e.getMessage().contains("by zero"), e.toString());
        }
    }

    @Test
    void closeIsThePoolsRemoteCloseAndJoinStillWorksAfterIt() {
        try (SyncManager m = Manager()) {
            PoolProxy pool = m.Pool(2);
            List<AsyncResultProxy> rs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int x = i;
                rs.add(pool.applyAsync((SerializableSupplier<Integer>) () -> HostedPoolTest.sleepThen(100, x * 10)));
            }
            pool.close(); // CPython's pool.close(): the server's pool takes no more tasks
            PyException refused = assertThrows(PyException.class, () -> pool.apply((SerializableSupplier<Integer>) () -> 1));
            assertTrue(refused.getMessage().contains("Pool not running"), refused.getMessage());
            pool.join(); // the proxy still holds its reference
            for (int i = 0; i < 4; i++) assertEquals(i * 10, ((Number) rs.get(i).get(0)).intValue());

            pool.release(); // CPython's `del pool`
            assertThrows(IllegalStateException.class, pool::join);
            pool.close(); // nothing left to close: no error, as leaving a try block after release()
        }
    }

    @Test
    void pythonFunctionsAreRefusedWithATypeError() {
        try (SyncManager m = Manager(); PoolProxy pool = m.Pool(1)) {
            PyTypeError e = assertThrows(PyTypeError.class, () -> pool.map(new PyGlobal("builtins", "abs"), List.of(-1)));
            assertTrue(e.getMessage().contains("Java functions only"), e.getMessage());
        }
    }

    static <T> T sleepThen(long millis, T value) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }
}
