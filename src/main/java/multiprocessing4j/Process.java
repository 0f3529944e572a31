package multiprocessing4j;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.reduction.PyRepr;

/**
 * A child process that runs {@link #run()}, as Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * Process p = new Process(() -> work(x));   // x travels with the lambda
 * p.start();
 * p.join();
 * p.exitcode();                             // 0
 * }</pre>
 *
 * <p>A child is another JVM (see {@link Context} for how each start method gets one). At
 * {@link #start()} this object itself, with its target and everything the target captures, is
 * Java-serialized and rebuilt in the child, where {@link Multiprocessing#currentProcess()}
 * returns it and {@code run()} is called. So subclasses that override {@code run()} must be
 * serializable in all their non-transient fields, as a CPython subclass must be picklable under
 * {@code spawn}. Something that cannot travel fails at {@code start()} with a
 * {@link multiprocessing4j.reduction.PicklingError} naming its class and the field path to it.
 *
 * <h2>Exit codes</h2>
 * As CPython: 0 after {@code run()} returns; 1 after an uncaught exception, whose stack trace the
 * child prints to its stderr after a line {@code Process <name>:}; {@code n} after
 * {@code System.exit(n)} or {@link SystemExit}{@code (n)}; {@code -N} when the child was ended by
 * signal {@code N} ({@link #terminate()}: -15, {@link #kill()}: -9).
 *
 * <h2>Identity</h2>
 * Names are {@code <SimpleClassName>-<i>:<j>...}, e.g. {@code Process-1} and, for its second
 * child, {@code Process-1:2}; {@link #pid()} is null before {@code start()}. The {@linkplain
 * #authkey() authkey} is inherited from the creating process. {@link #daemon(boolean) Daemon}
 * children are terminated when their parent exits and may not start children of their own;
 * every child also exits on its own when its parent dies.
 *
 * <h2>Threads</h2>
 * As in CPython, a process object is meant to be used by the thread that created it; the
 * waiting methods ({@code join}, {@code isAlive}, {@code exitcode}, {@code sentinel}) are safe
 * from any thread.
 */
public class Process implements Runnable, Serializable {
    private static final long serialVersionUID = 1L;

    /** The process this JVM is ({@code _current_process}); replaced in a child by its Process. */
    private static volatile Process current = new Process("MainProcess", null);
    /** The parent of this JVM's process, or null in the main process ({@code _parent_process}). */
    private static volatile Process parent;
    /** Numbers this process's children ({@code _process_counter}). */
    private static final AtomicInteger counter = new AtomicInteger();

    private final SerializableRunnable target;
    private final int[] identity;
    /** CPython's class name for a context's processes ({@code ForkProcess}...); null: this Java class's. */
    private final String pythonType;
    private String name;
    private boolean daemon;
    private transient byte[] authkey;
    private transient long parentPid;
    private transient Context context;
    private transient Popen popen;
    private transient boolean closed;
    /** Whether this JVM waits for the child before it exits, as CPython joins non-daemonic children ({@link ServerProcess}). */
    private transient boolean parentWaits = true;

    /** A process that runs nothing unless a subclass overrides {@link #run()}. */
    public Process() {
        this(null, null, null, null);
    }

    /** A process that runs {@code target}. */
    public Process(SerializableRunnable target) {
        this(null, target, null, null);
    }

    /** A process called {@code name} that runs {@code target}. */
    public Process(SerializableRunnable target, String name) {
        this(null, target, name, null);
    }

    /**
     * A process started with {@code context}'s start method, for subclasses (Python's
     * {@code class Worker(ctx.Process)}); the other constructors use the default start method
     * in force at {@link #start()}.
     */
    protected Process(Context context) {
        this(context, null, null, null);
    }

    /** With {@code pythonType}, the class CPython's {@code ctx.Process} is ({@code ForkProcess}...), or null. */
    Process(Context context, SerializableRunnable target, String name, String pythonType) {
        Process creator = current;
        this.target = target;
        this.pythonType = pythonType;
        this.identity = Arrays.copyOf(creator.identity, creator.identity.length + 1);
        this.identity[creator.identity.length] = counter.incrementAndGet();
        this.authkey = creator.authkey();
        this.daemon = creator.daemon;
        this.parentPid = ProcessHandle.current().pid();
        this.context = context;
        this.name = name != null ? name : defaultName();
    }

    /** As Java serialization leaves a process in its child: these fields set, the transient ones default. */
    private Process(SerializableRunnable target, int[] identity, String pythonType, String name, boolean daemon) {
        this.target = target;
        this.identity = identity;
        this.pythonType = pythonType;
        this.name = name;
        this.daemon = daemon;
    }

    /** A process rebuilt in its child from its compact form ({@link LambdaTarget}). */
    static Process rebuilt(SerializableRunnable target, int[] identity, String pythonType, String name, boolean daemon) {
        return new Process(target, identity, pythonType, name, daemon);
    }

    /** For the stand-ins of the main and the parent process (a null key: drawn when first asked for). */
    Process(String name, byte[] authkey) {
        this.target = null;
        this.identity = new int[0];
        this.pythonType = null;
        this.name = name;
        this.authkey = authkey;
    }

    private String defaultName() {
        return pythonTypeName() + "-" + identityText();
    }

    /** The identity as CPython's names show it: {@code 1}, {@code 1:2}. */
    String identityText() {
        return Arrays.stream(identity).mapToObj(Integer::toString).collect(Collectors.joining(":"));
    }

    /** Runs the target; subclasses override this to do their work in the child. */
    @Override
    public void run() {
        if (target != null) target.run();
    }

    /**
     * Starts the child: serializes this object, hands it to a new JVM (or a warm one) and returns
     * without waiting for {@code run()} to begin.
     *
     * @throws AssertionError as CPython: started twice, not created by this process, or this
     *     process is a daemon ("daemonic processes are not allowed to have children")
     * @throws PyValueError if {@link #close() closed}
     * @throws multiprocessing4j.reduction.PicklingError if this object or what its target
     *     captured cannot travel (nothing was started)
     * @throws ProcessError if no child JVM could be started
     */
    public void start() {
        checkClosed();
        if (popen != null) throw new AssertionError("cannot start a process twice");
        if (parentPid != ProcessHandle.current().pid()) {
            throw new AssertionError("can only start a process object created by current process");
        }
        if (current.daemon) throw new AssertionError("daemonic processes are not allowed to have children");
        Children.cleanup();
        Context ctx = context != null ? context : Multiprocessing.getContext();
        try {
            popen = ctx.startMethod().popen(this);
        } catch (IOException e) {
            throw new ProcessError("cannot start " + name + ": " + e.getMessage(), e);
        }
        Children.add(this);
    }

    /** As {@link #start()}, for a child that this JVM does not wait for at exit: see {@link ServerProcess}. */
    void startServer() {
        parentWaits = false;
        start();
    }

    boolean parentWaits() {
        return parentWaits;
    }

    /** Waits until the child ends. */
    public void join() {
        join(Double.POSITIVE_INFINITY);
    }

    /** As {@link #join(double)}. */
    public void join(Duration timeout) {
        join(timeout.toNanos() / 1e9);
    }

    /**
     * Waits until the child ends or {@code timeoutSeconds} pass, whichever is first; like
     * CPython it returns nothing: check {@link #exitcode()} or {@link #isAlive()}.
     *
     * @throws AssertionError if this process did not start the child, or it was not started
     * @throws ProcessError if the thread is interrupted (its interrupt flag stays set)
     */
    public void join(double timeoutSeconds) {
        checkClosed();
        if (parentPid != ProcessHandle.current().pid()) throw new AssertionError("can only join a child process");
        if (popen == null) throw new AssertionError("can only join a started process");
        if (popen.await(timeoutSeconds)) Children.discard(this);
    }

    /** Whether the child has been started and has not ended; true for the current process. */
    public boolean isAlive() {
        checkClosed();
        if (this == current) return true;
        if (popen == null) return false;
        if (popen.exitcode() == null) return true;
        Children.discard(this);
        return false;
    }

    /**
     * The exit code (see the class documentation), or null before {@code start()} and while the
     * child runs, as CPython's {@code None}.
     */
    public Integer exitcode() {
        checkClosed();
        return popen == null ? null : popen.exitcode();
    }

    /** The child's OS process id, or null before {@code start()}; in a child, for itself, its own. */
    public Long pid() {
        checkClosed();
        if (this == current) return ProcessHandle.current().pid();
        return popen == null ? null : popen.pid();
    }

    /** The same as {@link #pid()}, as CPython's {@code ident}. */
    public Long ident() {
        return pid();
    }

    /**
     * A connection that becomes ready to receive (end of stream) when the child ends, to wait
     * for children and connections together with {@link Connection#wait(java.util.Collection,
     * double)}, as CPython's {@code sentinel}. It must not be closed by the caller.
     *
     * @throws PyValueError if not started yet
     */
    public Connection sentinel() {
        checkClosed();
        if (popen == null) throw new PyValueError("process not started");
        return popen.sentinel();
    }

    /**
     * Sends SIGTERM to the child, unless it has ended; it ends with exit code -15.
     *
     * @throws PyAttributeError if not started yet, as CPython's ("'NoneType' object has no attribute 'terminate'")
     */
    public void terminate() {
        started("terminate").terminate();
    }

    /**
     * Sends SIGKILL to the child, unless it has ended; it ends with exit code -9.
     *
     * @throws PyAttributeError if not started yet, as CPython's
     */
    public void kill() {
        started("kill").kill();
    }

    /** The child's {@code Popen}, for a method CPython calls on it without asking whether there is one. */
    private Popen started(String method) {
        checkClosed();
        if (popen == null) throw new PyAttributeError("'NoneType' object has no attribute '" + method + "'");
        return popen;
    }

    /**
     * Releases what this object holds for the child; afterwards most methods raise
     * {@link PyValueError} ("process object is closed"), as CPython's. Idempotent.
     *
     * @throws PyValueError if the child is still running
     */
    public void close() {
        if (closed) return;
        if (popen != null) {
            if (popen.exitcode() == null) {
                throw new PyValueError("Cannot close a process while it is still running. "
                        + "You should first call join() or terminate().");
            }
            popen.close();
            Children.discard(this);
        }
        closed = true;
    }

    /** The name, used by default as {@code Process-1}; only for identification. */
    public String name() {
        return name;
    }

    /** Sets the name. */
    public Process name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Whether the child is a daemon; by default what the creating process is. */
    public boolean daemon() {
        return daemon;
    }

    /**
     * Makes the child a daemon (or not): a daemon is terminated when its parent exits and may
     * not start children.
     *
     * @throws AssertionError after {@code start()}, as CPython ("process has already started")
     */
    public Process daemon(boolean daemonic) {
        if (popen != null) throw new AssertionError("process has already started");
        this.daemon = daemonic;
        return this;
    }

    /**
     * A copy of the authentication key, inherited from the creating process; the main process's
     * is 32 random bytes, drawn on first use (a child never needs its own).
     */
    public byte[] authkey() {
        synchronized (this) {
            if (authkey == null) authkey = Authkeys.random();
            return authkey.clone();
        }
    }

    /** Sets the authentication key the child will have. */
    public synchronized Process authkey(byte[] key) {
        this.authkey = key.clone();
        return this;
    }

    /**
     * CPython's repr, e.g. {@code <Process name='Process-1' pid=4242 parent=4200 stopped
     * exitcode=-SIGTERM daemon>}; the main process is {@code <_MainProcess name='MainProcess'
     * parent=None started>}.
     */
    @Override
    public String toString() {
        Integer exitcode = null;
        String status;
        if (this == current) status = "started";
        else if (closed) status = "closed";
        else if (parentPid != ProcessHandle.current().pid()) status = "unknown";
        else if (popen == null) status = "initial";
        else {
            exitcode = popen.exitcode();
            status = exitcode == null ? "started" : "stopped";
        }
        StringBuilder repr = new StringBuilder("<").append(pythonTypeName()).append(" name=").append(PyRepr.repr(name));
        if (popen != null) repr.append(" pid=").append(popen.pid());
        repr.append(" parent=").append(parentPid == 0 ? "None" : Long.toString(parentPid)).append(' ').append(status);
        if (exitcode != null) repr.append(" exitcode=").append(ExitCodes.name(exitcode));
        if (daemon) repr.append(" daemon");
        return repr.append('>').toString();
    }

    /**
     * The class name CPython's repr and default name show: a context's ({@code ForkProcess} from
     * {@code getContext("fork").Process(..)}), else this class's ({@code Process} as
     * {@code multiprocessing.Process}), or {@code _MainProcess} for the main process's stand-in.
     */
    String pythonTypeName() {
        if (identity.length == 0) return "_MainProcess";
        if (pythonType != null) return pythonType;
        String type = getClass().getSimpleName();
        return type.isEmpty() ? "Process" : type;
    }

    private void checkClosed() {
        if (closed) throw new PyValueError("process object is closed");
    }

    // --- shared with the start machinery and the child bootstrap ---

    /** The target, or null for a process whose {@link #run()} is overridden instead. */
    SerializableRunnable target() {
        return target;
    }

    int[] identity() {
        return identity.clone();
    }

    /** In a child: makes {@code self} the current process and its parent known ({@code _bootstrap}). */
    static void becomeChild(Process self, byte[] authkey, Process parentStandIn) {
        self.authkey = authkey;
        self.parentPid = parentStandIn.pid();
        current = self;
        parent = parentStandIn;
        counter.set(0);
        Children.reset();
    }

    static Process current() {
        return current;
    }

    static Process parent() {
        return parent;
    }

    static List<Process> activeChildren() {
        return Children.active();
    }
}
