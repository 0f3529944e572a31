package multiprocessing4j.synchronize;

import multiprocessing4j.PyValueError;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * A {@link Semaphore} whose value may never exceed its initial value, as CPython's
 * {@code multiprocessing.BoundedSemaphore}: one release too many raises {@link PyValueError}
 * ("semaphore or lock released too many times") and leaves the value as it was.
 */
public final class BoundedSemaphore extends Semaphore {
    private static final long serialVersionUID = 1L;

    /** A bounded semaphore of 1, as CPython's {@code BoundedSemaphore()}. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A semaphore of {@code value} bounded by {@code value}.
     *
     * @throws PyValueError when {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value, value);
    }

    BoundedSemaphore(SharedMemory shm, int offset) {
        super(shm, offset);
    }

    /** As CPython's: {@code <BoundedSemaphore(value=1, maxvalue=2)>}. */
    @Override
    public String toString() {
        return "<BoundedSemaphore(value=" + getValue() + ", maxvalue=" + maxValue() + ")>";
    }
}
