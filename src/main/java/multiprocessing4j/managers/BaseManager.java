package multiprocessing4j.managers;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import multiprocessing4j.ExitFunctions;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.ProcessError;
import multiprocessing4j.Reattach;
import multiprocessing4j.connection.Addresses;
import multiprocessing4j.managers.hosted.PyCallable;
import multiprocessing4j.reduction.PyTuple;

/**
 * A manager, as Python's {@code multiprocessing.managers.BaseManager}, in both roles: a client
 * of a server ({@code connect()}: the objects live in the server, a CPython {@code Manager()}
 * or any {@code BaseManager} serving over TCP or a Unix socket, and this side holds proxies to
 * them), or the owner of a Java server that CPython and Java clients use ({@link #start()} in a
 * child process, {@link #getServer()} in this one).
 *
 * <pre>{@code
 * BaseManager m = new BaseManager(new InetSocketAddress("127.0.0.1", 50000), authkey);
 * m.register("get_queue");              // AutoProxy: the server says which methods exist
 * m.connect();
 * BaseProxy q = m.call("get_queue");
 * q.callMethod("put", "hello");
 * }</pre>
 *
 * <h2>Serving</h2>
 * The registry's callables make the shared objects (see {@link #register(String, PyCallable,
 * ProxyType, List, Map, boolean)}); {@link SyncManager} registers CPython's SyncManager types,
 * implemented in Java with CPython's semantics.
 *
 * <h2>Connections</h2>
 * As CPython's client: every server request ({@code create}, {@code incref}, {@code decref}…)
 * goes over a fresh control connection carrying one request; method calls go over one serving
 * connection per (thread, manager), opened on the thread's first call with
 * {@code accept_connection}. Connecting and the handshake time out after 10 s, and a server
 * whose process ends (or closes the connection) fails the calls waiting on it with a
 * {@link ProcessError}. A call that blocks on the server ({@code queue.get()}, {@code lock.acquire()})
 * has no timeout of its own, as in CPython: a host that vanishes without closing its sockets
 * leaves it waiting.
 *
 * <h2>Lifetime</h2>
 * Each proxy holds one reference on the server, taken when the proxy is made and released by
 * {@link BaseProxy#close()} or, failing that, when the proxy becomes unreachable. {@link #close()}
 * releases every proxy this manager still holds and closes its connections, and shuts down a
 * server that this manager started; any other server keeps running.
 *
 * <h2>Threads</h2>
 * A manager and its proxies may be used by any number of threads at once.
 */
public class BaseManager implements AutoCloseable {
    static final Cleaner CLEANER = Cleaner.create();

    static {
        // A proxy captured by a Process target travels as its token and re-attaches in the child.
        Reattach.register(BaseProxy.class, ProxyHandle::of);
    }

    private volatile Object address;
    private final byte[] authkey;
    private volatile ManagerProcess process;
    /** Shuts a started server down when this process exits, as CPython's {@code _finalize_manager} does. */
    private final Runnable shutdownAtExit = this::shutdown;
    private final Map<String, Registration> registry = new ConcurrentHashMap<>();
    private final Map<Thread, ManagerConnection> serving = new ConcurrentHashMap<>();
    private final Set<Reference> references = ConcurrentHashMap.newKeySet();
    private volatile boolean connected;
    private volatile boolean closed;

    /**
     * A manager for the server at {@code address}, authenticating with {@code authkey}.
     *
     * @param address an {@code InetSocketAddress}, a {@code UnixDomainSocketAddress}, a
     *     {@code Path} or {@code String} socket path, or Python's {@code PyTuple(host, port)}
     * @param authkey the server's key (a CPython {@code Manager()} uses its process's
     *     {@code authkey})
     */
    public BaseManager(Object address, byte[] authkey) {
        this.address = address == null ? null : Managers.pythonAddress(address);
        this.authkey = authkey.clone();
    }

    /**
     * A manager to serve with {@link #start()} or {@link #getServer()} on a fresh Unix socket
     * path, authenticating with this process's {@code authkey} ({@link
     * multiprocessing4j.Process#authkey()}), as CPython's {@code BaseManager()}: children of this
     * process then reach the manager with their inherited key.
     */
    public BaseManager() {
        this(null, Multiprocessing.currentProcess().authkey());
    }

    /**
     * The server's address in Python's form: {@code PyTuple(host, port)} or a socket path; null
     * for a manager made without one until {@link #start()} reports it.
     */
    public Object address() {
        return address;
    }

    /** The key clients authenticate with (a copy); CPython clients pass it as {@code authkey=}. */
    public byte[] authkey() {
        return authkey.clone();
    }

    /** Registers {@code typeid} with an {@link AutoProxy}, whose methods the server names. */
    public void register(String typeid) {
        register(typeid, AutoProxy::new);
    }

    /** Registers {@code typeid}, made by {@link #call} and shown through {@code proxyType}. */
    public void register(String typeid, ProxyType<?> proxyType) {
        register(typeid, proxyType, null, null, true);
    }

    /**
     * Registers {@code typeid}, as CPython's {@code register(typeid, proxytype=, exposed=,
     * method_to_typeid=, create_method=)}.
     *
     * <p>A client only uses the proxy type and {@code createMethod}: which methods are exposed and
     * which return new shared objects is decided by the server's own registration, and results of
     * {@code methodToTypeid} methods arrive as proxies of whatever is registered here for their
     * typeid.
     *
     * @param exposed the names the server exposes, or null for the default
     * @param methodToTypeid method name → typeid of its result, or null for none
     * @param createMethod false for typeids only ever returned by methods (CPython's
     *     {@code Iterator}, {@code AsyncResult}); {@link #call} refuses them
     */
    public void register(String typeid, ProxyType<?> proxyType, List<String> exposed,
                         Map<String, String> methodToTypeid, boolean createMethod) {
        register(typeid, null, proxyType, exposed, methodToTypeid, createMethod);
    }

    /**
     * Registers {@code typeid} for both roles, as CPython's {@code register(typeid, callable,
     * proxytype, exposed, method_to_typeid, create_method)}.
     *
     * <p>A server made from this manager ({@link #getServer()}, {@link #start()}) calls
     * {@code callable} with the client's arguments to make each object; a referent that is an
     * {@link multiprocessing4j.managers.hosted.Exposed} answers the calls its clients make.
     * {@code exposed} limits them (null: the referent's public methods), and a method named in
     * {@code methodToTypeid} returns its result as a new shared object of that typeid, made by
     * that typeid's callable from the result (or the result itself when it has none).
     *
     * @param callable null for typeids only ever returned by methods (CPython's {@code Iterator})
     */
    public void register(String typeid, PyCallable callable, ProxyType<?> proxyType, List<String> exposed,
                         Map<String, String> methodToTypeid, boolean createMethod) {
        Objects.requireNonNull(typeid, "typeid");
        Objects.requireNonNull(proxyType, "proxyType");
        registry.put(typeid, new Registration(typeid, callable, proxyType, exposed == null ? null : List.copyOf(exposed),
                methodToTypeid == null ? null : new LinkedHashMap<>(methodToTypeid), createMethod));
    }

    /**
     * A server for this manager's registry on its address (a fresh Unix socket path when it has
     * none), as CPython's {@code get_server()}; {@link Server#serveForever()} serves in this
     * process.
     *
     * @throws ProcessError if the address cannot be bound
     */
    public Server getServer() {
        return newServer(ServerExtension.NONE);
    }

    /** A server for this manager's registry that also answers {@code extension}'s methods. */
    final Server newServer(ServerExtension extension) {
        try {
            return new Server(registry, address == null ? null : Addresses.fromPython(address), authkey, extension);
        } catch (IOException e) {
            throw new ProcessError("cannot serve on " + (address == null ? "a fresh Unix socket" : Managers.describe(address))
                    + ": " + e, e);
        }
    }

    /**
     * Starts the server in a child process, as CPython's {@code start()}: a
     * {@link multiprocessing4j.Process} of the default context's start method named
     * {@code <class>-<identity>} ({@code SyncManager-1}, listed by {@code activeChildren()}),
     * which reports the address it bound (see {@link #address()}); then connects to it.
     *
     * <p>The child makes its own manager of this one's class through its public
     * {@code (Object address, byte[] authkey)} constructor, so the typeids must be registered by
     * that constructor (CPython registers on the class); a typeid registered later on this
     * instance only is refused here. The child ends with {@link #shutdown()}, {@link #close()},
     * or when this process exits: its exit functions shut the server down (CPython's
     * {@code _finalize_manager}), and a JVM that exits without them (killed) takes the child with it.
     *
     * @throws IllegalStateException if started already, or the registry is not the class's
     * @throws ProcessError if the child cannot be started or fails before reporting its address
     */
    public void start() {
        if (process != null) throw new IllegalStateException("already started");
        ensureOpen();
        ManagerProcess.checkRegistry(getClass(), registry.keySet());
        ManagerProcess child = ManagerProcess.start(getClass(), address, authkey);
        process = child;
        address = child.address();
        connected = true;
        ExitFunctions.register(shutdownAtExit);
    }

    /**
     * Stops the server {@link #start()} started: a {@code shutdown} request, then, if the child
     * has not ended within a second, it is terminated (CPython's {@code shutdown_timeout}).
     * Nothing for a manager that was not started; idempotent.
     */
    public void shutdown() {
        ManagerProcess child = process;
        if (child == null) return;
        ExitFunctions.unregister(shutdownAtExit);
        try {
            control("shutdown");
        } catch (RuntimeException e) {
            // Already gone: the child is reaped below all the same.
        }
        child.end();
    }

    /**
     * Checks that the server is there and accepts the key (CPython's {@code dummy} request).
     *
     * @throws ProcessError if the server cannot be reached
     * @throws multiprocessing4j.AuthenticationError if the key is wrong
     */
    public void connect() {
        ensureOpen();
        if (address == null) throw new IllegalStateException("no address to connect to");
        control("dummy");
        connected = true;
    }

    /**
     * Creates an object of {@code typeid} on the server with these positional arguments and
     * returns its proxy, as Python's {@code manager.<typeid>(*args)}.
     *
     * <p>{@code call(typeid, PyTuple, Map)} is the keyword form; to pass a tuple and a map as the
     * only two positional arguments, wrap them: {@code call(typeid, PyTuple.of(t, m), Map.of())}.
     */
    public BaseProxy call(String typeid, Object... args) {
        return call(typeid, PyTuple.of(args), Map.of());
    }

    /** Creates an object of {@code typeid} with positional and keyword arguments, as {@code manager.<typeid>(*args, **kwds)}. */
    public BaseProxy call(String typeid, PyTuple args, Map<String, ?> kwds) {
        return create(BaseProxy.class, typeid, args, kwds);
    }

    /**
     * Creates an object and returns its proxy as {@code type}: CPython's {@code _create} followed
     * by the proxy's {@code incref} and the {@code decref} of the creation's own reference.
     */
    protected final <P extends BaseProxy> P create(Class<P> type, String typeid, PyTuple args, Map<String, ?> kwds) {
        if (!connected) throw new IllegalStateException("not connected: call connect() first");
        Registration r = registry.get(typeid);
        if (r == null) throw new IllegalArgumentException("typeid " + typeid + " is not registered");
        if (!r.createMethod()) throw new IllegalArgumentException("typeid " + typeid + " has no create method");
        Object[] request = new Object[args.size() + 1];
        request[0] = typeid;
        System.arraycopy(args.toArray(), 0, request, 1, args.size());
        PyTuple created = (PyTuple) control("create", PyTuple.of(request), kwds);
        Token token = new Token(typeid, address, (String) created.get(0));
        BaseProxy proxy = proxy(token, (PyTuple) created.get(1));
        control("decref", token.id());
        return type.cast(proxy);
    }

    /** The number of objects the server holds (for every client), as CPython's {@code _number_of_objects()}. */
    public int numberOfObjects() {
        return ((Number) control("number_of_objects")).intValue();
    }

    /** The server's list of live objects and their reference counts, as CPython's {@code _debug_info()}. */
    public String debugInfo() {
        return (String) control("debug_info");
    }

    /**
     * Releases every proxy this manager still holds and closes its connections, then
     * {@link #shutdown()}s the server if {@link #start()} started it (as CPython's
     * {@code with manager:}); a server started by someone else keeps running. Proxies are
     * unusable afterwards. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (Reference r : List.copyOf(references)) r.release();
        closeServingConnections();
        shutdown();
    }

    /** A proxy for {@code token} of its registered type (an AutoProxy if none), holding a reference. */
    BaseProxy proxy(Token token, PyTuple exposed) {
        Registration r = registry.get(token.typeid());
        ProxyType<?> type = r != null ? r.proxyType() : AutoProxy::new;
        BaseProxy proxy = type.make(token, this);
        ManagerPickling.registerProxyType(proxy.getClass());
        if (!token.equals(proxy.token()) || proxy.manager() != this) {
            throw new IllegalStateException("proxy type of " + token.typeid() + " changed the token or manager");
        }
        proxy.exposed = exposed;
        control("incref", token.id());
        Reference ref = new Reference(this, token.id());
        references.add(ref);
        ref.cleanable = CLEANER.register(proxy, ref);
        proxy.reference = ref;
        return proxy;
    }

    /**
     * A proxy received by a child process ({@link ProxyHandle}): made by {@code type} unless the
     * typeid is registered here, holding its own reference.
     */
    BaseProxy adopt(Token token, PyTuple exposed, ProxyType<?> type) {
        registry.putIfAbsent(token.typeid(), new Registration(token.typeid(), null, type, null, null, false));
        return proxy(token, exposed);
    }

    /** A proxy found inside a result ({@code RebuildProxy}): a new reference to an object the server shares. */
    BaseProxy rebuildProxy(Token token, PyTuple exposed) {
        if (!token.address().equals(address)) {
            throw new ProcessError("a proxy of another manager (" + token + ") cannot be used through the manager at "
                    + Managers.describe(address));
        }
        return proxy(token, exposed);
    }

    /** Sends one request on a fresh control connection and returns its {@code #RETURN} value. */
    Object control(String method, Object... args) {
        return control(method, PyTuple.of(args), Map.of());
    }

    private Object control(String method, PyTuple args, Map<String, ?> kwds) {
        try (ManagerConnection c = ManagerConnection.open(address, authkey)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> k = (Map<String, Object>) kwds;
            return c.request(null, method, args, k, this).value();
        }
    }

    /** Sends a method call on this thread's serving connection, opening it on first use. */
    Reply request(String ident, String method, PyTuple args, Map<String, Object> kwds) {
        ensureOpen();
        Thread thread = Thread.currentThread();
        ManagerConnection c = serving.get(thread);
        if (c == null) c = openServingConnection(thread);
        try {
            return c.request(ident, method, args, kwds, this);
        } catch (ProcessError e) {
            // The stream is out of step or gone; the thread's next call starts afresh.
            serving.remove(thread, c);
            c.close();
            throw e;
        }
    }

    private ManagerConnection openServingConnection(Thread thread) {
        // Threads that ended leave their connections behind; close them now, as nothing else notices.
        serving.keySet().removeIf(t -> {
            if (t.isAlive()) return false;
            ManagerConnection old = serving.get(t);
            if (old != null) old.close();
            return true;
        });
        ManagerConnection c = ManagerConnection.open(address, authkey);
        try {
            c.request(null, "accept_connection", PyTuple.of(connectionName(thread)), Map.of(), this).value();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        serving.put(thread, c);
        return c;
    }

    /** CPython's name for a serving connection: the process name, then {@code |thread} off the main thread. */
    private static String connectionName(Thread thread) {
        // This JVM is the "MainProcess" of its program, as a CPython client that was not spawned.
        return thread.getName().equals("main") ? "MainProcess" : "MainProcess|" + thread.getName();
    }

    private void closeServingConnections() {
        for (Thread t : new ArrayList<>(serving.keySet())) {
            ManagerConnection c = serving.remove(t);
            if (c != null) c.close();
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("manager closed");
    }

    Set<String> registeredTypeids() {
        return Set.copyOf(registry.keySet());
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * The reference one proxy holds on the server; released once, by {@link BaseProxy#close()},
     * by {@link #close()} or by the cleaner when the proxy is unreachable.
     */
    static final class Reference implements Runnable {
        private final BaseManager manager;
        private final String id;
        private final CountDownLatch released = new CountDownLatch(1);
        Cleaner.Cleanable cleanable;

        Reference(BaseManager manager, String id) {
            this.manager = manager;
            this.id = id;
        }

        /**
         * Releases the reference now and returns once the server has it back, also when the
         * cleaner thread was already releasing it (then {@code clean()} alone would return early).
         */
        void release() {
            cleanable.clean();
            boolean interrupted = false;
            while (true) {
                try {
                    released.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }

        @Override
        public void run() {
            try {
                manager.control("decref", id);
            } catch (RuntimeException e) {
                // As CPython's finaliser: a server that is gone has nothing left to release.
            } finally {
                manager.references.remove(this);
                released.countDown();
            }
            // As CPython: once no proxy is left, the serving connections are closed.
            if (manager.references.isEmpty()) manager.closeServingConnections();
        }
    }
}
