package multiprocessing4j;

import java.util.List;
import multiprocessing4j.managers.SyncManager;

/**
 * The module-level functions of Python's {@code multiprocessing}, as static methods, so that
 * {@code import static multiprocessing4j.Multiprocessing.*} reads like Python.
 *
 * <p>The default start method is {@code fork}, as CPython's on Linux up to 3.13: on the JVM it
 * starts children from warm JVMs in milliseconds and carries the most of the parent's state, and
 * none of the reasons CPython 3.14 gave it up (forking a threaded process) apply, because no
 * {@code fork(2)} happens. See {@link Context} for what each start method does.
 */
public final class Multiprocessing {
    private static final StartMethod DEFAULT = StartMethod.FORK;
    private static StartMethod actual; // guarded by Multiprocessing.class; null until fixed

    private Multiprocessing() {}

    /** The process this code runs in: {@code MainProcess}, or in a child its {@link Process}. */
    public static Process currentProcess() {
        return Process.current();
    }

    /** The parent of the current process, or null in the main process. */
    public static Process parentProcess() {
        return Process.parent();
    }

    /** The children of the current process that have not ended (joining those that have). */
    public static List<Process> activeChildren() {
        return Process.activeChildren();
    }

    /**
     * The number of CPUs this JVM may use ({@link Runtime#availableProcessors()}, which honours
     * CPU affinity and container limits, where CPython's {@code cpu_count()} counts the
     * machine's).
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The default context: the one for the current start method (fixing it if not set yet). */
    public static Context getContext() {
        return new Context(actual());
    }

    /**
     * The context for {@code method}: {@code "spawn"}, {@code "forkserver"} or {@code "fork"}.
     *
     * @throws PyValueError for any other name ("cannot find context for 'x'")
     */
    public static Context getContext(String method) {
        return new Context(method == null ? actual() : StartMethod.named(method));
    }

    /** As {@link #setStartMethod(String, boolean)} without {@code force}. */
    public static void setStartMethod(String method) {
        setStartMethod(method, false);
    }

    /**
     * Sets the default start method, once (as CPython, unless {@code force}); null with
     * {@code force} un-sets it.
     *
     * @throws PyRuntimeError "context has already been set"
     * @throws PyValueError for an unknown method
     */
    public static synchronized void setStartMethod(String method, boolean force) {
        if (actual != null && !force) throw new PyRuntimeError("context has already been set");
        actual = method == null ? null : StartMethod.named(method);
    }

    /** The default start method's name, fixing the default if it was not set. */
    public static String getStartMethod() {
        return actual().pythonName();
    }

    /** The default start method's name, or null if it has not been set or used and {@code allowNone}. */
    public static synchronized String getStartMethod(boolean allowNone) {
        if (actual == null && allowNone) return null;
        return actual().pythonName();
    }

    /** The start methods, the default first: {@code [fork, spawn, forkserver]}, as CPython on Linux. */
    public static List<String> getAllStartMethods() {
        return List.of("fork", "spawn", "forkserver");
    }

    private static synchronized StartMethod actual() {
        if (actual == null) actual = DEFAULT;
        return actual;
    }

    /**
     * A started {@link SyncManager}: its server runs in a child process on a fresh Unix socket path,
     * as CPython's {@code multiprocessing.Manager()}. Close it (try-with-resources) to shut the
     * server down.
     */
    public static SyncManager Manager() {
        SyncManager manager = new SyncManager();
        manager.start();
        return manager;
    }

    /**
     * CPython's {@code Pipe()}: two connected duplex {@link multiprocessing4j.connection.Connection}s;
     * an end captured by a {@link Process} target works in the child.
     */
    public static multiprocessing4j.connection.Pipe Pipe() throws java.io.IOException {
        return multiprocessing4j.connection.Connection.Pipe(true);
    }

    /** CPython's {@code Pipe(duplex)}: with {@code false}, {@code left()} only reads and {@code right()} only writes. */
    public static multiprocessing4j.connection.Pipe Pipe(boolean duplex) throws java.io.IOException {
        return multiprocessing4j.connection.Connection.Pipe(duplex);
    }

    /** Python's {@code range(stop)}: 0, 1, …, stop - 1, as an unmodifiable list. */
    public static List<Integer> range(int stop) {
        return range(0, stop, 1);
    }

    /** Python's {@code range(start, stop)}. */
    public static List<Integer> range(int start, int stop) {
        return range(start, stop, 1);
    }

    /**
     * Python's {@code range(start, stop, step)}, as an unmodifiable list (computed, not stored).
     *
     * @throws PyValueError when {@code step} is 0 ("range() arg 3 must not be zero")
     */
    public static List<Integer> range(int start, int stop, int step) {
        if (step == 0) throw new PyValueError("range() arg 3 must not be zero");
        long span = step > 0 ? (long) stop - start : (long) start - stop;
        long stepSize = Math.abs((long) step);
        int size = span <= 0 ? 0 : (int) ((span + stepSize - 1) / stepSize);
        return new java.util.AbstractList<>() {
            @Override
            public Integer get(int index) {
                java.util.Objects.checkIndex(index, size);
                return start + index * step;
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** A synchronized shared value of type {@code typecode}, zero (CPython's {@code Value(tc)}). */
    public static <T> Value<T> Value(String typecode) {
        return SharedCtypes.value(typecode, true);
    }

    /** A synchronized shared value (CPython's {@code Value(tc, init)}), guarded by a new {@code RLock}. */
    public static <T> Value<T> Value(String typecode, Object init) {
        return SharedCtypes.value(typecode, init, true);
    }

    /** CPython's {@code Value(tc, init, lock=True|False)}: {@code false} makes a raw value. */
    public static <T> Value<T> Value(String typecode, Object init, boolean lock) {
        return SharedCtypes.value(typecode, init, lock);
    }

    /** CPython's {@code Value(tc, init, lock=lock)}: guarded by {@code lock}, shared with whatever else it guards. */
    public static <T> Value<T> Value(String typecode, Object init, multiprocessing4j.synchronize.SemLock lock) {
        return SharedCtypes.value(typecode, init, lock);
    }

    /** A raw shared value of type {@code typecode}, zero (CPython's {@code RawValue(tc)}). */
    public static <T> Value<T> RawValue(String typecode) {
        return SharedCtypes.value(typecode, false);
    }

    /** A raw shared value (CPython's {@code RawValue(tc, init)}). */
    public static <T> Value<T> RawValue(String typecode, Object init) {
        return SharedCtypes.value(typecode, init, false);
    }

    /** A synchronized shared array of {@code size} zeros (CPython's {@code Array(tc, size)}). */
    public static <T> Array<T> Array(String typecode, int size) {
        return SharedCtypes.array(typecode, size, null, true);
    }

    /** A synchronized shared array holding {@code init} (CPython's {@code Array(tc, sequence)}). */
    public static <T> Array<T> Array(String typecode, List<?> init) {
        return SharedCtypes.array(typecode, 0, init, true);
    }

    /** CPython's {@code Array(tc, size, lock=True|False)}. */
    public static <T> Array<T> Array(String typecode, int size, boolean lock) {
        return SharedCtypes.array(typecode, size, null, lock);
    }

    /** CPython's {@code Array(tc, sequence, lock=True|False)}. */
    public static <T> Array<T> Array(String typecode, List<?> init, boolean lock) {
        return SharedCtypes.array(typecode, 0, init, lock);
    }

    /** CPython's {@code Array(tc, size, lock=lock)}. */
    public static <T> Array<T> Array(String typecode, int size, multiprocessing4j.synchronize.SemLock lock) {
        return SharedCtypes.array(typecode, size, null, lock);
    }

    /** CPython's {@code Array(tc, sequence, lock=lock)}. */
    public static <T> Array<T> Array(String typecode, List<?> init, multiprocessing4j.synchronize.SemLock lock) {
        return SharedCtypes.array(typecode, 0, init, lock);
    }

    /** A raw shared array of {@code size} zeros (CPython's {@code RawArray(tc, size)}). */
    public static <T> Array<T> RawArray(String typecode, int size) {
        return SharedCtypes.array(typecode, size, null, false);
    }

    /** A raw shared array holding {@code init} (CPython's {@code RawArray(tc, sequence)}). */
    public static <T> Array<T> RawArray(String typecode, List<?> init) {
        return SharedCtypes.array(typecode, 0, init, false);
    }

    /** An unbounded queue between processes (CPython's {@code Queue()}). */
    public static multiprocessing4j.queues.Queue Queue() {
        return new multiprocessing4j.queues.Queue();
    }

    /** A queue between processes holding at most {@code maxsize} items; {@code <= 0} is unbounded (CPython's {@code Queue(maxsize)}). */
    public static multiprocessing4j.queues.Queue Queue(int maxsize) {
        return new multiprocessing4j.queues.Queue(maxsize);
    }

    /** A queue without feeder, bound or timeouts (CPython's {@code SimpleQueue()}). */
    public static multiprocessing4j.queues.SimpleQueue SimpleQueue() {
        return new multiprocessing4j.queues.SimpleQueue();
    }

    /** An unbounded queue with {@code taskDone()}/{@code join()} (CPython's {@code JoinableQueue()}). */
    public static multiprocessing4j.queues.JoinableQueue JoinableQueue() {
        return new multiprocessing4j.queues.JoinableQueue();
    }

    /** A joinable queue holding at most {@code maxsize} items (CPython's {@code JoinableQueue(maxsize)}). */
    public static multiprocessing4j.queues.JoinableQueue JoinableQueue(int maxsize) {
        return new multiprocessing4j.queues.JoinableQueue(maxsize);
    }

    // ---- pool: Pool(...) and ThreadPool(...) ----

    /** CPython's {@code Pool()}: one worker process per CPU, the default start method. */
    public static multiprocessing4j.pool.Pool Pool() {
        return new multiprocessing4j.pool.Pool();
    }

    /** CPython's {@code Pool(processes)}. */
    public static multiprocessing4j.pool.Pool Pool(Integer processes) {
        return new multiprocessing4j.pool.Pool(processes);
    }

    /** CPython's {@code Pool(processes, initializer, initargs)}, the initargs captured by the initializer. */
    public static multiprocessing4j.pool.Pool Pool(Integer processes, SerializableRunnable initializer) {
        return new multiprocessing4j.pool.Pool(processes, initializer, null, null);
    }

    /** CPython's {@code Pool(processes, initializer, initargs, maxtasksperchild)}. */
    public static multiprocessing4j.pool.Pool Pool(Integer processes, SerializableRunnable initializer,
            Integer maxtasksperchild) {
        return new multiprocessing4j.pool.Pool(processes, initializer, maxtasksperchild, null);
    }

    /** CPython's {@code multiprocessing.pool.ThreadPool(processes)}. */
    public static multiprocessing4j.pool.ThreadPool ThreadPool(Integer processes) {
        return new multiprocessing4j.pool.ThreadPool(processes);
    }

    /** CPython's {@code ThreadPool(processes, initializer, initargs)}. */
    public static multiprocessing4j.pool.ThreadPool ThreadPool(Integer processes, Runnable initializer) {
        return new multiprocessing4j.pool.ThreadPool(processes, initializer);
    }

    /** A synchronized character array holding {@code init}: CPython's {@code Array('c', b"...")}. */
    public static Array<multiprocessing4j.reduction.PyBytes> Array(String typecode, multiprocessing4j.reduction.PyBytes init) {
        return SharedCtypes.array(typecode, 0, SharedCtypes.items(init), true);
    }

    /** A synchronized wide-character array holding {@code init}'s code points: CPython's {@code Array('u', "...")}. */
    public static Array<String> Array(String typecode, CharSequence init) {
        return SharedCtypes.array(typecode, 0, SharedCtypes.items(init), true);
    }

    /** A raw character array holding {@code init}: CPython's {@code RawArray('c', b"...")}. */
    public static Array<multiprocessing4j.reduction.PyBytes> RawArray(String typecode, multiprocessing4j.reduction.PyBytes init) {
        return SharedCtypes.array(typecode, 0, SharedCtypes.items(init), false);
    }

    /** A raw wide-character array holding {@code init}'s code points: CPython's {@code RawArray('u', "...")}. */
    public static Array<String> RawArray(String typecode, CharSequence init) {
        return SharedCtypes.array(typecode, 0, SharedCtypes.items(init), false);
    }

    // ---- synchronize: process-shared locks, semaphores, conditions, events, barriers ----

    /** A new process-shared non-recursive lock (CPython's {@code Lock()}). */
    public static multiprocessing4j.synchronize.Lock Lock() {
        return new multiprocessing4j.synchronize.Lock();
    }

    /** A new process-shared recursive lock (CPython's {@code RLock()}). */
    public static multiprocessing4j.synchronize.RLock RLock() {
        return new multiprocessing4j.synchronize.RLock();
    }

    /** A new process-shared semaphore of 1 (CPython's {@code Semaphore()}). */
    public static multiprocessing4j.synchronize.Semaphore Semaphore() {
        return new multiprocessing4j.synchronize.Semaphore();
    }

    /** A new process-shared semaphore of {@code value} (CPython's {@code Semaphore(value)}). */
    public static multiprocessing4j.synchronize.Semaphore Semaphore(int value) {
        return new multiprocessing4j.synchronize.Semaphore(value);
    }

    /** A new process-shared bounded semaphore of 1 (CPython's {@code BoundedSemaphore()}). */
    public static multiprocessing4j.synchronize.BoundedSemaphore BoundedSemaphore() {
        return new multiprocessing4j.synchronize.BoundedSemaphore();
    }

    /** A new process-shared semaphore bounded by {@code value} (CPython's {@code BoundedSemaphore(value)}). */
    public static multiprocessing4j.synchronize.BoundedSemaphore BoundedSemaphore(int value) {
        return new multiprocessing4j.synchronize.BoundedSemaphore(value);
    }

    /** A new process-shared condition with its own RLock (CPython's {@code Condition()}). */
    public static multiprocessing4j.synchronize.Condition Condition() {
        return new multiprocessing4j.synchronize.Condition();
    }

    /** A new process-shared condition over {@code lock}, a Lock or RLock (CPython's {@code Condition(lock)}). */
    public static multiprocessing4j.synchronize.Condition Condition(multiprocessing4j.synchronize.SemLock lock) {
        return new multiprocessing4j.synchronize.Condition(lock);
    }

    /** A new process-shared event, not set (CPython's {@code Event()}). */
    public static multiprocessing4j.synchronize.Event Event() {
        return new multiprocessing4j.synchronize.Event();
    }

    /** A new process-shared barrier for {@code parties} (CPython's {@code Barrier(parties)}). */
    public static multiprocessing4j.synchronize.Barrier Barrier(int parties) {
        return new multiprocessing4j.synchronize.Barrier(parties);
    }

    /** CPython's {@code Barrier(parties, action)}; the last arrival runs {@code action}. */
    public static multiprocessing4j.synchronize.Barrier Barrier(int parties, SerializableRunnable action) {
        return new multiprocessing4j.synchronize.Barrier(parties, action);
    }

    /**
     * CPython's {@code Barrier(parties, action, timeout)}: {@code timeout} seconds is {@code await()}'s
     * default ({@link Double#POSITIVE_INFINITY} for CPython's {@code None}; negative counts as 0).
     */
    public static multiprocessing4j.synchronize.Barrier Barrier(int parties, SerializableRunnable action, double timeout) {
        return new multiprocessing4j.synchronize.Barrier(parties, action, timeout);
    }
}
