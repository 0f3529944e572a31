package multiprocessing4j.synchronize;

import static multiprocessing4j.synchronize.SyncLayout.SEMAPHORE_SIZE;
import static multiprocessing4j.synchronize.SyncLayout.SEM_MAX;
import static multiprocessing4j.synchronize.SyncLayout.SEM_VALUE;

import java.io.Serializable;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import multiprocessing4j.PyValueError;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * A counting semaphore shared between processes, as CPython's {@code multiprocessing.Semaphore}:
 * {@code acquire} takes one from the count, waiting while it is 0; {@code release}, by any thread
 * of any process, gives one back. It has no owner, so a process that dies holding units keeps
 * them (as in CPython). It lives in a semaphore area ({@link SyncLayout}) and travels to a
 * {@code Process} child by name.
 *
 * <p>Memory ordering: both operations are {@code compareAndSet}s of the value word (volatile), so
 * what a releaser wrote before {@code release} is visible to the acquirer whose CAS takes that unit.
 */
public class Semaphore implements SemLock {
    private static final long serialVersionUID = 1L;
    private static final VarHandle INT = LockWord.INT;

    private final SharedMemory shm;
    private final int offset;
    private final transient ByteBuffer buf;

    /** A semaphore of 1, as CPython's {@code Semaphore()}. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore of {@code value}, as CPython's {@code Semaphore(value)}.
     *
     * @throws PyValueError when {@code value} is negative (CPython: OSError, EINVAL)
     */
    public Semaphore(int value) {
        this(value, Integer.MAX_VALUE);
    }

    Semaphore(int value, int max) {
        if (value < 0) throw new PyValueError("semaphore initial value must be >= 0, not " + value);
        this.shm = Heap.allocate(SEMAPHORE_SIZE);
        this.offset = 0;
        this.buf = shm.buf();
        buf.putInt(SEM_MAX, max);
        INT.setRelease(buf, SEM_VALUE, value);
    }

    Semaphore(SharedMemory shm, int offset) {
        this.shm = shm;
        this.offset = offset;
        this.buf = shm.buf();
    }

    /**
     * CPython's {@code acquire(block, timeout)}: whether a unit was taken.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits forever; negative counts as
     *     0 (CPython's rule); ignored when not blocking
     */
    @Override
    public boolean acquire(boolean block, double timeout) {
        Backoff wait = null;
        while (true) {
            int value = (int) INT.getVolatile(buf, offset + SEM_VALUE);
            if (value > 0) {
                if (INT.compareAndSet(buf, offset + SEM_VALUE, value, value - 1)) return true;
                continue;
            }
            if (wait == null) wait = Backoff.start(block, timeout);
            if (!wait.pause()) return false;
        }
    }

    /**
     * Gives one unit back.
     *
     * @throws PyValueError "semaphore or lock released too many times" when the value is at its
     *     bound (the BoundedSemaphore's initial value; 2³¹−1 for a Semaphore)
     */
    @Override
    public void release() {
        int max = maxValue();
        while (true) {
            int value = (int) INT.getVolatile(buf, offset + SEM_VALUE);
            if (value >= max) throw new PyValueError("semaphore or lock released too many times");
            if (INT.compareAndSet(buf, offset + SEM_VALUE, value, value + 1)) return;
        }
    }

    /** CPython's {@code get_value()}: the current count. */
    public int getValue() {
        return (int) INT.getVolatile(buf, offset + SEM_VALUE);
    }

    int maxValue() {
        return buf.getInt(offset + SEM_MAX);
    }

    /** The segment holding this semaphore. */
    public SharedMemory shm() {
        return shm;
    }

    /** As CPython's: {@code <Semaphore(value=2)>}. */
    @Override
    public String toString() {
        return "<Semaphore(value=" + getValue() + ")>";
    }

    Object writeReplace() {
        return new Handle(shm.name(), offset, this instanceof BoundedSemaphore);
    }

    /** A semaphore on its way to a child: its segment's name, its offset there and its kind. */
    private record Handle(String name, int offset, boolean bounded) implements Serializable {
        private Object readResolve() {
            SharedMemory shm = new SharedMemory(name);
            return bounded ? new BoundedSemaphore(shm, offset) : new Semaphore(shm, offset);
        }
    }
}
