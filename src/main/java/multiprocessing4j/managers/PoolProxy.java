package multiprocessing4j.managers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/**
 * A proxy of a {@code multiprocessing.pool.Pool} on the server, as Python's {@code PoolProxy}.
 *
 * <p>The tasks run in the server's worker processes, so {@code func} must be something CPython
 * can unpickle and call: a Python global such as {@code PyGlobal("operator", "neg")} or
 * {@code PyGlobal("builtins", "abs")}. A task's exception is rethrown as the Java exception named
 * after it.
 *
 * <p>Python's {@code with pool:} ends with {@code terminate()}, so {@link #close()} terminates
 * the pool and releases the proxy; Python's own {@code pool.close()} is {@link #closePool()}.
 */
public class PoolProxy extends BaseProxy {

    public PoolProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /** Python's {@code apply(func, args)}: runs {@code func(*args)} in a worker and returns its result. */
    public Object apply(Object func, Object... args) {
        return callMethod("apply", func, PyTuple.of(args));
    }

    /** Python's {@code apply(func, args, kwds)}. */
    public Object apply(Object func, PyTuple args, Map<String, ?> kwds) {
        return callMethod("apply", func, args, kwds);
    }

    /** Python's {@code apply_async(func, args)}. */
    public AsyncResultProxy applyAsync(Object func, Object... args) {
        return (AsyncResultProxy) callMethod("apply_async", func, PyTuple.of(args));
    }

    /** Python's {@code map(func, iterable)}: {@code [func(x) for x in iterable]}, computed by the workers. */
    @SuppressWarnings("unchecked")
    public List<Object> map(Object func, Iterable<?> iterable) {
        return (List<Object>) callMethod("map", func, list(iterable));
    }

    /** Python's {@code map_async(func, iterable)}. */
    public AsyncResultProxy mapAsync(Object func, Iterable<?> iterable) {
        return (AsyncResultProxy) callMethod("map_async", func, list(iterable));
    }

    /** Python's {@code starmap(func, iterable)}: {@code [func(*args) for args in iterable]}. */
    @SuppressWarnings("unchecked")
    public List<Object> starmap(Object func, Iterable<?> iterable) {
        return (List<Object>) callMethod("starmap", func, list(iterable));
    }

    /** Python's {@code starmap_async(func, iterable)}. */
    public AsyncResultProxy starmapAsync(Object func, Iterable<?> iterable) {
        return (AsyncResultProxy) callMethod("starmap_async", func, list(iterable));
    }

    /** Python's {@code imap(func, iterable)}: the results in order, as they come. */
    public IteratorProxy imap(Object func, Iterable<?> iterable) {
        return (IteratorProxy) callMethod("imap", func, list(iterable));
    }

    /** Python's {@code imap_unordered(func, iterable)}: the results in the order they finish. */
    public IteratorProxy imapUnordered(Object func, Iterable<?> iterable) {
        return (IteratorProxy) callMethod("imap_unordered", func, list(iterable));
    }

    /** Python's {@code pool.close()}: no more tasks; the workers end when the queued ones are done. */
    public void closePool() {
        callMethod("close");
    }

    /** Python's {@code terminate()}: stops the workers now. */
    public void terminate() {
        callMethod("terminate");
    }

    /** Python's {@code join()}: waits for the workers to end (after {@link #closePool()} or {@link #terminate()}). */
    public void join() {
        callMethod("join");
    }

    /** Terminates the pool, as leaving Python's {@code with pool:}, then releases the proxy. */
    @Override
    public void close() {
        try {
            if (reference != null && !manager().isClosed()) terminate();
        } finally {
            super.close();
        }
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.PoolProxy";
    }

    private static List<Object> list(Iterable<?> items) {
        List<Object> list = new ArrayList<>();
        for (Object o : items) list.add(o);
        return list;
    }
}
