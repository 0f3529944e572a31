package multiprocessing4j.reduction;

/**
 * Turns values into pickles and back, as {@code multiprocessing.reduction.ForkingPickler} does for
 * {@code Connection.send}/{@code recv}. Values follow the project's Python value model (see the
 * package documentation); pickles are protocol 4, which every CPython from 3.6 reads, and every
 * protocol from 0 to 5 is read.
 *
 * <p>Thread-safe: each call uses its own pickler or unpickler, so no memo outlives a call.
 */
public final class ForkingPickler {
    /** The opcode that ends every pickle. */
    public static final byte STOP = '.';

    private ForkingPickler() {}

    /**
     * The opcodes that come before a lone {@code bytes} value of {@code length} bytes in the pickle
     * {@link #dumps} makes of it: PROTO 4, then SHORT_BINBYTES or BINBYTES with the length. The
     * value's own bytes and {@link #STOP} follow. For writers that copy the value straight into
     * shared memory instead of building its pickle in an array first.
     */
    public static byte[] bytesHead(int length) {
        return length < 256
                ? new byte[] {(byte) 0x80, PickleWriter.PROTOCOL, 'C', (byte) length}
                : new byte[] {(byte) 0x80, PickleWriter.PROTOCOL, 'B', (byte) length, (byte) (length >>> 8),
                        (byte) (length >>> 16), (byte) (length >>> 24)};
    }

    /**
     * The pickle of {@code obj}.
     *
     * @throws PicklingError if {@code obj} (or something inside it) has no Python form
     */
    public static byte[] dumps(Object obj) {
        try {
            return new PickleWriter().write(obj);
        } catch (PicklingError e) {
            throw e;
        } catch (StackOverflowError | RuntimeException e) {
            throw new PicklingError("cannot pickle " + (obj == null ? "None" : obj.getClass().getName()) + ": " + e, e);
        }
    }

    /**
     * The value of a whole pickle.
     *
     * @throws UnpicklingError for any malformed, truncated or refused pickle, whatever went wrong inside
     */
    public static Object loads(byte[] data) {
        return loads(data, 0, data.length);
    }

    /** The value of the pickle in {@code length} bytes of {@code data} from {@code offset}; the array is not copied. */
    public static Object loads(byte[] data, int offset, int length) {
        return new PickleReader(data, offset, length).read();
    }

    /**
     * As {@link #loads(byte[])}, for a buffer the caller hands over and never writes again, such
     * as a frame just received: large {@code bytes} values then share it instead of being
     * copied (CPython's {@code loads} copies them; a JVM pays for both zeroing and copying).
     */
    public static Object loadsOwned(byte[] data) {
        return new PickleReader(data, 0, data.length, true).read();
    }
}
