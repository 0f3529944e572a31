package multiprocessing4j.synchronize;

import static multiprocessing4j.synchronize.SyncLayout.COND_LOCK;
import static multiprocessing4j.synchronize.SyncLayout.COND_SLOTS;
import static multiprocessing4j.synchronize.SyncLayout.CONDITION_SIZE;
import static multiprocessing4j.synchronize.SyncLayout.NOTIFIED;
import static multiprocessing4j.synchronize.SyncLayout.SLOTS;
import static multiprocessing4j.synchronize.SyncLayout.WAITING;

import java.io.Serializable;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import multiprocessing4j.PyRuntimeError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * A condition variable shared between processes, as CPython's {@code multiprocessing.Condition}:
 * a {@link Lock} or {@link RLock} (a new RLock by default) plus the set of threads, in any
 * process, waiting to be notified. Python's {@code wait} is {@link #await} here and
 * {@code notify_all} is {@link #notifyAllWaiters()}, because {@link Object#wait()} and
 * {@link Object#notifyAll()} are final in Java (as {@code managers.ConditionProxy}).
 *
 * <p>Each waiter claims a slot in the condition's area ({@link SyncLayout}) while it holds the
 * lock, frees the whole lock and polls its slot; {@code notify(n)} marks up to {@code n} waiting
 * slots notified. Unlike CPython's, whose {@code notify} waits until each woken sleeper has
 * acknowledged, a notifier never waits for a waiter, and the slot of a waiter whose process died
 * is freed and not counted, so a killed waiter neither hangs a notifier nor swallows a
 * notification. Waking is not FIFO (CPython promises no order either). At most
 * {@link SyncLayout#SLOTS} threads wait on one condition at once.
 *
 * <p>Memory ordering: slots change by {@code compareAndSet} and are freed with {@code setRelease};
 * what the notifier wrote under the lock reaches the waiter through the lock, which the waiter
 * re-acquires before {@code await} returns.
 */
public final class Condition implements SemLock {
    private static final long serialVersionUID = 1L;
    private static final VarHandle LONG = LockWord.LONG;

    private final SemLock lock;
    private final SharedMemory shm;
    private final int offset;
    private final transient ByteBuffer buf;

    /** A condition with a new {@link RLock}, as CPython's {@code Condition()}. */
    public Condition() {
        this(Heap.allocate(CONDITION_SIZE), 0, null);
    }

    /**
     * A condition using {@code lock}, as CPython's {@code Condition(lock)}; null means a new RLock.
     *
     * @throws PyTypeError unless {@code lock} is a {@link Lock} or an {@link RLock} of this package
     */
    public Condition(SemLock lock) {
        this(Heap.allocate(CONDITION_SIZE), 0, checked(lock));
    }

    /** The condition in the condition area at {@code offset}; a null lock means an RLock in that area. */
    Condition(SharedMemory shm, int offset, SemLock lock) {
        this.shm = shm;
        this.offset = offset;
        this.buf = shm.buf();
        this.lock = lock != null ? lock : new RLock(shm, offset + COND_LOCK);
    }

    private static SemLock checked(SemLock lock) {
        if (lock == null || lock instanceof Lock || lock instanceof RLock) return lock;
        throw new PyTypeError("a Condition's lock must be a multiprocessing4j Lock or RLock, not "
                + lock.getClass().getName());
    }

    /** The lock, CPython's {@code _lock}. */
    public SemLock lock() {
        return lock;
    }

    /** Acquires the lock, as its {@code acquire(block, timeout)} does. */
    @Override
    public boolean acquire(boolean block, double timeout) {
        return lock.acquire(block, timeout);
    }

    @Override
    public void release() {
        lock.release();
    }

    /** Python's {@code wait()}: as {@link #await(double)} without a timeout; true. */
    public boolean await() {
        return await(Double.POSITIVE_INFINITY);
    }

    /**
     * Python's {@code wait(timeout)}: frees the lock entirely (an RLock at any depth), waits until
     * notified or until {@code timeout} seconds passed, takes the lock back at the same depth. A
     * timeout of 0 or less still frees and takes back the lock, as CPython's does.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits as long as it takes; negative
     *     counts as 0 (CPython's rule)
     * @return false when the timeout passed without a notification
     * @throws AssertionError "must acquire() condition before using wait()" when the calling
     *     thread does not hold the lock, as CPython's
     * @throws PyRuntimeError when {@link SyncLayout#SLOTS} threads wait already
     */
    public boolean await(double timeout) {
        if (!isMine()) throw new AssertionError("must acquire() condition before using wait()");
        int slot = claimSlot();
        int depth = releaseAll();
        try {
            return sleep(slot, timeout);
        } finally {
            restoreAll(depth);
        }
    }

    /** Waits on a claimed slot; frees it on every path. */
    private boolean sleep(int slot, double timeout) {
        long waiting = (long) LockWord.PID << 32 | WAITING;
        Backoff wait = Backoff.start(true, timeout);
        while (true) {
            if ((long) LONG.getVolatile(buf, slot) != waiting) break; // notified
            if (!wait.pause()) {
                if (LONG.compareAndSet(buf, slot, waiting, 0L)) return false;
                break; // notified just as the timeout passed: it counts
            }
        }
        LONG.setRelease(buf, slot, 0L);
        return true;
    }

    private int claimSlot() {
        long waiting = (long) LockWord.PID << 32 | WAITING;
        for (int i = 0; i < SLOTS; i++) {
            int slot = offset + COND_SLOTS + 8 * i;
            if ((long) LONG.getVolatile(buf, slot) == 0L && LONG.compareAndSet(buf, slot, 0L, waiting)) return slot;
        }
        throw new PyRuntimeError("more than " + SLOTS + " threads waiting on one Condition");
    }

    /**
     * Python's {@code wait_for(predicate)}: waits until {@code predicate}, evaluated with the lock
     * held, is true.
     */
    public boolean waitFor(BooleanSupplier predicate) {
        return waitFor(predicate, Double.POSITIVE_INFINITY);
    }

    /**
     * Python's {@code wait_for(predicate, timeout)}: waits until {@code predicate}, evaluated with
     * the lock held, is true, or until {@code timeout} seconds passed; returns its last value. With
     * a timeout of 0 or less it evaluates the predicate once and does not wait, as CPython's.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits as long as it takes; negative
     *     counts as 0 (CPython's rule)
     */
    public boolean waitFor(BooleanSupplier predicate, double timeout) {
        boolean result = predicate.getAsBoolean();
        boolean forever = timeout == Double.POSITIVE_INFINITY;
        long end = forever ? 0 : System.nanoTime() + Backoff.nanos(timeout);
        while (!result) {
            double left = forever ? Double.POSITIVE_INFINITY : (end - System.nanoTime()) / 1e9;
            if (left <= 0) break;
            await(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Python's {@code notify(n)}: wakes up to {@code n} waiters; Python's {@code notify()} is
     * {@code notify(1)} ({@link Object#notify()} is final in Java).
     *
     * @throws AssertionError "lock is not owned" when the calling thread does not hold the lock,
     *     as CPython's
     */
    public void notify(int n) {
        if (!isMine()) throw new AssertionError("lock is not owned");
        int woken = 0;
        for (int i = 0; i < SLOTS && woken < n; i++) {
            int slot = offset + COND_SLOTS + 8 * i;
            long word = (long) LONG.getVolatile(buf, slot);
            if ((word & 3) != WAITING) continue;
            int pid = (int) (word >>> 32);
            if (pid != LockWord.PID && Liveness.dead(pid)) {
                LONG.compareAndSet(buf, slot, word, 0L); // a killed waiter: free its slot, wake someone else
            } else if (LONG.compareAndSet(buf, slot, word, (word & ~3L) | NOTIFIED)) {
                woken++;
            }
        }
    }

    /**
     * Python's {@code notify_all()}: wakes every waiter.
     *
     * @throws AssertionError "lock is not owned" when the calling thread does not hold the lock
     */
    public void notifyAllWaiters() {
        notify(Integer.MAX_VALUE);
    }

    /** How many threads wait and have not been notified. */
    int waiting() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (((long) LONG.getVolatile(buf, offset + COND_SLOTS + 8 * i) & 3) == WAITING) n++;
        }
        return n;
    }

    private boolean isMine() {
        return lock instanceof RLock r ? r.isMine() : ((Lock) lock).isMine();
    }

    private int releaseAll() {
        if (lock instanceof RLock r) return r.releaseAll();
        lock.release();
        return 1;
    }

    private void restoreAll(int depth) {
        if (lock instanceof RLock r) {
            r.restoreAll(depth);
        } else {
            lock.acquire();
        }
    }

    /** As CPython's: {@code <Condition(<RLock(None, 0)>, 0)>}, the lock and the number of waiters. */
    @Override
    public String toString() {
        return "<Condition(" + lock + ", " + waiting() + ")>";
    }

    private Object writeReplace() {
        return new Handle(shm.name(), offset, lock);
    }

    /** A condition on its way to a child: its area's segment and offset, and its lock. */
    private record Handle(String name, int offset, SemLock lock) implements Serializable {
        private Object readResolve() {
            return new Condition(new SharedMemory(name), offset, lock);
        }
    }
}
