package multiprocessing4j.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 *      | 12 INT_RUN: an Object[] of n (at least 1) Integers, no nulls: int n, n ints
 *      | 13 LONG_RUN: the same of Longs: int n, n longs | 14 DOUBLE_RUN: of Doubles: int n, n raw bits
 * </pre>
 * All numbers are big-endian.
 *
 * <p>The runs are what a map's chunks and results usually are: one loop over primitives each way,
 * with no tag, no dispatch and no call per element, and a byte less per element than the tagged
 * form. Everything else, including an array that is a run but for one null, takes the tagged path.
 */
final class ValueCodec {
    static final byte NULL = 0, INT = 1, LONG = 2, DOUBLE = 3, TRUE = 4, FALSE = 5, STRING = 6, BYTES = 7,
            ARRAY = 8, OBJECT = 9, PICKLE = 10, PY_EXCEPTION = 11, INT_RUN = 12, LONG_RUN = 13, DOUBLE_RUN = 14;

    /** Big-endian views of a frame's bytes, as ByteBuffer's default order: runs are read and written in place. */
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private ValueCodec() {}

    /**
     * Builds frames: fixed fields and values, laid out as above by {@link #finish()}. One writer
     * is reused for all the frames its owner sends, so a frame costs no allocation once the
     * buffer has grown to the frames' size: fresh memory is what the JVMs of a pool pay most for
     * before their first garbage collections (each new page is a page fault).
     */
    static final class Writer {
        /** A buffer grown past this is dropped after its frame, so one huge frame does not pin its memory. */
        private static final int RETAINED = 8 << 20;

        private byte[] buf = new byte[256];
        private int pos;
        private ByteArrayOutputStream objectBytes;
        private ObjectOutputStream objects;

        /** Starts a frame of kind {@code kind} (its first byte, before the layout above), dropping any frame in progress. */
        Writer start(byte kind) {
            if (buf.length > RETAINED) buf = new byte[256];
            buf[0] = kind;
            pos = 5; // the kind, then the tagged part's length
            objectBytes = null;
            objects = null;
            return this;
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
            if (c == Object[].class) return putArray((Object[]) v, 0, ((Object[]) v).length);
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

        /**
         * Writes {@code a[from, to)} as an Object[] value (read back as an array of its own), so a
         * map's chunks need no copies of their slices of the input.
         *
         * @throws IOException as {@link #putValue}
         */
        Writer putArray(Object[] a, int from, int to) throws IOException {
            Class<?> run = runClass(a, from, to);
            if (run == Integer.class) return putIntRun(a, from, to);
            if (run == Long.class) return putLongRun(a, from, to, LONG_RUN);
            if (run == Double.class) return putLongRun(a, from, to, DOUBLE_RUN);
            putByte(ARRAY).putInt(to - from);
            for (int i = from; i < to; i++) putValue(a[i]);
            return this;
        }

        /** Integer, Long or Double if every element of {@code a[from, to)} (at least one) is of that class; else null. */
        private static Class<?> runClass(Object[] a, int from, int to) {
            if (from >= to || a[from] == null) return null;
            Class<?> c = a[from].getClass();
            if (c != Integer.class && c != Long.class && c != Double.class) return null;
            for (int i = from; i < to; i++) {
                Object o = a[i];
                if (o == null || o.getClass() != c) return null;
            }
            return c;
        }

        private Writer putIntRun(Object[] a, int from, int to) {
            putByte(INT_RUN).putInt(to - from);
            ensure(4 * (to - from));
            byte[] b = buf;
            int p = pos;
            for (int i = from; i < to; i++) {
                INT_BE.set(b, p, (int) (Integer) a[i]);
                p += 4;
            }
            pos = p;
            return this;
        }

        private Writer putLongRun(Object[] a, int from, int to, byte tag) {
            putByte(tag).putInt(to - from);
            ensure(8 * (to - from));
            byte[] b = buf;
            int p = pos;
            boolean doubles = tag == DOUBLE_RUN;
            for (int i = from; i < to; i++) {
                Object o = a[i];
                long v = doubles ? Double.doubleToRawLongBits((Double) o) : (Long) o;
                LONG_BE.set(b, p, v);
                p += 8;
            }
            pos = p;
            return this;
        }

        /** Completes the frame: it is {@link #buffer()}{@code [0, length)}, valid until the next {@link #start}. */
        int finish() throws IOException {
            ByteBuffer.wrap(buf, 1, 4).putInt(pos - 5);
            if (objects != null) {
                objects.close();
                byte[] o = objectBytes.toByteArray();
                ensure(o.length);
                System.arraycopy(o, 0, buf, pos, o.length);
                pos += o.length;
                objects = null;
            }
            return pos;
        }

        byte[] buffer() {
            return buf;
        }

        /** The finished frame as an array of its own. */
        byte[] toByteArray() throws IOException {
            int length = finish(); // first: it may replace buf
            return Arrays.copyOf(buf, length);
        }

        private void ensure(int n) {
            if (pos + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /**
     * Reads a frame in {@code frame[offset, end)}. A value whose class this process lacks reads as
     * null and is kept in {@link #takeError()}, so the rest of the frame still reads. Values read
     * share nothing with {@code frame}, so its buffer may be reused once they are read.
     */
    static final class Reader {
        private final byte[] frame;
        private final ByteBuffer in;
        private final int objectsAt;
        private final int end;
        private ObjectInputStream objects;
        private Exception error;

        Reader(byte[] frame, int offset, int end) throws IOException {
            this.frame = frame;
            this.end = end;
            ByteBuffer b = ByteBuffer.wrap(frame, offset, end - offset);
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
                case INT_RUN: return intRun();
                case LONG_RUN: return longRun(false);
                case DOUBLE_RUN: return longRun(true);
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

        // Runs are read through the VarHandle views, not the ByteBuffer's getInt/getLong, which
        // measured half as fast on pool.map.100k (a bounds check and position update per element).
        private Object[] intRun() throws StreamCorruptedException {
            int n = runLength(4);
            byte[] b = frame;
            int p = in.arrayOffset() + in.position();
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) {
                a[i] = (int) INT_BE.get(b, p);
                p += 4;
            }
            in.position(in.position() + 4 * n);
            return a;
        }

        private Object[] longRun(boolean doubles) throws StreamCorruptedException {
            int n = runLength(8);
            byte[] b = frame;
            int p = in.arrayOffset() + in.position();
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) {
                long v = (long) LONG_BE.get(b, p);
                a[i] = doubles ? (Object) Double.longBitsToDouble(v) : (Object) v;
                p += 8;
            }
            in.position(in.position() + 8 * n);
            return a;
        }

        /** A run's element count, checked against what is left of the tagged part. */
        private int runLength(int width) throws StreamCorruptedException {
            int n = in.getInt();
            if (n < 1 || (long) n * width > in.remaining()) throw new StreamCorruptedException("bad run length " + n);
            return n;
        }

        /** The first class-resolution failure since the last call, or null. */
        Exception takeError() {
            Exception e = error;
            error = null;
            return e;
        }

        private Object nextObject() throws IOException {
            if (objects == null) objects = new ObjectInputStream(new ByteArrayInputStream(frame, objectsAt, end - objectsAt));
            try {
                return objects.readObject();
            } catch (ClassNotFoundException | InvalidClassException e) {
                if (error == null) error = e;
                return null;
            }
        }
    }
}
