package multiprocessing4j.synchronize;

import static multiprocessing4j.synchronize.SyncLayout.COND_LOCK;
import static multiprocessing4j.synchronize.SyncLayout.EVENT_FLAG;
import static multiprocessing4j.synchronize.SyncLayout.EVENT_SIZE;

import java.io.Serializable;
import java.nio.ByteBuffer;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * An event flag shared between processes, as CPython's {@code multiprocessing.Event}: a
 * {@link Condition} over a {@link Lock} and a flag, both in one event area ({@link SyncLayout}).
 * Python's {@code wait} is {@link #await} here ({@link Object#wait()} is final in Java). The flag
 * is read and written with the condition's lock held, which orders it.
 */
public final class Event implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SharedMemory shm;
    private final int offset;
    private final transient ByteBuffer buf;
    private final transient Condition cond;

    /** A new event, not set. */
    public Event() {
        this(Heap.allocate(EVENT_SIZE), 0);
    }

    private Event(SharedMemory shm, int offset) {
        this.shm = shm;
        this.offset = offset;
        this.buf = shm.buf();
        this.cond = new Condition(shm, offset, new Lock(shm, offset + COND_LOCK));
    }

    /** Python's {@code is_set()}. */
    public boolean isSet() {
        try (var held = cond.hold()) {
            return flag();
        }
    }

    /** Python's {@code set()}: sets the flag and wakes every waiter. */
    public void set() {
        try (var held = cond.hold()) {
            buf.putInt(offset + EVENT_FLAG, 1);
            cond.notifyAllWaiters();
        }
    }

    /** Python's {@code clear()}. */
    public void clear() {
        try (var held = cond.hold()) {
            buf.putInt(offset + EVENT_FLAG, 0);
        }
    }

    /** Python's {@code wait()}: waits until the flag is set; true. */
    public boolean await() {
        return await(Double.POSITIVE_INFINITY);
    }

    /**
     * Python's {@code wait(timeout)}: waits until the flag is set or {@code timeout} seconds passed.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits as long as it takes; negative
     *     counts as 0 (CPython's rule): the flag is returned at once
     * @return the flag
     */
    public boolean await(double timeout) {
        try (var held = cond.hold()) {
            if (!flag()) cond.await(timeout);
            return flag();
        }
    }

    private boolean flag() {
        return buf.getInt(offset + EVENT_FLAG) != 0;
    }

    /** The segment holding this event. */
    public SharedMemory shm() {
        return shm;
    }

    /** As CPython's (3.11): {@code <Event at 0x1b6f2a3 unset>}. */
    @Override
    public String toString() {
        return "<Event at 0x" + Integer.toHexString(System.identityHashCode(this)) + (isSet() ? " set>" : " unset>");
    }

    private Object writeReplace() {
        return new Handle(shm.name(), offset);
    }

    /** An event on its way to a child: its segment's name and its offset there. */
    private record Handle(String name, int offset) implements Serializable {
        private Object readResolve() {
            return new Event(new SharedMemory(name), offset);
        }
    }
}
