package multiprocessing4j.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import multiprocessing4j.PyException;
import multiprocessing4j.PyExceptions;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.ForkingPickler;

/**
 * How values cross between a pool and its worker processes: the common ones (null, {@code Integer},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code String}, {@code byte[]} and {@code Object[]}
 * of them, a map's chunks) in a tagged binary form, everything else with Java serialization.
 * Java serialization alone spends microseconds per boxed value (class descriptors, handle
 * tables): a 12,500-integer chunk took ~50 ms to decode, against ~0.1 ms here.
 *
 * <p>A frame written by a {@link Writer} is its fixed part (written by the caller) and tagged
 * values, then the one Java serialization stream that the {@link #OBJECT} values of the whole
 * frame share, in order:
 *
 * <pre>
 * [int length of the tagged part] [tagged part] [Java serialization stream, if any OBJECT]
 * tag: 0 null | 1 int(4) | 2 long(8) | 3 double(8) | 4 true | 5 false
 *      | 6 String: int n, n UTF-8 bytes | 7 byte[]: int n, n bytes | 8 Object[]: int n, n values
 *      | 9 OBJECT: the next object of the serialization stream
 *      | 10 PICKLE: int n, n bytes of a pickle (a value of the Python value model that is not
 *           {@code Serializable}, such as {@code PyTuple})
 *      | 11 PY_EXCEPTION: a {@code PyException} whose args and state are Python values: its
 *           Python type (int n, n UTF-8 bytes), the pickles of its args and state (int n, n
 *           bytes each), then its stack trace as a value (any other goes as OBJECT)
 * </pre>
 * All numbers are big-endian.
 */
final class ValueCodec {
    static final byte NULL = 0, INT = 1, LONG = 2, DOUBLE = 3, TRUE = 4, FALSE = 5, STRING = 6, BYTES = 7,
            ARRAY = 8, OBJECT = 9, PICKLE = 10, PY_EXCEPTION = 11;

    private ValueCodec() {}

    /** Builds one frame: fixed fields and values; {@link #toByteArray()} lays it out as above. */
    static final class Writer {
        private byte[] buf = new byte[256];
        private int pos = 5; // the frame's kind, then the tagged part's length
        private ByteArrayOutputStream objectBytes;
        private ObjectOutputStream objects;

        /** A frame of kind {@code kind} (its first byte, before the layout above). */
        Writer(byte kind) {
            buf[0] = kind;
        }

        Writer putByte(int b) {
            ensure(1);
            buf[pos++] = (byte) b;
            return this;
        }

        Writer putInt(int v) {
            ensure(4);
            byte[] b = buf;
            int p = pos;
            b[p] = (byte) (v >>> 24);
            b[p + 1] = (byte) (v >>> 16);
            b[p + 2] = (byte) (v >>> 8);
            b[p + 3] = (byte) v;
            pos = p + 4;
            return this;
        }

        Writer putLong(long v) {
            putInt((int) (v >>> 32));
            return putInt((int) v);
        }

        Writer putBytes(byte[] b) {
            putInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
            return this;
        }

        /** @throws IOException if a value needs Java serialization and fails it ({@link java.io.NotSerializableException}) */
        Writer putValue(Object v) throws IOException {
            if (v == null) return putByte(NULL);
            Class<?> c = v.getClass();
            if (c == Integer.class) return putByte(INT).putInt((Integer) v);
            if (c == Long.class) return putByte(LONG).putLong((Long) v);
            if (c == Double.class) return putByte(DOUBLE).putLong(Double.doubleToRawLongBits((Double) v));
            if (c == Boolean.class) return putByte((Boolean) v ? TRUE : FALSE);
            if (c == String.class) return putByte(STRING).putBytes(((String) v).getBytes(StandardCharsets.UTF_8));
            if (c == byte[].class) return putByte(BYTES).putBytes((byte[]) v);
            if (c == Object[].class) {
                Object[] a = (Object[]) v;
                putByte(ARRAY).putInt(a.length);
                for (Object o : a) putValue(o);
                return this;
            }
            if (v instanceof PyException e) {
                byte[] args = null;
                byte[] state = null;
                try {
                    args = ForkingPickler.dumps(e.args());
                    state = ForkingPickler.dumps(e.state() == null ? java.util.Map.of() : e.state());
                } catch (RuntimeException notPicklable) {
                    // arguments that are not Python values: Java serialization below keeps the type and trace
                }
                if (args != null) {
                    putByte(PY_EXCEPTION).putBytes(e.pythonType().getBytes(StandardCharsets.UTF_8)).putBytes(args).putBytes(state);
                    return putValue(e.getStackTrace());
                }
            }
            if (!(v instanceof java.io.Serializable)) {
                byte[] pickle;
                try {
                    pickle = ForkingPickler.dumps(v);
                } catch (RuntimeException e) {
                    throw new java.io.NotSerializableException(c.getName() + " (neither Serializable nor picklable: " + e + ")");
                }
                return putByte(PICKLE).putBytes(pickle);
            }
            if (objects == null) {
                objectBytes = new ByteArrayOutputStream(256);
                objects = new ObjectOutputStream(objectBytes);
            }
            objects.writeObject(v);
            return putByte(OBJECT);
        }

        byte[] toByteArray() throws IOException {
            ByteBuffer.wrap(buf, 1, 4).putInt(pos - 5);
            if (objects == null) return Arrays.copyOf(buf, pos);
            objects.close();
            byte[] o = objectBytes.toByteArray();
            byte[] frame = Arrays.copyOf(buf, pos + o.length);
            System.arraycopy(o, 0, frame, pos, o.length);
            return frame;
        }

        private void ensure(int n) {
            if (pos + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /**
     * Reads a frame from {@code offset}. A value whose class this process lacks reads as null and
     * is kept in {@link #takeError()}, so the rest of the frame still reads.
     */
    static final class Reader {
        private final byte[] frame;
        private final ByteBuffer in;
        private final int objectsAt;
        private ObjectInputStream objects;
        private Exception error;

        Reader(byte[] frame, int offset) throws IOException {
            this.frame = frame;
            ByteBuffer b = ByteBuffer.wrap(frame, offset, frame.length - offset);
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) throw new StreamCorruptedException("bad frame length " + length);
            this.objectsAt = b.position() + length;
            this.in = b.slice(b.position(), length);
        }

        int getByte() {
            return in.get();
        }

        int getInt() {
            return in.getInt();
        }

        long getLong() {
            return in.getLong();
        }

        byte[] getBytes() {
            byte[] b = new byte[in.getInt()];
            in.get(b);
            return b;
        }

        Object getValue() throws IOException {
            byte tag = in.get();
            switch (tag) {
                case NULL: return null;
                case INT: return in.getInt();
                case LONG: return in.getLong();
                case DOUBLE: return Double.longBitsToDouble(in.getLong());
                case TRUE: return Boolean.TRUE;
                case FALSE: return Boolean.FALSE;
                case STRING: return new String(getBytes(), StandardCharsets.UTF_8);
                case BYTES: return getBytes();
                case ARRAY: {
                    Object[] a = new Object[in.getInt()];
                    for (int i = 0; i < a.length; i++) a[i] = getValue();
                    return a;
                }
                case OBJECT: return nextObject();
                case PICKLE: return ForkingPickler.loads(getBytes());
                case PY_EXCEPTION: {
                    String type = new String(getBytes(), StandardCharsets.UTF_8);
                    Object args = ForkingPickler.loads(getBytes());
                    Object state = ForkingPickler.loads(getBytes());
                    @SuppressWarnings("unchecked")
                    PyException e = PyExceptions.of(type, (PyTuple) args, (java.util.Map<String, Object>) state);
                    if (getValue() instanceof StackTraceElement[] frames) e.setStackTrace(frames);
                    return e;
                }
                default: throw new StreamCorruptedException("unknown value tag " + tag);
            }
        }

        /** The first class-resolution failure since the last call, or null. */
        Exception takeError() {
            Exception e = error;
            error = null;
            return e;
        }

        private Object nextObject() throws IOException {
            if (objects == null) objects = new ObjectInputStream(new ByteArrayInputStream(frame, objectsAt, frame.length - objectsAt));
            try {
                return objects.readObject();
            } catch (ClassNotFoundException | InvalidClassException e) {
                if (error == null) error = e;
                return null;
            }
        }
    }
}
