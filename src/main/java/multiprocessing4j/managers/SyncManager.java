package multiprocessing4j.managers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.managers.hosted.PyArray;
import multiprocessing4j.managers.hosted.PyBarrier;
import multiprocessing4j.managers.hosted.PyCallable;
import multiprocessing4j.managers.hosted.PyCondition;
import multiprocessing4j.managers.hosted.PyDict;
import multiprocessing4j.managers.hosted.PyEvent;
import multiprocessing4j.managers.hosted.PyList;
import multiprocessing4j.managers.hosted.PyLock;
import multiprocessing4j.managers.hosted.PyNamespace;
import multiprocessing4j.managers.hosted.PyPool;
import multiprocessing4j.managers.hosted.PyQueue;
import multiprocessing4j.managers.hosted.PyRLock;
import multiprocessing4j.managers.hosted.PySemaphore;
import multiprocessing4j.managers.hosted.PyValue;
import multiprocessing4j.reduction.PyTuple;

/**
 * A manager with CPython's {@code SyncManager} registry, as Python's
 * {@code multiprocessing.managers.SyncManager} (what {@code multiprocessing.Manager()} starts):
 * a client of such a server (CPython's or Java's), or a Java server of it for CPython and Java
 * clients ({@link #start()}, {@link #getServer()}).
 * Each typeid has a factory method named exactly as the typeid:
 *
 * <pre>{@code
 * SyncManager m = new SyncManager(address, authkey);
 * m.connect();
 * DictProxy d = m.dict();
 * ListProxy l = m.list(List.of(1, 2, 3));
 * QueueProxy q = m.Queue();
 * }</pre>
 *
 * The registry is the same in CPython 3.6–3.13; what differs between versions is on the server
 * (for example {@code Queue.shutdown} exists from 3.13).
 */
public class SyncManager extends BaseManager {

    private static final List<String> ACQUIRER = List.of("acquire", "release");
    private static final List<String> LIST = List.of("__add__", "__contains__", "__delitem__", "__getitem__",
            "__len__", "__mul__", "__reversed__", "__rmul__", "__setitem__", "append", "count", "extend", "index",
            "insert", "pop", "remove", "reverse", "sort", "__imul__");
    private static final List<String> DICT = List.of("__contains__", "__delitem__", "__getitem__", "__iter__",
            "__len__", "__setitem__", "clear", "copy", "get", "items", "keys", "pop", "popitem", "setdefault",
            "update", "values");
    private static final List<String> POOL = List.of("apply", "apply_async", "close", "imap", "imap_unordered",
            "join", "map", "map_async", "starmap", "starmap_async", "terminate");

    /**
     * A SyncManager for the server at {@code address} (see {@link BaseManager#BaseManager}), or
     * one to serve there with {@link #start()} or {@link #getServer()} ({@code address} null: a
     * fresh Unix socket path).
     */
    public SyncManager(Object address, byte[] authkey) {
        super(address, authkey);
        // CPython's SyncManager registry: same typeids, exposed names and method_to_typeid; the
        // callables are Java implementations of the Python types.
        registerSync("Queue", null, null);
        registerSync("JoinableQueue", null, null);
        registerSync("Event", List.of("is_set", "set", "clear", "wait"), null);
        registerSync("Lock", ACQUIRER, null);
        registerSync("RLock", ACQUIRER, null);
        registerSync("Semaphore", ACQUIRER, null);
        registerSync("BoundedSemaphore", ACQUIRER, null);
        registerSync("Condition", List.of("acquire", "release", "wait", "notify", "notify_all"), null);
        registerSync("Barrier", List.of("__getattribute__", "wait", "abort", "reset"), null);
        registerSync("Pool", POOL, Map.of("apply_async", "AsyncResult", "map_async", "AsyncResult",
                "starmap_async", "AsyncResult", "imap", "Iterator", "imap_unordered", "Iterator"));
        registerSync("list", LIST, null);
        registerSync("dict", DICT, Map.of("__iter__", "Iterator"));
        registerSync("Value", List.of("get", "set"), null);
        registerSync("Array", List.of("__len__", "__getitem__", "__setitem__"), null);
        registerSync("Namespace", List.of("__getattribute__", "__setattr__", "__delattr__"), null);
        register("Iterator", null, new SyncType("Iterator"), List.of("__next__", "send", "throw", "close"), null, false);
        register("AsyncResult", null, new SyncType("AsyncResult"), null, null, false);
    }

    private void registerSync(String typeid, List<String> exposed, Map<String, String> methodToTypeid) {
        SyncType type = new SyncType(typeid);
        register(typeid, type, type, exposed, methodToTypeid, true);
    }

    /**
     * A SyncManager to serve with {@link #start()} or {@link #getServer()} on a fresh Unix socket
     * path, authenticating with this process's {@code authkey} ({@link
     * multiprocessing4j.Process#authkey()}), as CPython's {@code SyncManager()}: children of this
     * process then reach the manager with their inherited key.
     */
    public SyncManager() {
        this(null, Multiprocessing.currentProcess().authkey());
    }

    /** A shared {@code queue.Queue()} without a size limit. */
    public QueueProxy Queue() {
        return make(QueueProxy.class, "Queue");
    }

    /** A shared {@code queue.Queue(maxsize)}. */
    public QueueProxy Queue(int maxsize) {
        return make(QueueProxy.class, "Queue", maxsize);
    }

    /** A shared queue whose {@code task_done}/{@code join} track the items (the same class as {@code Queue}). */
    public QueueProxy JoinableQueue() {
        return make(QueueProxy.class, "JoinableQueue");
    }

    /** A shared {@code queue.Queue(maxsize)}, as {@code JoinableQueue}. */
    public QueueProxy JoinableQueue(int maxsize) {
        return make(QueueProxy.class, "JoinableQueue", maxsize);
    }

    /** A shared {@code threading.Event()}. */
    public EventProxy Event() {
        return make(EventProxy.class, "Event");
    }

    /** A shared {@code threading.Lock()}. */
    public AcquirerProxy Lock() {
        return make(AcquirerProxy.class, "Lock");
    }

    /** A shared {@code threading.RLock()}. */
    public AcquirerProxy RLock() {
        return make(AcquirerProxy.class, "RLock");
    }

    /** A shared {@code threading.Semaphore(1)}. */
    public AcquirerProxy Semaphore() {
        return Semaphore(1);
    }

    /** A shared {@code threading.Semaphore(value)}. */
    public AcquirerProxy Semaphore(int value) {
        return make(AcquirerProxy.class, "Semaphore", value);
    }

    /** A shared {@code threading.BoundedSemaphore(1)}. */
    public AcquirerProxy BoundedSemaphore() {
        return BoundedSemaphore(1);
    }

    /** A shared {@code threading.BoundedSemaphore(value)}. */
    public AcquirerProxy BoundedSemaphore(int value) {
        return make(AcquirerProxy.class, "BoundedSemaphore", value);
    }

    /** A shared {@code threading.Condition()} with its own RLock. */
    public ConditionProxy Condition() {
        return make(ConditionProxy.class, "Condition");
    }

    /** A shared {@code threading.Barrier(parties)}. */
    public BarrierProxy Barrier(int parties) {
        return make(BarrierProxy.class, "Barrier", parties);
    }

    /** A shared {@code threading.Barrier(parties, timeout=timeout)}: waits time out after {@code timeout} seconds by default. */
    public BarrierProxy Barrier(int parties, double timeout) {
        return create(BarrierProxy.class, "Barrier", PyTuple.of(parties), Map.of("timeout", timeout));
    }

    /** A {@code multiprocessing.pool.Pool()} in the server, with one worker per CPU. */
    public PoolProxy Pool() {
        return make(PoolProxy.class, "Pool");
    }

    /** A {@code multiprocessing.pool.Pool(processes)} in the server. */
    public PoolProxy Pool(int processes) {
        return make(PoolProxy.class, "Pool", processes);
    }

    /** A shared, empty {@code list}. */
    public ListProxy list() {
        return make(ListProxy.class, "list");
    }

    /** A shared {@code list} of these items. */
    public ListProxy list(Iterable<?> items) {
        List<Object> copy = new ArrayList<>();
        for (Object o : items) copy.add(o);
        return make(ListProxy.class, "list", copy);
    }

    /** A shared, empty {@code dict}. */
    public DictProxy dict() {
        return make(DictProxy.class, "dict");
    }

    /** A shared {@code dict} of these entries, in the map's order. */
    public DictProxy dict(Map<?, ?> entries) {
        return make(DictProxy.class, "dict", new LinkedHashMap<>(entries));
    }

    /**
     * A shared {@code Value(typecode, value)}: a holder of one value (the typecode is recorded,
     * not enforced).
     */
    public ValueProxy Value(String typecode, Object value) {
        return make(ValueProxy.class, "Value", typecode, value);
    }

    /** A shared {@code array.array(typecode, items)}. */
    public ArrayProxy Array(String typecode, Iterable<?> items) {
        List<Object> copy = new ArrayList<>();
        for (Object o : items) copy.add(o);
        return make(ArrayProxy.class, "Array", typecode, copy);
    }

    /** A shared, empty {@code Namespace()}. */
    public NamespaceProxy Namespace() {
        return make(NamespaceProxy.class, "Namespace");
    }

    /** A shared {@code Namespace(**attributes)}. */
    public NamespaceProxy Namespace(Map<String, ?> attributes) {
        return create(NamespaceProxy.class, "Namespace", PyTuple.of(), attributes);
    }

    private <P extends BaseProxy> P make(Class<P> type, String typeid, Object... args) {
        return create(type, typeid, PyTuple.of(args), Map.of());
    }

    /**
     * The referents and proxies of CPython's SyncManager typeids, in one class rather than a pair
     * of method references per typeid: each method reference spins a class at its first use, and
     * a cold JVM that makes a SyncManager (a started server, a child re-attaching a proxy) paid
     * ~30 ms for those 34 (2026-12-07).
     */
    private static final class SyncType implements PyCallable, ProxyType<BaseProxy> {
        private final String typeid;

        SyncType(String typeid) {
            this.typeid = typeid;
        }

        @Override
        public Object call(PyTuple args, Map<String, Object> kwds) {
            return switch (typeid) {
                case "Queue", "JoinableQueue" -> PyQueue.make(args, kwds);
                case "Event" -> PyEvent.make(args, kwds);
                case "Lock" -> PyLock.make(args, kwds);
                case "RLock" -> PyRLock.make(args, kwds);
                case "Semaphore" -> PySemaphore.make(args, kwds);
                case "BoundedSemaphore" -> PySemaphore.makeBounded(args, kwds);
                case "Condition" -> PyCondition.make(args, kwds);
                case "Barrier" -> PyBarrier.make(args, kwds);
                case "Pool" -> PyPool.make(args, kwds);
                case "list" -> PyList.make(args, kwds);
                case "dict" -> PyDict.make(args, kwds);
                case "Value" -> PyValue.make(args, kwds);
                case "Array" -> PyArray.make(args, kwds);
                case "Namespace" -> PyNamespace.make(args, kwds);
                default -> throw new IllegalStateException("no callable for " + typeid);
            };
        }

        @Override
        public BaseProxy make(Token token, BaseManager manager) {
            return switch (typeid) {
                case "Queue", "JoinableQueue" -> new QueueProxy(token, manager);
                case "Event" -> new EventProxy(token, manager);
                case "Lock", "RLock", "Semaphore", "BoundedSemaphore" -> new AcquirerProxy(token, manager);
                case "Condition" -> new ConditionProxy(token, manager);
                case "Barrier" -> new BarrierProxy(token, manager);
                case "Pool" -> new PoolProxy(token, manager);
                case "list" -> new ListProxy(token, manager);
                case "dict" -> new DictProxy(token, manager);
                case "Value" -> new ValueProxy(token, manager);
                case "Array" -> new ArrayProxy(token, manager);
                case "Namespace" -> new NamespaceProxy(token, manager);
                case "Iterator" -> new IteratorProxy(token, manager);
                case "AsyncResult" -> new AsyncResultProxy(token, manager);
                default -> throw new IllegalStateException("no proxy type for " + typeid);
            };
        }
    }
}
