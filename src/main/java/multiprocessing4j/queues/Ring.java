package multiprocessing4j.queues;

import static multiprocessing4j.queues.RingLayout.CAPACITY;
import static multiprocessing4j.queues.RingLayout.HEAD;
import static multiprocessing4j.queues.RingLayout.HEADER_SIZE;
import static multiprocessing4j.queues.RingLayout.MAXSIZE;
import static multiprocessing4j.queues.RingLayout.RECORD_HEADER;
import static multiprocessing4j.queues.RingLayout.TAIL;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import multiprocessing4j.reduction.PyBytes;

/**
 * The record codec of a queue's ring ({@link RingLayout}): writes and reads variable-length
 * records, wrapping around the ring's end. One writer and one reader at a time: callers serialize
 * writers among themselves (the queue's write lock) and readers among themselves (its read lock);
 * a writer and a reader run concurrently, in the same or different processes.
 *
 * <h2>Memory ordering</h2>
 * A writer fills a record with plain stores, then publishes it with a {@code setRelease} of
 * {@code tail}; a reader reads {@code tail} with {@code getAcquire}, so the record's bytes are
 * visible to it once it sees the new tail. Symmetrically, a reader copies a record out with plain
 * loads, then frees its space with a {@code setRelease} of {@code head}; the writer reads
 * {@code head} with {@code getAcquire} before reusing the space, so it never overwrites bytes a
 * reader is still copying. Each cursor has one writer at a time; a new holder of the write (read)
 * lock sees its predecessor's cursor through the lock's own acquire/release (see
 * {@link multiprocessing4j.synchronize.RLock}). The buffer must be direct (a mapping), as the
 * VarHandle atomics require.
 */
final class Ring {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buf;
    private final int capacity;
    private final int mask;

    /** The ring in {@code segment}, a buffer laid out as {@link RingLayout} says and already formatted. */
    Ring(ByteBuffer segment) {
        this.buf = segment.duplicate().order(ByteOrder.nativeOrder());
        this.capacity = RingLayout.checkCapacity(buf.getInt(CAPACITY));
        this.mask = capacity - 1;
    }

    /** Writes an empty ring's header into a zeroed segment of {@link RingLayout#segmentSize} bytes. */
    static void format(ByteBuffer segment, int capacity, int maxsize) {
        RingLayout.checkCapacity(capacity);
        if (segment.capacity() < RingLayout.segmentSize(capacity)) {
            throw new IllegalArgumentException("segment of " + segment.capacity() + " bytes is too small for a ring of " + capacity);
        }
        ByteBuffer b = segment.duplicate().order(ByteOrder.nativeOrder());
        b.putInt(CAPACITY, capacity);
        b.putInt(MAXSIZE, maxsize);
    }

    int capacity() {
        return capacity;
    }

    /** The largest payload a single record can carry: the whole ring minus the record's header. */
    int maxPayload() {
        return capacity - RECORD_HEADER;
    }

    /** Whether no record is waiting (a snapshot). */
    boolean isEmpty() {
        return (long) LONG.getAcquire(buf, TAIL) == (long) LONG.getAcquire(buf, HEAD);
    }

    /** Whether a record with a payload of {@code len} bytes would fit now (a snapshot). */
    boolean hasRoom(int len) {
        return fits(len, (long) LONG.getAcquire(buf, TAIL), (long) LONG.getAcquire(buf, HEAD));
    }

    /** Whether a record with a payload of {@code len} bytes fits between {@code tail} and {@code head}. */
    private boolean fits(int len, long tail, long head) {
        return capacity - (tail - head) >= RingLayout.recordSize(len);
    }

    /**
     * Appends one record if it fits now; the caller must be the only writer.
     *
     * @return whether it was written (false: not enough free space, nothing written)
     * @throws IllegalArgumentException if the payload could never fit ({@code len > maxPayload()})
     */
    boolean tryWrite(int kind, byte[] payload, int off, int len) {
        int at = reserve(len);
        if (at < 0) return false;
        copyIn(at + RECORD_HEADER, payload, off, len);
        publish(at, kind, len);
        return true;
    }

    /** As {@link #tryWrite(int, byte[], int, int)}, for an item's pickle, written where it lies. */
    boolean tryWrite(int kind, Outgoing message) {
        int len = message.length();
        int at = reserve(len);
        if (at < 0) return false;
        message.writeTo(this, at + RECORD_HEADER);
        publish(at, kind, len);
        return true;
    }

    /** Where a record with a payload of {@code len} bytes would start, or -1 if it does not fit now. */
    private int reserve(int len) {
        if (len > maxPayload()) throw new IllegalArgumentException("record of " + len + " bytes exceeds the ring's " + maxPayload());
        long tail = (long) LONG.getOpaque(buf, TAIL); // ours: only the writer stores it
        long head = (long) LONG.getAcquire(buf, HEAD);
        return fits(len, tail, head) ? (int) (tail & mask) : -1;
    }

    /** Writes the header of the record whose payload is in place at {@code at}, and publishes it. */
    private void publish(int at, int kind, int len) {
        buf.putInt(HEADER_SIZE + at, len);
        buf.putInt(HEADER_SIZE + at + 4, kind);
        long tail = (long) LONG.getOpaque(buf, TAIL);
        LONG.setRelease(buf, TAIL, tail + RingLayout.recordSize(len));
    }

    /**
     * Removes and returns the oldest record, or null when there is none; the caller must be the
     * only reader.
     */
    Record tryRead() {
        long head = (long) LONG.getOpaque(buf, HEAD); // ours: only the reader stores it
        long tail = (long) LONG.getAcquire(buf, TAIL);
        if (tail == head) return null;
        int at = (int) (head & mask);
        int len = buf.getInt(HEADER_SIZE + at);
        int kind = buf.getInt(HEADER_SIZE + at + 4);
        if (len < 0 || RingLayout.recordSize(len) > tail - head) {
            throw new IllegalStateException("corrupt queue ring: record of " + len + " bytes at " + head + " with " + (tail - head) + " in use");
        }
        byte[] payload = new byte[len];
        copyOut(at + RECORD_HEADER, payload, len);
        LONG.setRelease(buf, HEAD, head + RingLayout.recordSize(len));
        return new Record(kind, payload);
    }

    /** Copies {@code len} bytes of {@code src} into the ring from {@code ringOffset}, wrapping around its end. */
    void copyIn(int ringOffset, byte[] src, int off, int len) {
        int at = ringOffset & mask;
        int first = Math.min(len, capacity - at);
        buf.put(HEADER_SIZE + at, src, off, first);
        if (first < len) buf.put(HEADER_SIZE, src, off + first, len - first);
    }

    /** As {@link #copyIn(int, byte[], int, int)}, for the whole of {@code src}. */
    void copyIn(int ringOffset, PyBytes src) {
        int len = src.length();
        int at = ringOffset & mask;
        int first = Math.min(len, capacity - at);
        src.copyTo(0, buf, HEADER_SIZE + at, first);
        if (first < len) src.copyTo(first, buf, HEADER_SIZE, len - first);
    }

    private void copyOut(int ringOffset, byte[] dst, int len) {
        int at = ringOffset & mask;
        int first = Math.min(len, capacity - at);
        buf.get(HEADER_SIZE + at, dst, 0, first);
        if (first < len) buf.get(HEADER_SIZE, dst, first, len - first);
    }

    /** One record read from the ring: its kind ({@link RingLayout#INLINE} or {@link RingLayout#OVERFLOW}) and payload. */
    record Record(int kind, byte[] payload) {}
}
