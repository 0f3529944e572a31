package multiprocessing4j.queues;

/**
 * The layout of a queue's segment ({@code /dev/shm/pym-<pid>-<hex>}): a header of counters, then
 * a ring of variable-length records. Native byte order; the segment is page-aligned, so every
 * field is aligned to its size (which the VarHandle atomics require), and the two cursors sit on
 * cache lines of their own so that a producer and a consumer do not invalidate each other's.
 *
 * <pre>
 *  0                 8                 64                72               128
 * +-----------------+-----------------+-----------------+----------------+
 * | tail (int64)    | unused          | head (int64)    | unused         |
 * +-----------------+-----------------+-----------------+----------------+
 *  128               136               144      148      152              192
 * +-----------------+-----------------+--------+--------+----------------+
 * | items (int64)   | unfinished      | capa-  | max-   | unused         |
 * |                 | (int64)         | city   | size   |                |
 * +-----------------+-----------------+--------+--------+----------------+
 *  192                                                    192 + capacity
 * +--------------------------------------------------------+
 * | ring: records, each at a multiple of 8, wrapping around |
 * +--------------------------------------------------------+
 *
 *  tail        bytes ever written to the ring; written by the one producer holding the write lock
 *  head        bytes ever read from the ring; written by the one consumer holding the read lock
 *              (tail - head is the number of bytes in use; position p is at ring offset p mod capacity)
 *  items       CPython's semaphore count, inverted: items put (accepted) and not yet taken; qsize()
 *  unfinished  JoinableQueue's unfinished tasks: put increments, task_done decrements
 *  capacity    ring size in bytes, a power of two, at least 64; fixed at creation
 *  maxsize     the queue's bound (CPython's SEM_VALUE_MAX, 2^31 - 1, when unbounded)
 *
 * A record, 8-aligned, its length padded up to a multiple of 8:
 *
 *  0          4          8
 * +----------+----------+-------------------------------+---------+
 * | length   | kind     | payload (length bytes)        | padding |
 * | int32    | int32    | may wrap past the ring's end  | to 8    |
 * +----------+----------+-------------------------------+---------+
 *
 *  kind  0 = INLINE: the payload is the message (a pickle)
 *        1 = OVERFLOW: the payload is the UTF-8 name of a file in /dev/shm holding the message,
 *            for messages too large for the ring; the consumer reads it and deletes it
 * </pre>
 *
 * Because records start at multiples of 8 and the capacity is a multiple of 8, a record's
 * 8-byte header never straddles the ring's end; its payload may, and is copied in two parts.
 */
public final class RingLayout {
    /** Offset of the producers' cursor (int64). */
    public static final int TAIL = 0;
    /** Offset of the consumers' cursor (int64). */
    public static final int HEAD = 64;
    /** Offset of the count of items put and not yet taken (int64). */
    public static final int ITEMS = 128;
    /** Offset of JoinableQueue's unfinished-task count (int64). */
    public static final int UNFINISHED = 136;
    /** Offset of the ring's capacity (int32). */
    public static final int CAPACITY = 144;
    /** Offset of the queue's maxsize (int32). */
    public static final int MAXSIZE = 148;
    /** Size of the header; the ring starts here. */
    public static final int HEADER_SIZE = 192;

    /** Size of a record's header (length, kind). */
    public static final int RECORD_HEADER = 8;
    /** Record kind: the payload is the message. */
    public static final int INLINE = 0;
    /** Record kind: the payload names a file holding the message. */
    public static final int OVERFLOW = 1;
    /** The smallest ring. */
    public static final int MIN_CAPACITY = 64;

    private RingLayout() {}

    /** Bytes a record with a payload of {@code length} bytes takes in the ring. */
    public static long recordSize(int length) {
        return RECORD_HEADER + (((long) length + 7) & ~7L);
    }

    /** The segment size for a ring of {@code capacity} bytes. */
    public static int segmentSize(int capacity) {
        return Math.addExact(HEADER_SIZE, capacity);
    }

    /**
     * Checks that {@code capacity} can be a ring's.
     *
     * @throws IllegalArgumentException unless it is a power of two of at least {@value #MIN_CAPACITY}
     */
    public static int checkCapacity(int capacity) {
        if (capacity < MIN_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= " + MIN_CAPACITY + ": " + capacity);
        }
        return capacity;
    }
}
