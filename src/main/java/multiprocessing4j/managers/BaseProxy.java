package multiprocessing4j.managers;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;

/**
 * A proxy of an object that lives in a manager's server, as Python's
 * {@code multiprocessing.managers.BaseProxy}. Its methods send the call to the server and return
 * a copy of the result ({@link #callMethod}); typed subclasses ({@link DictProxy},
 * {@link ListProxy}…) put Java interfaces over those calls.
 *
 * <h2>Results</h2>
 * A {@code #RETURN} reply gives the value (in the Python value model); a result the server shares
 * as a new object ({@code #PROXY}, e.g. a dict's iterator) and proxies found inside results arrive
 * as live proxies of this manager. An exception raised by the referent's method is rethrown as the
 * Java exception named after it ({@link multiprocessing4j.PyKeyError},
 * {@link multiprocessing4j.PyException} for types without a class of their own…); a failure of
 * the server itself is a {@link RemoteError}; a lost server a {@link multiprocessing4j.ProcessError}.
 *
 * <h2>Lifetime</h2>
 * The proxy holds a reference to the object on the server from creation until {@link #close()},
 * or until it becomes unreachable. A proxy passed as an argument reaches the server as a proxy
 * (CPython's {@code RebuildProxy}), as it does from a CPython client.
 *
 * <p>Thread-safe: each thread talks to the server over its own connection.
 */
public class BaseProxy implements AutoCloseable, PyRepr.Reprable {
    private final Token token;
    private final BaseManager manager;
    /** What the server said the object exposes; set by the manager before the proxy is handed out. */
    PyTuple exposed;
    /** This proxy's reference on the server; set by the manager before the proxy is handed out. */
    BaseManager.Reference reference;

    /** A proxy of the object {@code token} names, served by {@code manager}. */
    protected BaseProxy(Token token, BaseManager manager) {
        this.token = Objects.requireNonNull(token, "token");
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    public final Token token() {
        return token;
    }

    public final BaseManager manager() {
        return manager;
    }

    /**
     * Calls {@code name} on the referent with these positional arguments and returns a copy of
     * the result, as Python's {@code proxy._callmethod(name, args)}.
     *
     * <p>To pass a tuple and a map as the only two arguments, use the keyword form:
     * {@code callMethod(name, PyTuple.of(t, m), Map.of())}.
     */
    public final Object callMethod(String name, Object... args) {
        return callMethod(name, PyTuple.of(args), Map.of());
    }

    /** Calls {@code name} on the referent with positional and keyword arguments, as {@code _callmethod(name, args, kwds)}. */
    public final Object callMethod(String name, PyTuple args, Map<String, ?> kwds) {
        if (reference == null || manager.isClosed()) throw new IllegalStateException("proxy closed: " + token);
        @SuppressWarnings("unchecked")
        Map<String, Object> k = (Map<String, Object>) (Map<String, ?>) kwds;
        Reply reply = manager.request(token.id(), name, args, k);
        if (Reply.PROXY.equals(reply.kind())) {
            // As CPython: the new object's token carries this proxy's view of the address; the
            // server's own reference is dropped once the proxy holds one.
            PyTuple payload = (PyTuple) reply.payload();
            Token shared = ManagerPickling.token(payload.get(1)).withAddress(token.address());
            BaseProxy proxy = manager.proxy(shared, (PyTuple) payload.get(0));
            manager.control("decref", shared.id());
            return proxy;
        }
        return reply.value();
    }

    /** A copy of the referent, as Python's {@code proxy._getvalue()} ({@code #GETVALUE}). */
    public Object getValue() {
        return callMethod("#GETVALUE");
    }

    /**
     * Releases this proxy's reference on the server; further calls fail with
     * {@link IllegalStateException}. Idempotent. Not the referent's own {@code close} method
     * (call that with {@code callMethod("close")}).
     */
    @Override
    public void close() {
        BaseManager.Reference r = reference;
        if (r != null) {
            reference = null;
            r.release();
        }
    }

    /**
     * The server's {@code repr} of the referent, as CPython's {@code str(proxy)}; if the call
     * fails, a description of the proxy instead.
     */
    @Override
    public String toString() {
        try {
            return (String) callMethod("__repr__");
        } catch (RuntimeException e) {
            String repr = pyRepr();
            return repr.substring(0, repr.length() - 1) + "; '__str__()' failed>";
        }
    }

    /**
     * CPython's {@code repr(proxy)}, which describes the proxy, not the referent:
     * {@code <DictProxy object, typeid 'dict' at 0x…>} (the number is this proxy's identity hash).
     * A proxy inside a value prints so, as it does in CPython.
     */
    @Override
    public String pyRepr() {
        return "<" + getClass().getSimpleName() + " object, typeid " + PyRepr.repr(token.typeid()) + " at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    /**
     * The Python class that rebuilds this proxy on the other side, as {@code module.name}; a
     * proxy type with a Python counterpart overrides it (CPython's proxies are in
     * {@code multiprocessing.managers}).
     */
    protected String pythonType() {
        return "multiprocessing.managers.BaseProxy";
    }

    /**
     * The keyword arguments of this proxy's {@code RebuildProxy}: none, except for auto-proxies.
     * Always a fresh map: CPython's {@code RebuildProxy} adds to it, so it must not be the same
     * pickled object as any other dict in the message.
     */
    Map<String, Object> rebuildKeywords() {
        return new HashMap<>();
    }
}
