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
 * <h2>{@code close()}</h2>
 * {@link #close()} is Python's {@code pool_proxy.close()}: it calls the pool's {@code close} on the
 * server (no more tasks; the submitted ones finish; the workers then exit) and, unlike
 * {@link BaseProxy#close()}, keeps the proxy's reference, so {@link #join()} (and
 * {@link #terminate()}) still work afterwards, as CPython's close-then-join idiom needs:
 * <pre>{@code
 * PoolProxy pool = manager.Pool(2);
 * AsyncResultProxy r = pool.applyAsync(f, 1);
 * pool.close();                 // the remote close
 * pool.join();                  // still a live proxy
 * r.get();
 * }</pre>
 * Leaving a try-with-resources block therefore closes the pool gracefully (submitted work
 * completes); Python's {@code with pool:} terminates it instead, which is {@link #terminate()}.
 * The reference itself is released as CPython's is: by {@link #release()} (CPython's finaliser,
 * {@code del pool}), when the proxy becomes unreachable, or when the manager is closed. Once
 * released, {@code close()} does nothing (the pool on the server is out of reach).
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

    /** Python's {@code terminate()}: stops the workers now. */
    public void terminate() {
        callMethod("terminate");
    }

    /** Python's {@code join()}: waits for the workers to end (after {@link #close()} or {@link #terminate()}). */
    public void join() {
        callMethod("join");
    }

    /**
     * Python's {@code pool.close()}: calls {@code close} on the server (no more tasks; the workers
     * end when the submitted ones are done) and keeps this proxy's reference, so that
     * {@link #join()} still works; {@link #release()} releases it. Does nothing once the proxy is
     * released or its manager closed, so that leaving a try-with-resources block after either
     * does not fail. Not {@link BaseProxy#close()}, which only releases the reference.
     */
    @Override
    public void close() {
        if (reference != null && !manager().isClosed()) callMethod("close");
    }

    /**
     * Releases this proxy's reference on the server (what {@link BaseProxy#close()} does for other
     * proxies; CPython's finaliser when the proxy is deleted); further calls fail with
     * {@link IllegalStateException}. Does not close the pool. Idempotent.
     */
    public void release() {
        super.close();
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
