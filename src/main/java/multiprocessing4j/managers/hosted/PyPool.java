package multiprocessing4j.managers.hosted;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.SerializableBiFunction;
import multiprocessing4j.SerializableFunction;
import multiprocessing4j.SerializableSupplier;
import multiprocessing4j.pool.AsyncResult;
import multiprocessing4j.pool.IMapIterator;
import multiprocessing4j.pool.ThreadPool;
import multiprocessing4j.reduction.JavaObjectEnvelope;
import multiprocessing4j.reduction.PyTuple;

/**
 * The referent of the {@code Pool} typeid in a Java-hosted manager: a {@link ThreadPool} in the
 * server's JVM with CPython's {@code Pool} methods, as {@code PoolProxy} calls them.
 *
 * <p>Why threads, not worker processes: the functions arrive as Java objects in this JVM (Java
 * clients send serializable lambdas, in the pickle's Java-only envelope), Java threads run in
 * parallel (there is no GIL for processes to get around), and a manager then starts no further
 * JVMs. A function that brings the JVM down brings the manager down with it, which worker
 * processes would have contained.
 *
 * <p>Functions must be Java functions: a {@link SerializableSupplier} ({@code apply} with no
 * arguments), {@link SerializableFunction} (one argument, {@code map}, {@code imap}) or
 * {@link SerializableBiFunction} (two, {@code starmap}). A CPython client's function is Python
 * code, which a JVM cannot run: it gets a {@code TypeError} saying so.
 */
public final class PyPool implements Exposed {
    private static final List<String> METHODS = List.of("apply", "apply_async", "close", "imap", "imap_unordered",
            "join", "map", "map_async", "starmap", "starmap_async", "terminate");
    /** The client authenticated with the manager's key, as CPython's unpickling of its functions trusts it. */
    private static final ObjectInputFilter TRUSTED = info -> ObjectInputFilter.Status.UNDECIDED;

    private final ThreadPool pool;

    private PyPool(Integer processes) {
        this.pool = new ThreadPool(processes);
    }

    /** {@code Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None)}; only {@code processes} is honoured. */
    public static PyPool make(PyTuple args, Map<String, Object> kwds) {
        Object[] a = Args.bind("Pool", args, kwds, "processes", null, "initializer", null, "initargs", PyTuple.of(),
                "maxtasksperchild", null);
        if (a[1] != null) throw new PyTypeError("a Java-hosted manager's Pool takes no initializer (its workers are threads)");
        return new PyPool(a[0] == null ? null : Args.index(a[0]));
    }

    @Override
    public List<String> publicMethods() {
        return METHODS;
    }

    @Override
    public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        Object[] a;
        switch (name) {
            case "apply":
            case "apply_async": {
                a = Args.bind(name, args, kwds, "func", Args.REQUIRED, "args", PyTuple.of(), "kwds", Map.of(),
                        "callback", null, "error_callback", null);
                SerializableSupplier<Object> call = bound(name, a[0], a[1], a[2]);
                AsyncResult<Object> r = pool.applyAsync(call);
                return name.equals("apply") ? Waits.during(r::get) : new PyAsyncResult(r);
            }
            case "map":
            case "map_async":
            case "starmap":
            case "starmap_async": {
                a = Args.bind(name, args, kwds, "func", Args.REQUIRED, "iterable", Args.REQUIRED, "chunksize", null,
                        "callback", null, "error_callback", null);
                Integer chunksize = a[2] == null ? null : Args.index(a[2]);
                AsyncResult<List<Object>> r = name.startsWith("star")
                        ? pool.starmapAsync(biFunction(name, a[0]), items(a[1]), chunksize, null, null)
                        : pool.mapAsync(function(name, a[0]), items(a[1]), chunksize, null, null);
                return name.endsWith("_async") ? new PyAsyncResult(r) : Waits.during(r::get);
            }
            case "imap":
            case "imap_unordered": {
                a = Args.bind(name, args, kwds, "func", Args.REQUIRED, "iterable", Args.REQUIRED, "chunksize", 1);
                int chunksize = Args.index(a[2]);
                IMapIterator<Object> it = name.equals("imap") ? pool.imap(function(name, a[0]), items(a[1]), chunksize)
                        : pool.imapUnordered(function(name, a[0]), items(a[1]), chunksize);
                return new PyResultIterator(it);
            }
            case "close":
                Args.none(name, args, kwds);
                pool.close();
                return null;
            case "terminate":
                Args.none(name, args, kwds);
                pool.terminate();
                return null;
            case "join":
                Args.none(name, args, kwds);
                pool.join();
                return null;
            default:
                throw new PyTypeError("Pool has no method " + name);
        }
    }

    @Override
    public String toString() {
        return pool.toString();
    }

    /** {@code func(*args)} as a supplier, for functions of zero, one or two arguments. */
    @SuppressWarnings("unchecked")
    private static SerializableSupplier<Object> bound(String method, Object func, Object args, Object kwds) {
        Object f = java(method, func);
        if (kwds instanceof Map<?, ?> m && !m.isEmpty()) throw new PyTypeError(method + ": a Java function takes no keyword arguments");
        List<Object> list = new ArrayList<>();
        for (Object o : (Iterable<?>) args) list.add(o);
        if (list.isEmpty() && f instanceof Supplier<?> s) return ((Supplier<Object>) s)::get;
        if (list.size() == 1 && f instanceof Function<?, ?> g) return () -> ((Function<Object, Object>) g).apply(list.get(0));
        if (list.size() == 2 && f instanceof BiFunction<?, ?, ?> g) {
            return () -> ((BiFunction<Object, Object, Object>) g).apply(list.get(0), list.get(1));
        }
        throw new PyTypeError(method + ": " + f.getClass().getName() + " cannot be called with " + list.size() + " argument"
                + (list.size() == 1 ? "" : "s") + " (a Supplier takes 0, a Function 1, a BiFunction 2)");
    }

    @SuppressWarnings("unchecked")
    private static SerializableFunction<Object, Object> function(String method, Object func) {
        Object f = java(method, func);
        if (!(f instanceof Function<?, ?> g)) throw new PyTypeError(method + " needs a java.util.function.Function, not " + f.getClass().getName());
        return x -> ((Function<Object, Object>) g).apply(x);
    }

    @SuppressWarnings("unchecked")
    private static SerializableBiFunction<Object, Object, Object> biFunction(String method, Object func) {
        Object f = java(method, func);
        if (!(f instanceof BiFunction<?, ?, ?> g)) throw new PyTypeError(method + " needs a java.util.function.BiFunction, not " + f.getClass().getName());
        return (x, y) -> ((BiFunction<Object, Object, Object>) g).apply(x, y);
    }

    /** The Java object a client sent, or a TypeError for anything else (a Python function). */
    private static Object java(String method, Object func) {
        if (func instanceof JavaObjectEnvelope e) return e.deserialize(TRUSTED);
        String what = func == null ? "None" : multiprocessing4j.reduction.PyRepr.repr(func);
        throw new PyTypeError(method + ": " + what + " is not a Java function; a Java-hosted manager's Pool runs Java"
                + " functions only (serializable lambdas sent by Java clients), and cannot run Python code");
    }

    private static List<Object> items(Object iterable) {
        if (!(iterable instanceof Iterable<?> it)) throw new PyTypeError("'" + iterable + "' object is not iterable");
        List<Object> list = new ArrayList<>();
        for (Object o : it) list.add(o);
        return list;
    }

    /** The referent of the {@code AsyncResult} typeid: {@code get}, {@code wait}, {@code ready}, {@code successful}. */
    static final class PyAsyncResult implements Exposed {
        private final AsyncResult<?> result;

        PyAsyncResult(AsyncResult<?> result) {
            this.result = result;
        }

        @Override
        public List<String> publicMethods() {
            return List.of("get", "ready", "successful", "wait");
        }

        @Override
        public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
            switch (name) {
                case "get": {
                    Double timeout = Args.timeout(Args.bind(name, args, kwds, "timeout", null)[0]);
                    if (timeout == null) return Waits.during(result::get);
                    try {
                        return Waits.during(() -> result.get(timeout));
                    } catch (multiprocessing4j.TimeoutError e) {
                        throw new multiprocessing4j.PyException("multiprocessing.context.TimeoutError", PyTuple.of());
                    }
                }
                case "wait": {
                    Double timeout = Args.timeout(Args.bind(name, args, kwds, "timeout", null)[0]);
                    return Waits.during(() -> {
                        if (timeout == null) result.await();
                        else result.await(timeout);
                        return null;
                    });
                }
                case "ready":
                    Args.none(name, args, kwds);
                    return result.ready();
                case "successful":
                    Args.none(name, args, kwds);
                    return result.successful();
                default:
                    throw new PyTypeError("AsyncResult has no method " + name);
            }
        }
    }

    /** The referent of the {@code Iterator} typeid for {@code imap}: {@code __next__} until {@code StopIteration}. */
    static final class PyResultIterator implements Exposed {
        private final IMapIterator<Object> results;

        PyResultIterator(IMapIterator<Object> results) {
            this.results = results;
        }

        @Override
        public List<String> publicMethods() {
            return List.of();
        }

        @Override
        public boolean hasMethod(String name) {
            return name.equals("__next__");
        }

        @Override
        public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
            Object[] a = Args.bind(name, args, kwds, "timeout", null);
            Double timeout = Args.timeout(a[0]);
            try {
                return Waits.during(() -> timeout == null ? results.next() : results.next(timeout));
            } catch (java.util.NoSuchElementException e) {
                throw new multiprocessing4j.PyStopIteration(PyTuple.of(), Map.of());
            }
        }
    }
}
