package multiprocessing4j.managers;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.PyException;
import multiprocessing4j.PyKeyError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.connection.Addresses;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import multiprocessing4j.managers.hosted.Exposed;
import multiprocessing4j.managers.hosted.Waits;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;

/**
 * A manager's server, as CPython's {@code multiprocessing.managers.Server}: it holds the shared
 * objects and answers CPython's (and Java's) manager clients on their protocol.
 *
 * <p>Each connection is served on its own thread, handshake included, so a client that stalls,
 * sends garbage or vanishes costs the others nothing; nothing is unpickled before its
 * handshake succeeds. After the handshake the thread serves the client with blocking reads and
 * writes ({@link ServingSocket}), as CPython's server does. A connection carries one control request ({@code create},
 * {@code incref}, {@code decref}, {@code get_methods}, {@code debug_info},
 * {@code number_of_objects}, {@code dummy}, {@code shutdown}) or, after
 * {@code accept_connection}, any number of method calls on the shared objects, answered with
 * {@code #RETURN}, {@code #ERROR} (the Python exception), {@code #PROXY} (a result shared as a
 * new object, per the registration's {@code methodToTypeid}), {@code #TRACEBACK} (protocol-level
 * failures) or {@code #UNSERIALIZABLE}. Reference counts follow CPython's: every {@code create}
 * and {@code #PROXY} leaves one reference for the client to release, and an object is dropped
 * when its count reaches zero.
 *
 * <p>Proxies that clients send inside values stay opaque {@link ProxyReference}s, returned as
 * they came; one of this server's own objects stays alive while such a reference to it is held
 * here, as CPython's {@code id_to_local_proxy_obj}.
 */
public final class Server implements AutoCloseable {
    /** The requests a control connection may carry (CPython's {@code Server.public}). */
    private static final Set<String> PUBLIC = Set.of("shutdown", "create", "accept_connection", "get_methods",
            "debug_info", "number_of_objects", "dummy", "incref", "decref");
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final Map<String, Registration> registry;
    private final ServerExtension extension;
    private final Listener listener;
    private final Object address;
    private final ExecutorService threads;
    // Changed under the server's lock; read without it by every call on a serving connection.
    private final Map<String, Entry> idToObj = new ConcurrentHashMap<>();
    private final Map<String, Integer> idToRefcount = new HashMap<>();
    private final Map<String, Entry> idToLocalProxyObj = new ConcurrentHashMap<>();
    /** Every open client connection: a {@link Connection} until its handshake, then a {@link ServingSocket}. */
    private final Set<AutoCloseable> connections = ConcurrentHashMap.newKeySet();
    private final ServingThreads servingThreads = new ServingThreads();
    /** Made once: a method reference made per request is an allocation per request. */
    private final ManagerPickling.ProxyRebuilder proxyRebuilder = this::rebuildProxy;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Idents look like CPython's ({@code '%x' % id(obj)}) and are never reused. */
    private final AtomicLong nextId = new AtomicLong(0x7f0000000000L + (System.nanoTime() & 0xffffff) * 16);
    private volatile boolean stopping;

    /** A shared object: the referent, the names clients may call, and the methods whose results are shared. */
    private record Entry(Object referent, Set<String> exposed, Map<String, String> methodToTypeid) {}

    /**
     * Binds the server's listener (backlog 16, as CPython's).
     *
     * @param address a TCP or Unix-socket address; null for a fresh Unix socket path
     */
    Server(Map<String, Registration> registry, SocketAddress address, byte[] authkey) throws IOException {
        this(registry, address, authkey, ServerExtension.NONE);
    }

    /** A server that also answers {@code extension}'s public methods (CPython's subclasses of {@code Server}). */
    Server(Map<String, Registration> registry, SocketAddress address, byte[] authkey, ServerExtension extension)
            throws IOException {
        this.extension = extension;
        this.registry = Map.copyOf(registry);
        this.listener = new Listener(address, 16, authkey.clone());
        this.address = Addresses.toPython(listener.address());
        int n = SERVERS.incrementAndGet();
        AtomicInteger threadCount = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mp4j-server-" + n + "-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The address clients connect to, in Python's form: {@code PyTuple(host, port)} or a socket path. */
    public Object address() {
        return address;
    }

    /**
     * Serves until a client sends {@code shutdown} or {@link #close()} is called, then closes
     * the server. Unlike CPython's it returns instead of ending the process.
     */
    public void serveForever() {
        Thread accepter = new Thread(this::accept, Thread.currentThread().getName() + "-accepter");
        accepter.setDaemon(true);
        accepter.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Stops accepting, closes every connection and ends the serving threads. Idempotent. */
    @Override
    public void close() {
        extension.shutdown();
        stopping = true;
        stopped.countDown();
        listener.close();
        connections.forEach(Server::closeQuietly);
        threads.shutdownNow();
    }

    private void accept() {
        while (!stopping) {
            Connection c;
            try {
                c = listener.acceptWithoutHandshake();
            } catch (IOException e) {
                if (!stopping) System.err.println("manager server: accept failed: " + e);
                continue;
            }
            connections.add(c);
            try {
                threads.execute(() -> handle(c));
            } catch (RuntimeException e) { // the pool is shut down: we are stopping
                connections.remove(c);
                c.close();
            }
        }
    }

    /** CPython's {@code handle_request}: handshake, one request, one reply (or a serving connection). */
    private void handle(Connection connection) {
        try {
            try {
                listener.handshake(connection);
            } catch (AuthenticationError e) {
                // After #FAILURE#, as CPython's server.
                connection.sendBytes(ForkingPickler.dumps(PyTuple.of(Reply.TRACEBACK, Tracebacks.format(e))));
                return;
            }
            ServingSocket c = new ServingSocket(connection.detachSocket(), connection.maxMessageSize(), servingThreads);
            connections.add(c);
            connections.remove(connection);
            servingThreads.running();
            Waits.observe(servingThreads);
            try {
                if (!stopping) handleRequest(c);
            } finally {
                Waits.observe(null);
                servingThreads.waiting();
                connections.remove(c);
                c.close();
            }
        } catch (IOException e) {
            // The client broke the handshake or went away: nothing is owed to it.
        } finally {
            connections.remove(connection);
            connection.close();
        }
    }

    private void handleRequest(ServingSocket c) throws IOException {
        String threadName = Thread.currentThread().getName();
        try {
            Reply reply;
            try {
                PyTuple request = request(recv(c));
                String method = (String) request.get(1);
                PyTuple args = (PyTuple) request.get(2);
                @SuppressWarnings("unchecked")
                Map<String, Object> kwds = (Map<String, Object>) request.get(3);
                if (extension.methods().contains(method)) {
                    send(c, Reply.RETURN, extension.call(method, args, kwds));
                    return;
                }
                if (!PUBLIC.contains(method)) {
                    throw new PyException("builtins.AssertionError", PyTuple.of(PyRepr.repr(method) + " unrecognized"));
                }
                if (method.equals("accept_connection")) {
                    Object name = Call.one(args, kwds, "name");
                    Thread.currentThread().setName(String.valueOf(name));
                    send(c, Reply.RETURN, null);
                    serveClient(c);
                    return;
                }
                if (method.equals("shutdown")) {
                    extension.shutdown(); // before answering, so the client sees its effects
                    try { // CPython's shutdown answers, then its caller answers again
                        send(c, Reply.RETURN, null);
                        send(c, Reply.RETURN, null); // the client may have hung up after the first
                    } finally {
                        stopped.countDown(); // as CPython's: stops whether or not the answers got through
                    }
                    return;
                }
                reply = new Reply(Reply.RETURN, control(method, args, kwds));
            } catch (EOFException e) {
                return;
            } catch (RuntimeException e) {
                reply = new Reply(Reply.TRACEBACK, Tracebacks.format(e));
            }
            try {
                send(c, reply.kind(), reply.payload());
            } catch (RuntimeException e) {
                send(c, Reply.TRACEBACK, Tracebacks.format(e));
            }
        } finally {
            Thread.currentThread().setName(threadName);
        }
    }

    /** A request's shape: {@code (ident, methodname, args: tuple, kwds: dict)}. */
    private static PyTuple request(Object request) {
        if (!(request instanceof PyTuple t) || t.size() != 4) {
            throw new PyValueError("a request is (ident, methodname, args, kwds), got " + PyRepr.repr(request));
        }
        Object args = t.get(2) instanceof List<?> l ? PyTuple.copyOf(l) : t.get(2); // CPython splats a list too
        if (!(t.get(1) instanceof String) || !(args instanceof PyTuple) || !(t.get(3) instanceof Map<?, ?> kwds)
                || !allStrings(kwds.keySet())) {
            throw new PyTypeError("a request is (ident, methodname: str, args: tuple, kwds: dict of str), got "
                    + PyRepr.repr(request));
        }
        return PyTuple.of(t.get(0), t.get(1), args, t.get(3));
    }

    private static boolean allStrings(Set<?> keys) {
        for (Object k : keys) if (!(k instanceof String)) return false;
        return true;
    }

    private Object control(String method, PyTuple args, Map<String, Object> kwds) {
        switch (method) {
            case "dummy":
                Call.none(args, kwds);
                return null;
            case "create":
                if (args.isEmpty()) throw new PyTypeError("create() missing 1 required positional argument: 'typeid'");
                Object typeid = args.get(0);
                Object[] rest = new Object[args.size() - 1];
                for (int i = 1; i < args.size(); i++) rest[i - 1] = args.get(i);
                return create(String.valueOf(typeid), PyTuple.of(rest), kwds);
            case "incref":
                incref(String.valueOf(Call.one(args, kwds, "ident")));
                return null;
            case "decref":
                decref(String.valueOf(Call.one(args, kwds, "ident")));
                return null;
            case "get_methods": {
                Token token = ManagerPickling.token(Call.one(args, kwds, "token"));
                synchronized (this) {
                    Entry e = idToObj.get(token.id());
                    if (e == null) throw new PyKeyError(token.id());
                    return PyTuple.copyOf(e.exposed());
                }
            }
            case "debug_info":
                Call.none(args, kwds);
                return debugInfo();
            default: // number_of_objects
                Call.none(args, kwds);
                synchronized (this) {
                    return idToRefcount.size();
                }
        }
    }

    /** CPython's {@code create}: make (or take) the referent, share it with one reference. */
    private PyTuple create(String typeid, PyTuple args, Map<String, Object> kwds) {
        Registration r = registry.get(typeid);
        if (r == null) throw new PyKeyError(typeid);
        Object referent;
        if (r.callable() == null) {
            if (!kwds.isEmpty() || args.size() != 1) {
                throw new PyValueError("Without callable, must have one non-keyword argument");
            }
            referent = args.get(0);
        } else {
            referent = r.callable().call(args, kwds);
        }
        List<String> exposed = new ArrayList<>(r.exposed() != null ? r.exposed()
                : referent instanceof Exposed x ? x.publicMethods() : List.of());
        if (r.methodToTypeid() != null) exposed.addAll(r.methodToTypeid().keySet());
        String ident = Long.toHexString(nextId.getAndAdd(16));
        synchronized (this) {
            idToObj.put(ident, new Entry(referent, new LinkedHashSet<>(exposed), r.methodToTypeid()));
            idToRefcount.put(ident, 1);
        }
        return PyTuple.of(ident, PyTuple.copyOf(exposed));
    }

    private synchronized void incref(String ident) {
        Integer count = idToRefcount.get(ident);
        if (count != null) {
            idToRefcount.put(ident, count + 1);
        } else if (idToLocalProxyObj.containsKey(ident)) {
            // A proxy held inside a shared object gives its referent back to the clients.
            idToRefcount.put(ident, 1);
            idToObj.put(ident, idToLocalProxyObj.get(ident));
        } else {
            throw new PyKeyError(ident);
        }
    }

    private synchronized void decref(String ident) {
        if (!idToRefcount.containsKey(ident) && idToLocalProxyObj.containsKey(ident)) return;
        Integer count = idToRefcount.get(ident);
        if (count == null) throw new PyKeyError(ident);
        if (count == 1) {
            idToRefcount.remove(ident);
            idToObj.remove(ident);
        } else {
            idToRefcount.put(ident, count - 1);
        }
    }

    private synchronized String debugInfo() {
        List<String> lines = new ArrayList<>();
        for (String ident : new TreeSet<>(idToRefcount.keySet())) {
            String str = str(idToObj.get(ident).referent());
            lines.add("  " + ident + ":       refcount=" + idToRefcount.get(ident) + "\n    "
                    + str.substring(0, Math.min(75, str.length())));
        }
        return String.join("\n", lines);
    }

    /** CPython's {@code serve_client}: method calls on shared objects until the client hangs up. */
    private void serveClient(ServingSocket c) throws IOException {
        // One call per request rather than the whole body in this loop: HotSpot compiles a method
        // after enough calls, whereas a loop in a method called once per connection stays
        // interpreted until on-stack replacement, which took ~4 s under eight busy clients.
        while (!stopping && serveRequest(c)) {
            // serveRequest did the work
        }
    }

    /** Reads, runs and answers one request; false once the client has hung up or the server stops. */
    private boolean serveRequest(ServingSocket c) throws IOException {
        String kind;
        Object payload;
        try {
            PyTuple request = request(recv(c));
            String ident = String.valueOf(request.get(0));
            String method = (String) request.get(1);
            PyTuple args = (PyTuple) request.get(2);
            @SuppressWarnings("unchecked")
            Map<String, Object> kwds = (Map<String, Object>) request.get(3);
            Entry entry = lookup(ident);
            Exposed referent = entry.referent() instanceof Exposed x ? x : null;
            if (!entry.exposed().contains(method) || referent == null || !referent.hasMethod(method)) {
                payload = fallback(entry, method);
                kind = Reply.RETURN;
            } else {
                Object result = null;
                RuntimeException raised = null;
                try {
                    result = referent.callMethod(method, args, kwds);
                } catch (RuntimeException e) {
                    if (stopping) return false;
                    raised = e;
                }
                String typeid = entry.methodToTypeid() == null ? null : entry.methodToTypeid().get(method);
                if (raised != null) {
                    kind = Reply.ERROR;
                    payload = ManagerPickling.pickledException(raised);
                } else if (typeid != null) {
                    PyTuple created = create(typeid, PyTuple.of(result), Map.of());
                    kind = Reply.PROXY;
                    payload = PyTuple.of(created.get(1), new Token(typeid, address, (String) created.get(0)));
                } else {
                    kind = Reply.RETURN;
                    payload = result instanceof Exposed x ? x.value() : result;
                }
            }
        } catch (EOFException e) {
            return false;
        } catch (RuntimeException e) {
            kind = Reply.TRACEBACK;
            payload = Tracebacks.format(e);
        }
        sendOrUnserializable(c, kind, payload);
        return true;
    }

    private Entry lookup(String ident) {
        Entry e = idToObj.get(ident);
        if (e == null) e = idToLocalProxyObj.get(ident);
        if (e == null) throw new PyKeyError(ident);
        return e;
    }

    /** CPython's fallbacks for names that are not exposed (or not found): the value, str and repr. */
    private static Object fallback(Entry entry, String method) {
        Object referent = entry.referent();
        return switch (method) {
            case "#GETVALUE" -> referent instanceof Exposed x ? x.value() : referent;
            case "__str__", "__repr__" -> str(referent);
            // As CPython: the AttributeError, then the KeyError of its fallback lookup.
            default -> throw Tracebacks.chained(new PyException("builtins.AttributeError", PyTuple.of("method "
                    + PyRepr.repr(method) + " of " + typeName(referent) + " object is not in exposed="
                    + PyRepr.repr(entry.exposed()))), new PyKeyError(method));
        };
    }

    private static String typeName(Object referent) {
        return "<class '" + referent.getClass().getName() + "'>";
    }

    /** Python's {@code str()} of a referent: every hosted type's str is its repr. */
    private static String str(Object referent) {
        return PyRepr.repr(referent);
    }

    private Object recv(ServingSocket c) throws IOException {
        return ManagerPickling.loads(c.recvBytes(), proxyRebuilder);
    }

    /** A proxy in a request: an opaque reference; one to this server keeps its referent alive here. */
    private Object rebuildProxy(multiprocessing4j.reduction.PyGlobal type, Token token, Object serializer, Map<?, ?> kwds) {
        if (token.address().equals(address)) {
            synchronized (this) {
                Entry e = idToObj.get(token.id());
                if (e != null) idToLocalProxyObj.putIfAbsent(token.id(), e);
            }
        }
        return new ProxyReference(type, token, serializer, kwds);
    }

    /** Sends a reply; a payload that cannot be pickled becomes {@code #UNSERIALIZABLE}, as CPython's. */
    private static void sendOrUnserializable(ServingSocket c, String kind, Object payload) throws IOException {
        byte[] message;
        try {
            message = ForkingPickler.dumps(PyTuple.of(kind, payload));
        } catch (RuntimeException e) {
            message = ForkingPickler.dumps(PyTuple.of(Reply.UNSERIALIZABLE, Tracebacks.format(e)));
        }
        c.sendBytes(message);
    }

    private static void send(ServingSocket c, String kind, Object payload) throws IOException {
        c.sendBytes(ForkingPickler.dumps(PyTuple.of(kind, payload)));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing is all that is left to do for it.
        }
    }

    @Override
    public String toString() {
        return "Server(" + PyRepr.repr(address) + ")";
    }

    /** Arguments of the public methods, which take only positional arguments (or their names). */
    private static final class Call {
        static void none(PyTuple args, Map<String, Object> kwds) {
            if (!args.isEmpty() || !kwds.isEmpty()) throw new PyTypeError("takes no arguments, got " + PyRepr.repr(args));
        }

        static Object one(PyTuple args, Map<String, Object> kwds, String name) {
            if (args.size() == 1 && kwds.isEmpty()) return args.get(0);
            if (args.isEmpty() && kwds.size() == 1 && kwds.containsKey(name)) return kwds.get(name);
            throw new PyTypeError("takes exactly one argument '" + name + "', got " + PyRepr.repr(args));
        }
    }
}
