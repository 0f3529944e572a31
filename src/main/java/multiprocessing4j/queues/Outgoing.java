package multiprocessing4j.queues;

import java.nio.ByteBuffer;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyBytes;

/**
 * One item on its way into a queue's ring: its pickle, made at {@code put} ({@link #of}). A lone
 * {@code bytes} value is the exception: its pickle is only its own bytes between a few opcodes,
 * so it is written into the ring straight from the value ({@link #writeTo}), and a producer of
 * blobs allocates no copy per item. Bytes are immutable and always picklable, so writing the
 * pickle late gives the consumer exactly what pickling at {@code put} would have.
 */
final class Outgoing {
    private static final byte[] STOP = {ForkingPickler.STOP};

    /** The whole pickle or, for a lone bytes value, the opcodes before the value. */
    private final byte[] pickle;
    /** The lone bytes value, or null. */
    private final PyBytes bytes;
    private final int length;

    private Outgoing(byte[] pickle, PyBytes bytes, int length) {
        this.pickle = pickle;
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * The item {@code value}.
     *
     * @throws multiprocessing4j.reduction.PicklingError if {@code value} cannot be pickled
     */
    static Outgoing of(Object value) {
        if (value instanceof PyBytes b) {
            byte[] head = ForkingPickler.bytesHead(b.length());
            return new Outgoing(head, b, head.length + b.length() + 1);
        }
        byte[] whole = ForkingPickler.dumps(value);
        return new Outgoing(whole, null, whole.length);
    }

    /** The pickle's length. */
    int length() {
        return length;
    }

    /** The pickle in one array (for an overflow file). */
    byte[] toArray() {
        if (bytes == null) return pickle;
        byte[] whole = new byte[length];
        System.arraycopy(pickle, 0, whole, 0, pickle.length);
        bytes.copyTo(0, ByteBuffer.wrap(whole), pickle.length, bytes.length());
        whole[length - 1] = ForkingPickler.STOP;
        return whole;
    }

    /** Writes the pickle into {@code ring} from {@code ringOffset} (wrapping around its end). */
    void writeTo(Ring ring, int ringOffset) {
        ring.copyIn(ringOffset, pickle, 0, pickle.length);
        if (bytes == null) return;
        ring.copyIn(ringOffset + pickle.length, bytes);
        ring.copyIn(ringOffset + length - 1, STOP, 0, 1);
    }
}
