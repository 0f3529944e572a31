package multiprocessing4j.managers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/**
 * A client of a manager serving CPython's {@code SyncManager} registry, as Python's
 * {@code multiprocessing.managers.SyncManager} (what {@code multiprocessing.Manager()} starts).
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

    /** A client of the SyncManager at {@code address}; see {@link BaseManager#BaseManager}. */
    public SyncManager(Object address, byte[] authkey) {
        super(address, authkey);
        register("Queue", QueueProxy::new);
        register("JoinableQueue", QueueProxy::new);
        register("Event", EventProxy::new);
        register("Lock", AcquirerProxy::new);
        register("RLock", AcquirerProxy::new);
        register("Semaphore", AcquirerProxy::new);
        register("BoundedSemaphore", AcquirerProxy::new);
        register("Condition", ConditionProxy::new);
        register("Barrier", BarrierProxy::new);
        register("Pool", PoolProxy::new);
        register("list", ListProxy::new);
        register("dict", DictProxy::new);
        register("Value", ValueProxy::new);
        register("Array", ArrayProxy::new);
        register("Namespace", NamespaceProxy::new);
        register("Iterator", IteratorProxy::new, null, null, false);
        register("AsyncResult", AsyncResultProxy::new, null, null, false);
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
}
