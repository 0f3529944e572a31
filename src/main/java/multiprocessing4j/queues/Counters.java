package multiprocessing4j.queues;

import static multiprocessing4j.queues.RingLayout.ITEMS;
import static multiprocessing4j.queues.RingLayout.MAXSIZE;
import static multiprocessing4j.queues.RingLayout.UNFINISHED;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import multiprocessing4j.synchronize.Backoff;

/**
 * The counts a queue keeps beside its ring ({@link RingLayout}): {@code items}, what CPython keeps
 * as the bounded semaphore {@code _sem} (items put and not yet taken, at most {@code maxsize}),
 * and {@code unfinished}, JoinableQueue's {@code _unfinished_tasks}.
 *
 * <h2>Memory ordering</h2>
 * Both are changed only by atomic read-modify-writes ({@code compareAndSet}, {@code getAndAdd}:
 * volatile semantics) and read with {@code getVolatile}; they order nothing else, since the
 * messages themselves are ordered by the ring's cursors.
 */
final class Counters {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buf;
    private final int maxsize;

    Counters(ByteBuffer segment) {
        this.buf = segment.duplicate().order(ByteOrder.nativeOrder());
        this.maxsize = buf.getInt(MAXSIZE);
    }

    int maxsize() {
        return maxsize;
    }

    /** Items put and not yet taken. */
    long items() {
        return (long) LONG.getVolatile(buf, ITEMS);
    }

    /**
     * Reserves room for one item (CPython's {@code _sem.acquire(block, timeout)}), waiting until
     * {@code deadline} when the queue is full and {@code block}.
     *
     * @return whether room was reserved
     */
    boolean reserve(boolean block, long deadline) {
        Backoff wait = block ? Backoff.until(deadline) : Backoff.start(false, 0);
        while (true) {
            long n = (long) LONG.getVolatile(buf, ITEMS);
            if (n < maxsize) {
                if (LONG.compareAndSet(buf, ITEMS, n, n + 1)) return true;
                continue;
            }
            if (!wait.pause()) return false;
        }
    }

    /** Gives back the room of an item taken, or of one that could not be put after all. */
    void release() {
        LONG.getAndAdd(buf, ITEMS, -1L);
    }

    /** One more unfinished task (JoinableQueue's put). */
    void taskAdded() {
        LONG.getAndAdd(buf, UNFINISHED, 1L);
    }

    /**
     * One task fewer (JoinableQueue's {@code task_done()}).
     *
     * @return false, changing nothing, when there was no unfinished task
     */
    boolean taskDone() {
        while (true) {
            long n = (long) LONG.getVolatile(buf, UNFINISHED);
            if (n <= 0) return false;
            if (LONG.compareAndSet(buf, UNFINISHED, n, n - 1)) return true;
        }
    }

    long unfinished() {
        return (long) LONG.getVolatile(buf, UNFINISHED);
    }
}
