package multiprocessing4j.queues;

import java.io.Serializable;
import java.util.Map;
import multiprocessing4j.Empty;
import multiprocessing4j.Full;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.synchronize.Backoff;

/**
 * A FIFO queue between processes: CPython's {@code multiprocessing.Queue}, made by
 * {@code Multiprocessing.Queue()} or a {@code Context}'s. Captured by a {@code Process} target it
 * re-attaches in the child by name, under every start method.
 *
 * <pre>{@code
 * Queue q = Queue();
 * Process p = new Process(() -> q.put(PyTuple.of(42, null, "hello")));
 * p.start();
 * System.out.println(q.get());   // (42, None, 'hello')
 * p.join();
 * }</pre>
 *
 * <h2>Semantics (CPython's)</h2>
 * <ul>
 *   <li>Values cross as pickles ({@link ForkingPickler}), a Java-only {@link Serializable} in the
 *       explicit Java-only envelope; {@code get} returns what the pickle decodes to (a Java
 *       {@code Integer} put comes back as the Python {@code int}'s Java form, and so on).
 *   <li>{@code put} on a queue with room never blocks the caller: the message goes into the
 *       ring at once when it can, or else into this process's buffer, which a feeder thread
 *       flushes into the ring in order. Messages of one producer thread arrive in the order put.
 *   <li>A process that exits normally first flushes what its feeder still holds (waiting for
 *       room if it must, as CPython's does), unless {@link #cancelJoinThread()} was called.
 *   <li>{@code qsize()} counts items put and not yet taken (CPython's semaphore); {@code empty()}
 *       says whether nothing is in the ring yet (CPython's {@code not poll()}), so right after
 *       a {@code put} from a busy feeder it may still be true, as in CPython.
 *   <li>Timeouts are seconds; {@code Double.POSITIVE_INFINITY} is Python's {@code None}
 *       (wait forever), a negative timeout counts as 0, as CPython's.
 * </ul>
 *
 * <h2>Differences from CPython</h2>
 * <ul>
 *   <li>{@code put} pickles at once, so a value that cannot be pickled raises
 *       {@link multiprocessing4j.reduction.PicklingError} to the caller and takes no room;
 *       CPython's feeder thread prints the error later and drops the item.
 *   <li>The queue's memory belongs to the process that made it: once that process has exited,
 *       new children cannot attach and messages above 256 KiB (kept in files beside the ring)
 *       that nobody took are gone.
 * </ul>
 */
public class Queue implements Serializable {
    private static final long serialVersionUID = 1L;
    /** CPython's {@code SEM_VALUE_MAX}: the bound of an "unbounded" queue. */
    static final int SEM_VALUE_MAX = Integer.MAX_VALUE;
    private static final double FOREVER = Double.POSITIVE_INFINITY;

    final RingChannel channel;
    private final transient Feeder feeder;
    private transient volatile boolean closed;

    /** An unbounded queue (CPython's {@code Queue()}). */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded, as in CPython. */
    public Queue(int maxsize) {
        this(maxsize, RingChannel.DEFAULT_CAPACITY);
    }

    /** A queue whose ring holds {@code ringCapacity} bytes (a power of two, at least 64): for tests. */
    Queue(int maxsize, int ringCapacity) {
        this(RingChannel.create(ringCapacity, maxsize <= 0 ? SEM_VALUE_MAX : maxsize));
    }

    Queue(RingChannel channel) {
        this.channel = channel;
        this.feeder = new Feeder(channel);
    }

    /** Puts {@code obj}, waiting for room as long as it takes; as CPython's {@code put(obj)}. */
    public void put(Object obj) {
        put(obj, true, FOREVER);
    }

    /** As CPython's {@code put(obj, block)}: without a timeout, so a blocking put waits as long as it takes. */
    public void put(Object obj, boolean block) {
        put(obj, block, FOREVER);
    }

    /** Puts {@code obj}, waiting at most {@code timeout} seconds for room; as {@code put(obj, True, timeout)}. */
    public void put(Object obj, double timeout) {
        put(obj, true, timeout);
    }

    /**
     * CPython's {@code put(obj, block, timeout)}.
     *
     * @param timeout seconds to wait for room when blocking; ignored otherwise
     * @throws Full if there was no room (at once when not blocking, or within the timeout)
     * @throws PyValueError if this queue was closed in this process ("Queue ... is closed")
     * @throws multiprocessing4j.reduction.PicklingError if {@code obj} cannot be pickled; nothing is put
     */
    public void put(Object obj, boolean block, double timeout) {
        checkOpen();
        Outgoing item = Outgoing.of(obj);
        if (!channel.counters().reserve(block, Backoff.deadline(timeout))) throw new Full(PyTuple.of(), Map.of());
        accepted();
        feeder.submit(item);
    }

    /** As {@code put(obj, false, 0)}. */
    public void putNowait(Object obj) {
        put(obj, false, 0);
    }

    /** Called after room for an item was reserved, before it is sent: JoinableQueue counts a task. */
    void accepted() {}

    /** Removes and returns the oldest item, waiting as long as it takes; as CPython's {@code get()}. */
    public Object get() {
        return get(true, FOREVER);
    }

    /** As CPython's {@code get(block)}: without a timeout, so a blocking get waits as long as it takes. */
    public Object get(boolean block) {
        return get(block, FOREVER);
    }

    /** Waits at most {@code timeout} seconds for an item; as {@code get(True, timeout)}. */
    public Object get(double timeout) {
        return get(true, timeout);
    }

    /**
     * CPython's {@code get(block, timeout)}.
     *
     * @throws Empty if no item came (at once when not blocking, or within the timeout), which is
     *     what a consumer whose producers all died gets once its timeout passes
     * @throws PyValueError if this queue was closed in this process
     * @throws multiprocessing4j.reduction.UnpicklingError if the item does not unpickle (it is
     *     consumed)
     * @throws java.io.UncheckedIOException if the item was kept in an overflow file that is gone
     *     (its creator exited) or unreadable (it is consumed)
     */
    public Object get(boolean block, double timeout) {
        checkOpen();
        byte[] pickle;
        try {
            pickle = channel.recv(block, Backoff.deadline(timeout));
        } catch (java.io.UncheckedIOException lost) { // its record was taken: so is its room
            channel.counters().release();
            throw lost;
        }
        if (pickle == null) throw new Empty(PyTuple.of(), Map.of());
        channel.counters().release();
        return ForkingPickler.loadsOwned(pickle);
    }

    /** As {@code get(false, 0)}. */
    public Object getNowait() {
        return get(false, 0);
    }

    /** Items put and not yet taken, across all processes (approximate while others work, as CPython's). */
    public int qsize() {
        return (int) Math.min(Integer.MAX_VALUE, channel.counters().items());
    }

    /** Whether no item is ready to be taken (a snapshot). */
    public boolean empty() {
        return channel.isEmpty();
    }

    /** Whether the queue holds {@code maxsize} items (a snapshot). */
    public boolean full() {
        return channel.counters().items() >= channel.counters().maxsize();
    }

    /**
     * No more {@code put} or {@code get} from this process; the feeder flushes what it holds and
     * ends. Other processes' use of the queue is unaffected. Idempotent.
     */
    public void close() {
        closed = true;
        feeder.close();
    }

    /**
     * Waits until the feeder has flushed everything this process put (CPython's
     * {@code join_thread()}).
     *
     * @throws AssertionError if the queue is not closed, as CPython's ("Queue ... not closed")
     */
    public void joinThread() {
        if (!closed) throw new AssertionError("Queue " + this + " not closed");
        feeder.join();
    }

    /**
     * This process will not wait, when it exits, for its feeder to flush: what it still holds is
     * lost (CPython's {@code cancel_join_thread()}).
     */
    public void cancelJoinThread() {
        feeder.cancelJoin();
    }

    private void checkOpen() {
        if (closed) throw new PyValueError("Queue " + this + " is closed");
    }

    /** As CPython's default repr, with the segment's name standing for the address. */
    @Override
    public String toString() {
        return "<multiprocessing.queues." + getClass().getSimpleName() + " object at " + channel.name() + ">";
    }

    /** What travels to a child instead of this queue (for subclasses too, hence not private). */
    protected final Object writeReplace() {
        return new Handle(channel, this instanceof JoinableQueue);
    }

    /** A queue on its way to a child: its channel (by name); the child gets a fresh feeder, as CPython's. */
    private record Handle(RingChannel channel, boolean joinable) implements Serializable {
        private Object readResolve() {
            return joinable ? new JoinableQueue(channel) : new Queue(channel);
        }
    }
}
