package multiprocessing4j;

import java.util.List;

/**
 * A start method and the module's factories bound to it, as CPython's context objects
 * ({@code multiprocessing.get_context("spawn")}): objects made from a context use its start
 * method, so code moves between start methods by changing one line.
 *
 * <pre>{@code
 * Context ctx = Multiprocessing.getContext("forkserver");
 * Process p = ctx.Process(() -> work());
 * }</pre>
 *
 * <h2>The start methods on the JVM</h2>
 * A JVM cannot {@code fork(2)} (only the calling thread would survive; the collector's and
 * compiler's threads would not), so every child is a JVM launched with this JVM's
 * {@code java}, JVM options, class path, working directory, environment, stdout and stderr.
 * <ul>
 *   <li>{@code spawn}: a fresh JVM booted at {@code start()}; the child gets the process object
 *       serialized, and nothing else of this JVM's state.
 *   <li>{@code forkserver}: a JVM taken from a pool of pre-started, warmed-up JVMs
 *       ({@link ForkServer}), so {@code start()} costs milliseconds, not a JVM boot; the child
 *       gets what {@code spawn} gives.
 *   <li>{@code fork} (the default): a warm JVM as {@code forkserver}, given this JVM's runtime
 *       state as well: system properties as they are at {@code start()}, default locale and time
 *       zone. The heap, static fields, threads and open files of this JVM are not carried; what
 *       the target captures is, serialized, and anything it captures that cannot travel fails at
 *       {@code start()}.
 * </ul>
 *
 * <p>Later layers add their factories here ({@code Queue()}, {@code Pool(n)}, {@code Lock()}…),
 * each creating objects that use {@link #startMethod()}.
 */
public final class Context {
    private final StartMethod method;

    Context(StartMethod method) {
        this.method = method;
    }

    /** A process that runs {@code target} with this context's start method. */
    public Process Process(SerializableRunnable target) {
        return new Process(this, target, null, method.processTypeName());
    }

    /** A process called {@code name} that runs {@code target} with this context's start method. */
    public Process Process(SerializableRunnable target, String name) {
        return new Process(this, target, name, method.processTypeName());
    }

    /** This context's start method: {@code "spawn"}, {@code "forkserver"} or {@code "fork"}. */
    public String getStartMethod() {
        return method.pythonName();
    }

    /** The context for {@code method} (CPython contexts offer {@code get_context} too). */
    public Context getContext(String method) {
        return Multiprocessing.getContext(method);
    }

    /** As {@link Multiprocessing#getAllStartMethods()}. */
    public List<String> getAllStartMethods() {
        return Multiprocessing.getAllStartMethods();
    }

    /** As {@link Multiprocessing#currentProcess()}. */
    public Process currentProcess() {
        return Multiprocessing.currentProcess();
    }

    /** As {@link Multiprocessing#parentProcess()}. */
    public Process parentProcess() {
        return Multiprocessing.parentProcess();
    }

    /** As {@link Multiprocessing#activeChildren()}. */
    public List<Process> activeChildren() {
        return Multiprocessing.activeChildren();
    }

    /** As {@link Multiprocessing#cpuCount()}. */
    public int cpuCount() {
        return Multiprocessing.cpuCount();
    }

    /**
     * Keeps {@code size} warm JVMs ready for {@code forkserver} and {@code fork} (shared by
     * both; by default {@value ForkServer#DEFAULT_POOL_SIZE}, or the system property
     * {@value ForkServer#POOL_SIZE_PROPERTY}). Each idle warm JVM costs its memory; a larger
     * pool serves bursts of {@code start()} without waiting for a JVM boot. Java's counterpart
     * of CPython's {@code set_forkserver_preload}: both tune what the server prepares.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public void setForkserverPool(int size) {
        ForkServer.get().poolSize(size);
    }

    StartMethod startMethod() {
        return method;
    }

    @Override
    public String toString() {
        return "<Context " + method.pythonName() + ">";
    }

    /** As {@link Multiprocessing#Value}: shared memory does not depend on the start method. */
    public <T> Value<T> Value(String typecode) {
        return Multiprocessing.Value(typecode);
    }

    /** As {@link Multiprocessing#Value}: shared memory does not depend on the start method. */
    public <T> Value<T> Value(String typecode, Object init) {
        return Multiprocessing.Value(typecode, init);
    }

    /** As {@link Multiprocessing#Value}: shared memory does not depend on the start method. */
    public <T> Value<T> Value(String typecode, Object init, boolean lock) {
        return Multiprocessing.Value(typecode, init, lock);
    }

    /** As {@link Multiprocessing#Value}: shared memory does not depend on the start method. */
    public <T> Value<T> Value(String typecode, Object init, multiprocessing4j.synchronize.SemLock lock) {
        return Multiprocessing.Value(typecode, init, lock);
    }

    /** As {@link Multiprocessing#RawValue}: shared memory does not depend on the start method. */
    public <T> Value<T> RawValue(String typecode) {
        return Multiprocessing.RawValue(typecode);
    }

    /** As {@link Multiprocessing#RawValue}: shared memory does not depend on the start method. */
    public <T> Value<T> RawValue(String typecode, Object init) {
        return Multiprocessing.RawValue(typecode, init);
    }

    /** As {@link Multiprocessing#Array}: shared memory does not depend on the start method. */
    public <T> Array<T> Array(String typecode, int size) {
        return Multiprocessing.Array(typecode, size);
    }

    /** As {@link Multiprocessing#Array}: shared memory does not depend on the start method. */
    public <T> Array<T> Array(String typecode, List<?> init) {
        return Multiprocessing.Array(typecode, init);
    }

    /** As {@link Multiprocessing#Array}: shared memory does not depend on the start method. */
    public <T> Array<T> Array(String typecode, int size, boolean lock) {
        return Multiprocessing.Array(typecode, size, lock);
    }

    /** As {@link Multiprocessing#Array}: shared memory does not depend on the start method. */
    public <T> Array<T> Array(String typecode, List<?> init, boolean lock) {
        return Multiprocessing.Array(typecode, init, lock);
    }

    /** As {@link Multiprocessing#Array}: shared memory does not depend on the start method. */
    public <T> Array<T> Array(String typecode, int size, multiprocessing4j.synchronize.SemLock lock) {
        return Multiprocessing.Array(typecode, size, lock);
    }

    /** As {@link Multiprocessing#Array}: shared memory does not depend on the start method. */
    public <T> Array<T> Array(String typecode, List<?> init, multiprocessing4j.synchronize.SemLock lock) {
        return Multiprocessing.Array(typecode, init, lock);
    }

    /** As {@link Multiprocessing#RawArray}: shared memory does not depend on the start method. */
    public <T> Array<T> RawArray(String typecode, int size) {
        return Multiprocessing.RawArray(typecode, size);
    }

    /** As {@link Multiprocessing#RawArray}: shared memory does not depend on the start method. */
    public <T> Array<T> RawArray(String typecode, List<?> init) {
        return Multiprocessing.RawArray(typecode, init);
    }

    /** As {@link Multiprocessing#Queue()}: a queue does not depend on the start method. */
    public multiprocessing4j.queues.Queue Queue() {
        return Multiprocessing.Queue();
    }

    /** As {@link Multiprocessing#Queue(int)}. */
    public multiprocessing4j.queues.Queue Queue(int maxsize) {
        return Multiprocessing.Queue(maxsize);
    }

    /** As {@link Multiprocessing#SimpleQueue()}. */
    public multiprocessing4j.queues.SimpleQueue SimpleQueue() {
        return Multiprocessing.SimpleQueue();
    }

    /** As {@link Multiprocessing#JoinableQueue()}. */
    public multiprocessing4j.queues.JoinableQueue JoinableQueue() {
        return Multiprocessing.JoinableQueue();
    }

    /** As {@link Multiprocessing#JoinableQueue(int)}. */
    public multiprocessing4j.queues.JoinableQueue JoinableQueue(int maxsize) {
        return Multiprocessing.JoinableQueue(maxsize);
    }

    // ---- connection and managers: as the module's (a pipe and a manager server do not depend on the start method here) ----

    /** CPython's {@code ctx.Pipe()}. */
    public multiprocessing4j.connection.Pipe Pipe() throws java.io.IOException {
        return Multiprocessing.Pipe();
    }

    /** CPython's {@code ctx.Pipe(duplex)}. */
    public multiprocessing4j.connection.Pipe Pipe(boolean duplex) throws java.io.IOException {
        return Multiprocessing.Pipe(duplex);
    }

    /** CPython's {@code ctx.Manager()}: a started {@link multiprocessing4j.managers.SyncManager}. */
    public multiprocessing4j.managers.SyncManager Manager() {
        return Multiprocessing.Manager();
    }

    // ---- pool: Pool(...) with this context's start method ----

    /** CPython's {@code ctx.Pool()}: one worker per CPU, started with this context's method. */
    public multiprocessing4j.pool.Pool Pool() {
        return new multiprocessing4j.pool.Pool(null, null, null, this);
    }

    /** CPython's {@code ctx.Pool(processes)}. */
    public multiprocessing4j.pool.Pool Pool(Integer processes) {
        return new multiprocessing4j.pool.Pool(processes, null, null, this);
    }

    /** CPython's {@code ctx.Pool(processes, initializer, initargs)}, the initargs captured by the initializer. */
    public multiprocessing4j.pool.Pool Pool(Integer processes, SerializableRunnable initializer) {
        return new multiprocessing4j.pool.Pool(processes, initializer, null, this);
    }

    /** CPython's {@code ctx.Pool(processes, initializer, initargs, maxtasksperchild)}. */
    public multiprocessing4j.pool.Pool Pool(Integer processes, SerializableRunnable initializer, Integer maxtasksperchild) {
        return new multiprocessing4j.pool.Pool(processes, initializer, maxtasksperchild, this);
    }

    /** {@code ThreadPool(processes)}, as the module's (threads have no start method). */
    public multiprocessing4j.pool.ThreadPool ThreadPool(Integer processes) {
        return new multiprocessing4j.pool.ThreadPool(processes);
    }

    /** As {@link Multiprocessing#Array(String, multiprocessing4j.reduction.PyBytes)}: {@code Array('c', b"...")}. */
    public Array<multiprocessing4j.reduction.PyBytes> Array(String typecode, multiprocessing4j.reduction.PyBytes init) {
        return Multiprocessing.Array(typecode, init);
    }

    /** As {@link Multiprocessing#Array(String, CharSequence)}: {@code Array('u', "...")}. */
    public Array<String> Array(String typecode, CharSequence init) {
        return Multiprocessing.Array(typecode, init);
    }

    /** As {@link Multiprocessing#RawArray(String, multiprocessing4j.reduction.PyBytes)}: {@code RawArray('c', b"...")}. */
    public Array<multiprocessing4j.reduction.PyBytes> RawArray(String typecode, multiprocessing4j.reduction.PyBytes init) {
        return Multiprocessing.RawArray(typecode, init);
    }

    /** As {@link Multiprocessing#RawArray(String, CharSequence)}: {@code RawArray('u', "...")}. */
    public Array<String> RawArray(String typecode, CharSequence init) {
        return Multiprocessing.RawArray(typecode, init);
    }

    // ---- synchronize: as Multiprocessing's; shared memory does not depend on the start method ----

    /** As {@link Multiprocessing#Lock}. */
    public multiprocessing4j.synchronize.Lock Lock() {
        return Multiprocessing.Lock();
    }

    /** As {@link Multiprocessing#RLock}. */
    public multiprocessing4j.synchronize.RLock RLock() {
        return Multiprocessing.RLock();
    }

    /** As {@link Multiprocessing#Semaphore}. */
    public multiprocessing4j.synchronize.Semaphore Semaphore() {
        return Multiprocessing.Semaphore();
    }

    /** As {@link Multiprocessing#Semaphore}. */
    public multiprocessing4j.synchronize.Semaphore Semaphore(int value) {
        return Multiprocessing.Semaphore(value);
    }

    /** As {@link Multiprocessing#BoundedSemaphore}. */
    public multiprocessing4j.synchronize.BoundedSemaphore BoundedSemaphore() {
        return Multiprocessing.BoundedSemaphore();
    }

    /** As {@link Multiprocessing#BoundedSemaphore}. */
    public multiprocessing4j.synchronize.BoundedSemaphore BoundedSemaphore(int value) {
        return Multiprocessing.BoundedSemaphore(value);
    }

    /** As {@link Multiprocessing#Condition}. */
    public multiprocessing4j.synchronize.Condition Condition() {
        return Multiprocessing.Condition();
    }

    /** As {@link Multiprocessing#Condition}. */
    public multiprocessing4j.synchronize.Condition Condition(multiprocessing4j.synchronize.SemLock lock) {
        return Multiprocessing.Condition(lock);
    }

    /** As {@link Multiprocessing#Event}. */
    public multiprocessing4j.synchronize.Event Event() {
        return Multiprocessing.Event();
    }

    /** As {@link Multiprocessing#Barrier}. */
    public multiprocessing4j.synchronize.Barrier Barrier(int parties) {
        return Multiprocessing.Barrier(parties);
    }

    /** As {@link Multiprocessing#Barrier}. */
    public multiprocessing4j.synchronize.Barrier Barrier(int parties, SerializableRunnable action) {
        return Multiprocessing.Barrier(parties, action);
    }

    /** As {@link Multiprocessing#Barrier}. */
    public multiprocessing4j.synchronize.Barrier Barrier(int parties, SerializableRunnable action, double timeout) {
        return Multiprocessing.Barrier(parties, action, timeout);
    }
}
