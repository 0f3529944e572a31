package multiprocessing4j.managers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import multiprocessing4j.TimeoutError;

/**
 * A proxy of a pool's {@code AsyncResult} on the server (what {@code apply_async},
 * {@code map_async} and {@code starmap_async} return): CPython's auto-proxy for it, with Java
 * methods, and a {@link CompletableFuture} view.
 */
public class AsyncResultProxy extends AutoProxy {
    /** Threads that wait for results on behalf of futures; idle ones end after a minute. */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mp4j-async-result");
        t.setDaemon(true);
        return t;
    });

    public AsyncResultProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /**
     * Python's {@code get()}: waits for the result and returns it.
     *
     * @throws multiprocessing4j.PyException the task's own exception, as raised in the pool
     */
    public Object get() {
        return callMethod("get");
    }

    /**
     * Python's {@code get(timeout)}.
     *
     * @throws TimeoutError if no result came within {@code timeout} seconds
     */
    public Object get(double timeout) {
        try {
            return callMethod("get", timeout);
        } catch (multiprocessing4j.PyException e) {
            if (e.pythonType().equals("multiprocessing.context.TimeoutError")) throw new TimeoutError(e.getMessage());
            throw e;
        }
    }

    /** Python's {@code ready()}: whether the task finished. */
    public boolean ready() {
        return (Boolean) callMethod("ready");
    }

    /**
     * Python's {@code successful()}: whether the task finished without raising.
     *
     * @throws multiprocessing4j.PyValueError if it has not finished (3.7+; 3.6 raises AssertionError)
     */
    public boolean successful() {
        return (Boolean) callMethod("successful");
    }

    /** Python's {@code wait(timeout)}: waits at most {@code timeout} seconds for the task to finish. */
    public void await(double timeout) {
        callMethod("wait", timeout);
    }

    /**
     * A future completed with the result (or the task's exception). A background thread waits
     * on the server for it, on its own connection.
     */
    public CompletableFuture<Object> toCompletableFuture() {
        return CompletableFuture.supplyAsync(this::get, WAITERS);
    }
}
