package multiprocessing4j.synchronize;

import static multiprocessing4j.synchronize.SyncLayout.BARRIER_COUNT;
import static multiprocessing4j.synchronize.SyncLayout.BARRIER_SIZE;
import static multiprocessing4j.synchronize.SyncLayout.BARRIER_STATE;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Map;
import multiprocessing4j.BrokenBarrierError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.SerializableRunnable;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * A barrier shared between processes, as CPython's {@code multiprocessing.Barrier} (which is
 * {@code threading.Barrier} with its state in shared memory): {@code parties} threads, in any
 * processes, call {@link #await}; the last to arrive runs the action and releases them all; each
 * gets its arrival index. {@link #abort()} breaks it, {@link #reset()} restores it, and a wait
 * that times out breaks it; waiters of a broken barrier get {@link BrokenBarrierError}.
 * Python's {@code wait} is {@link #await} here ({@link Object#wait()} is final in Java).
 *
 * <p>State and count live in the barrier area ({@link SyncLayout}) beside a {@link Condition}
 * with its own {@link RLock}; they are read and written with that lock held, which orders them.
 * The algorithm is {@code threading.Barrier}'s, line for line.
 */
public final class Barrier implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final SharedMemory shm;
    private final int offset;
    private final int parties;
    private final SerializableRunnable action;
    private final double timeout;
    private final transient ByteBuffer buf;
    private final transient Condition cond;

    /** A barrier for {@code parties} threads, with no action and no default timeout. */
    public Barrier(int parties) {
        this(parties, null, Double.POSITIVE_INFINITY);
    }

    /** A barrier for {@code parties} threads whose last arrival runs {@code action} (null for none). */
    public Barrier(int parties, SerializableRunnable action) {
        this(parties, action, Double.POSITIVE_INFINITY);
    }

    /**
     * CPython's {@code Barrier(parties, action, timeout)}.
     *
     * @param action run by the last thread to arrive, before any is released; null for none
     * @param timeout the default for {@link #await()}, in seconds: {@link Double#POSITIVE_INFINITY}
     *     for none (CPython's {@code None}); a negative one counts as 0, as CPython's, so every
     *     {@code await()} but the last party's breaks the barrier at once
     * @throws PyValueError when {@code parties} is less than 1
     */
    public Barrier(int parties, SerializableRunnable action, double timeout) {
        this(Heap.allocate(BARRIER_SIZE), 0, checked(parties), action, timeout);
    }

    private Barrier(SharedMemory shm, int offset, int parties, SerializableRunnable action, double timeout) {
        this.shm = shm;
        this.offset = offset;
        this.parties = parties;
        this.action = action;
        this.timeout = timeout;
        this.buf = shm.buf();
        this.cond = new Condition(shm, offset, null);
    }

    private static int checked(int parties) {
        if (parties < 1) throw new PyValueError("parties must be > 0");
        return parties;
    }

    /** Python's {@code wait()}: {@link #await(double)} with the barrier's default timeout. */
    public int await() {
        return await(timeout);
    }

    /**
     * Python's {@code wait(timeout)}: waits until {@code parties} threads wait, then returns this
     * thread's arrival index, 0 to {@code parties - 1}.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits as long as it takes; negative
     *     counts as 0 (CPython's rule): unless this thread is the last party, the barrier breaks at once
     * @throws BrokenBarrierError when the barrier is or becomes broken or reset while waiting, or
     *     the timeout passes (which breaks it for everyone)
     */
    public int await(double timeout) {
        try (var held = cond.hold()) {
            enter();
            int index = count();
            count(index + 1);
            try {
                if (index + 1 == parties) {
                    release();
                } else {
                    sleep(timeout);
                }
                return index;
            } finally {
                count(count() - 1);
                exit();
            }
        }
    }

    /** Blocks while the barrier drains or resets; a broken barrier raises. */
    private void enter() {
        while (state() == RESETTING || state() == DRAINING) cond.await();
        if (state() < 0) throw brokenError();
    }

    /** The last arrival: runs the action, then releases the others. */
    private void release() {
        try {
            if (action != null) action.run();
            state(DRAINING);
            cond.notifyAllWaiters();
        } catch (RuntimeException | Error e) {
            breakIt();
            throw e;
        }
    }

    private void sleep(double timeout) {
        if (!cond.waitFor(() -> state() != FILLING, timeout)) {
            breakIt();
            throw brokenError();
        }
        if (state() < 0) throw brokenError();
    }

    /** The last one out of a draining or resetting barrier makes it fill again. */
    private void exit() {
        if (count() == 0 && (state() == RESETTING || state() == DRAINING)) {
            state(FILLING);
            cond.notifyAllWaiters();
        }
    }

    /**
     * Python's {@code reset()}: back to the initial state; threads waiting now get
     * {@link BrokenBarrierError}.
     */
    public void reset() {
        try (var held = cond.hold()) {
            if (count() > 0) {
                if (state() == FILLING || state() == BROKEN) state(RESETTING);
            } else {
                state(FILLING);
            }
            cond.notifyAllWaiters();
        }
    }

    /** Python's {@code abort()}: breaks the barrier; waiters, present and future, get {@link BrokenBarrierError}. */
    public void abort() {
        try (var held = cond.hold()) {
            breakIt();
        }
    }

    private void breakIt() {
        state(BROKEN);
        cond.notifyAllWaiters();
    }

    /** Python's {@code parties}. */
    public int parties() {
        return parties;
    }

    /** Python's {@code n_waiting}: threads waiting in the current generation. */
    public int nWaiting() {
        try (var held = cond.hold()) {
            return state() == FILLING ? count() : 0;
        }
    }

    /** Python's {@code broken}. */
    public boolean broken() {
        try (var held = cond.hold()) {
            return state() == BROKEN;
        }
    }

    private int state() {
        return buf.getInt(offset + BARRIER_STATE);
    }

    private void state(int state) {
        buf.putInt(offset + BARRIER_STATE, state);
    }

    private int count() {
        return buf.getInt(offset + BARRIER_COUNT);
    }

    private void count(int count) {
        buf.putInt(offset + BARRIER_COUNT, count);
    }

    private static BrokenBarrierError brokenError() {
        return new BrokenBarrierError(PyTuple.of(), Map.of());
    }

    /** The segment holding this barrier. */
    public SharedMemory shm() {
        return shm;
    }

    /**
     * As CPython's (3.11): {@code <multiprocessing.synchronize.Barrier at 0x1b6f2a3: waiters=0/2>}
     * or {@code <multiprocessing.synchronize.Barrier at 0x1b6f2a3: broken>}.
     */
    @Override
    public String toString() {
        String at = "<multiprocessing.synchronize.Barrier at 0x" + Integer.toHexString(System.identityHashCode(this));
        return broken() ? at + ": broken>" : at + ": waiters=" + nWaiting() + "/" + parties + ">";
    }

    private Object writeReplace() {
        return new Handle(shm.name(), offset, parties, action, timeout);
    }

    /** A barrier on its way to a child: its segment, its offset there, and its settings. */
    private record Handle(String name, int offset, int parties, SerializableRunnable action, double timeout)
            implements Serializable {
        private Object readResolve() {
            return new Barrier(new SharedMemory(name), offset, parties, action, timeout);
        }
    }
}
