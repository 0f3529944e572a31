package multiprocessing4j.managers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import multiprocessing4j.PyException;
import multiprocessing4j.PyExceptions;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.reduction.Buildable;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyConstructor;
import multiprocessing4j.reduction.PyGlobal;
import multiprocessing4j.reduction.PyObject;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.Reduction;
import multiprocessing4j.reduction.UnpicklingError;

/**
 * How manager traffic meets the pickle layer: tokens ({@code multiprocessing.managers.Token}),
 * proxies (CPython's {@code RebuildProxy(ProxyType, token, 'pickle', kwds)}, both ways) and the
 * exceptions of {@code #ERROR} replies.
 *
 * <p>A proxy found inside a reply is made live for the manager that reads the reply: the
 * unpickler runs on the thread reading it, which names its manager in {@link #loads}.
 */
final class ManagerPickling {
    private static final String MANAGERS = "multiprocessing.managers";
    private static final PyGlobal TOKEN = new PyGlobal(MANAGERS, "Token");
    private static final PyGlobal REBUILD_PROXY = new PyGlobal(MANAGERS, "RebuildProxy");
    private static final ThreadLocal<ProxyRebuilder> READING = new ThreadLocal<>();
    /** Proxy classes whose reducer is registered (the pickle layer keys reducers by exact class). */
    private static final Set<Class<?>> REDUCED = ConcurrentHashMap.newKeySet();

    static {
        Reduction.registerConstructor(MANAGERS, "Token", new PyConstructor() {
            @Override
            public Object call(PyGlobal callable, PyTuple args) {
                // Token(typeid, address, id): how Java writes it, calling Token.__init__.
                if (args.size() != 3) throw new UnpicklingError("Token takes 3 arguments, got " + args);
                return token(args);
            }

            @Override
            public Object newObject(PyGlobal cls, PyTuple args, Map<Object, Object> kwargs) {
                // Token.__new__ then BUILD(state tuple): how CPython writes it.
                return new TokenState();
            }
        });
        Reduction.registerConstructor(MANAGERS, "RebuildProxy", (callable, args) -> rebuildProxy(args));
        Reduction.registerReducer(Token.class,
                t -> PyObject.reduce(TOKEN, PyTuple.of(t.typeid(), t.address(), t.id())));
        Reduction.registerReducer(ProxyReference.class, r -> PyObject.reduce(REBUILD_PROXY,
                PyTuple.of(r.proxyType(), r.token(), r.serializer(), r.keywords())));
    }

    private ManagerPickling() {}

    /** The pickle of a request. */
    static byte[] dumps(Object request) {
        return ForkingPickler.dumps(request);
    }

    /** What becomes of a {@code RebuildProxy(func, token, serializer, kwds)} being unpickled. */
    @FunctionalInterface
    interface ProxyRebuilder {
        Object rebuild(PyGlobal proxyType, Token token, Object serializer, Map<?, ?> keywords);
    }

    /** Unpickles a reply; proxies inside it become live proxies of {@code manager}. */
    static Object loads(byte[] reply, BaseManager manager) {
        return loads(reply, (type, token, serializer, kwds) -> {
            Object exposed = kwds.get("exposed");
            return manager.rebuildProxy(token, exposed instanceof PyTuple t ? t : null);
        });
    }

    /** Unpickles a message; each proxy inside it becomes what {@code rebuilder} makes of it. */
    static Object loads(byte[] message, ProxyRebuilder rebuilder) {
        ProxyRebuilder outer = READING.get();
        READING.set(rebuilder);
        try {
            return ForkingPickler.loads(message);
        } finally {
            READING.set(outer);
        }
    }

    /**
     * Makes proxies of {@code type} pickle as CPython's {@code RebuildProxy(ProxyType, token,
     * 'pickle', kwds)}; called for each proxy class before its first proxy is handed out.
     */
    static void registerProxyType(Class<? extends BaseProxy> type) {
        if (!REDUCED.add(type)) return;
        Reduction.registerReducer(type, p -> {
            String python = p.pythonType();
            int dot = python.lastIndexOf('.');
            PyGlobal func = new PyGlobal(python.substring(0, dot), python.substring(dot + 1));
            return PyObject.reduce(REBUILD_PROXY, PyTuple.of(func, p.token(), "pickle", p.rebuildKeywords()));
        });
    }

    /** The Token in a reply: CPython's pickle of one leaves a {@link TokenState}. */
    static Token token(Object pickled) {
        if (pickled instanceof Token t) return t;
        if (pickled instanceof TokenState s && s.state != null) return token(s.state);
        throw new UnpicklingError("not a Token: " + pickled);
    }

    private static Token token(PyTuple parts) {
        if (parts.size() == 3 && parts.get(0) instanceof String typeid && parts.get(2) instanceof String id) {
            return new Token(typeid, parts.get(1), id);
        }
        throw new UnpicklingError("not a Token's state: " + parts);
    }

    /** The Java exception for an {@code #ERROR} payload (a pickled Python exception). */
    static PyException toException(Object payload) {
        if (payload instanceof PyObject p) {
            Map<String, Object> state = new LinkedHashMap<>();
            if (p.state() instanceof Map<?, ?> dict) dict.forEach((k, v) -> state.put(String.valueOf(k), v));
            return PyExceptions.of(p.type().qualifiedName(), p.args(), state);
        }
        return new PyTypeError("exceptions must derive from BaseException, got " + payload);
    }

    /**
     * The pickle of a Java exception for an {@code #ERROR} reply: a {@link PyException} as its
     * Python type, args and {@code __dict__}; any other exception as the nearest
     * {@code builtins} exception with its message.
     */
    static PyObject pickledException(Throwable e) {
        PyException py = e instanceof PyException p ? p : PyExceptions.fromJava(e);
        String type = py.pythonType();
        int dot = type.lastIndexOf('.');
        PyObject pickled = PyObject.reduce(new PyGlobal(type.substring(0, dot), type.substring(dot + 1)), py.args());
        if (!py.state().isEmpty()) pickled.setState(new LinkedHashMap<Object, Object>(py.state()));
        return pickled;
    }

    private static Object rebuildProxy(PyTuple args) {
        ProxyRebuilder rebuilder = READING.get();
        if (rebuilder == null) throw new UnpicklingError("a proxy arrived outside a manager's message");
        if (args.size() != 4 || !(args.get(0) instanceof PyGlobal type) || !(args.get(3) instanceof Map<?, ?> kwds)) {
            throw new UnpicklingError("RebuildProxy takes (func, token, serializer, kwds), got " + args);
        }
        return rebuilder.rebuild(type, token(args.get(1)), args.get(2), kwds);
    }

    /** A Token being unpickled: {@code Token.__new__}, then {@code BUILD((typeid, address, id))}. */
    private static final class TokenState implements Buildable {
        private PyTuple state;

        @Override
        public void setState(Object state) {
            if (!(state instanceof PyTuple t)) throw new UnpicklingError("not a Token's state: " + state);
            token(t);
            this.state = t;
        }
    }
}
