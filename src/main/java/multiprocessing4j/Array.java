package multiprocessing4j;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.StringJoiner;
import multiprocessing4j.sharedctypes.CtypesLayout;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.sharedctypes.Typecode;
import multiprocessing4j.sharedmemory.SharedMemory;
import multiprocessing4j.synchronize.SemLock;

/**
 * A fixed-length array of a ctypes type in shared memory: what CPython's {@code Array(...)} (a
 * {@code SynchronizedArray}) and {@code RawArray(...)} return, as a fixed-size {@link
 * java.util.List}: {@code get}, {@code set} and {@code size} work, adding or removing throws
 * {@link UnsupportedOperationException}. See {@link Typecode} for the typecodes and
 * {@link CtypesLayout} for the segment.
 *
 * <p>With a lock, each {@code get} and {@code set} holds it, as CPython's {@code __getitem__} and
 * {@code __setitem__} do; hold {@code getLock()} around a sequence of them to make it atomic.
 *
 * <p>{@link #toString()} is Python's {@code repr(arr[:])}, {@code [0, -1, -2]}: what the seed
 * example prints (CPython's own repr of the wrapper, {@code <SynchronizedArray wrapper for
 * <...c_int_Array_10 object at 0x...>>}, names a memory address and says nothing of the contents).
 *
 * <p>Beyond the {@code List}: Python's slices ({@link #slice(int, int)} is {@code arr[i:j]},
 * {@link #setSlice(int, int, List)} is {@code arr[i:j] = seq}); bulk copies of the raw bits
 * into and out of a Java primitive array of the element's width ({@code read}/{@code write}, one
 * memory copy, the fast path); and for character arrays ({@code 'c'}, {@code 'u'}) CPython's
 * {@link #value()} and, for {@code 'c'}, {@link #raw()}. Each of these holds the lock, if any,
 * for the whole copy, as CPython's {@code SynchronizedArray} does for a slice.
 *
 * <p>An Array captured by a {@code Process} target travels by name and re-attaches in the child.
 *
 * @param <T> the Java type of an element (see {@link Typecode})
 */
public final class Array<T> extends AbstractList<T> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;

    private final SharedMemory shm;
    private final ByteBuffer buf;
    private final Typecode type;
    private final int length;
    private final SemLock lock; // null for a raw array

    Array(SharedMemory shm, Typecode type, int length, SemLock lock) {
        this.shm = shm;
        this.buf = shm.buf();
        this.type = type;
        this.length = length;
        this.lock = lock;
    }

    @Override
    public int size() {
        return length;
    }

    /** Element {@code index} (Python's {@code arr[i]}, no negative indices), under the lock if any. */
    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, length);
        if (lock == null) return (T) type.read(buf, CtypesLayout.dataOffset(type, index));
        lock.acquire();
        try {
            return (T) type.read(buf, CtypesLayout.dataOffset(type, index));
        } finally {
            lock.release();
        }
    }

    /**
     * Stores element {@code index} (Python's {@code arr[i] = v}), under the lock if any; integers
     * wrap as ctypes does.
     *
     * @return the previous element
     * @throws PyTypeError for a value of the wrong kind
     */
    @Override
    @SuppressWarnings("unchecked")
    public T set(int index, T value) {
        Objects.checkIndex(index, length);
        int at = CtypesLayout.dataOffset(type, index);
        if (lock == null) {
            T previous = (T) type.read(buf, at);
            type.write(buf, at, value);
            return previous;
        }
        lock.acquire();
        try {
            T previous = (T) type.read(buf, at);
            type.write(buf, at, value);
            return previous;
        } finally {
            lock.release();
        }
    }

    /**
     * Python's {@code arr[start:stop]}: a new list of those elements (a snapshot, not a view;
     * {@link #subList} is the view). Indices as Python's slice: negative ones count from the end,
     * and both are clamped to {@code [0, size()]}, so {@code slice(0, size())} is {@code arr[:]}.
     */
    public List<T> slice(int start, int stop) {
        int from = clamp(start);
        int to = Math.max(from, clamp(stop));
        return locked(() -> {
            List<T> out = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) out.add(element(i));
            return out;
        });
    }

    /**
     * Python's {@code arr[start:stop] = seq} (indices as in {@link #slice}): all elements are
     * checked before any is stored, so bad input changes nothing.
     *
     * @throws PyValueError when {@code seq}'s size is not the slice's ("Can only assign sequence
     *     of same size", as CPython)
     * @throws PyTypeError for an element of the wrong kind
     */
    public void setSlice(int start, int stop, List<? extends T> seq) {
        int from = clamp(start);
        int to = Math.max(from, clamp(stop));
        if (seq.size() != to - from) throw new PyValueError("Can only assign sequence of same size");
        ByteBuffer staged = ByteBuffer.allocate(type.size() * seq.size()).order(ByteOrder.nativeOrder());
        for (int k = 0; k < seq.size(); k++) type.write(staged, k * type.size(), seq.get(k)); // checks them all first
        locked(() -> {
            bulk(from, seq.size()).put(staged.clear());
            return null;
        });
    }

    private int clamp(int index) {
        int i = index < 0 ? index + length : index;
        return Math.max(0, Math.min(length, i));
    }

    /** Copies {@code length} elements from index {@code from} into {@code dst[offset...]}: raw bits, one memory copy. */
    public void read(int from, byte[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        locked(() -> bulk(from, length, byte[].class).get(dst, offset, length));
    }

    /** As {@link #read(int, byte[], int, int)} for {@code short[]} ({@code h H}). */
    public void read(int from, short[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        locked(() -> bulk(from, length, short[].class).asShortBuffer().get(dst, offset, length));
    }

    /** As {@link #read(int, byte[], int, int)} for {@code int[]} ({@code i I u}). */
    public void read(int from, int[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        locked(() -> bulk(from, length, int[].class).asIntBuffer().get(dst, offset, length));
    }

    /** As {@link #read(int, byte[], int, int)} for {@code long[]} ({@code l L q Q}). */
    public void read(int from, long[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        locked(() -> bulk(from, length, long[].class).asLongBuffer().get(dst, offset, length));
    }

    /** As {@link #read(int, byte[], int, int)} for {@code float[]} ({@code f}). */
    public void read(int from, float[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        locked(() -> bulk(from, length, float[].class).asFloatBuffer().get(dst, offset, length));
    }

    /** As {@link #read(int, byte[], int, int)} for {@code double[]} ({@code d}). */
    public void read(int from, double[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        locked(() -> bulk(from, length, double[].class).asDoubleBuffer().get(dst, offset, length));
    }

    /**
     * Copies {@code src[offset...offset+length)} to the elements from index {@code to}: raw bits,
     * one memory copy (a {@code c_bool} array takes the bytes as they are, as ctypes' memmove).
     */
    public void write(int to, byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        locked(() -> bulk(to, length, byte[].class).put(src, offset, length));
    }

    /** As {@link #write(int, byte[], int, int)} from {@code short[]} ({@code h H}). */
    public void write(int to, short[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        locked(() -> bulk(to, length, short[].class).asShortBuffer().put(src, offset, length));
    }

    /** As {@link #write(int, byte[], int, int)} from {@code int[]} ({@code i I u}; no check that a {@code u} is a code point). */
    public void write(int to, int[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        locked(() -> bulk(to, length, int[].class).asIntBuffer().put(src, offset, length));
    }

    /** As {@link #write(int, byte[], int, int)} from {@code long[]} ({@code l L q Q}). */
    public void write(int to, long[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        locked(() -> bulk(to, length, long[].class).asLongBuffer().put(src, offset, length));
    }

    /** As {@link #write(int, byte[], int, int)} from {@code float[]} ({@code f}). */
    public void write(int to, float[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        locked(() -> bulk(to, length, float[].class).asFloatBuffer().put(src, offset, length));
    }

    /** As {@link #write(int, byte[], int, int)} from {@code double[]} ({@code d}). */
    public void write(int to, double[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        locked(() -> bulk(to, length, double[].class).asDoubleBuffer().put(src, offset, length));
    }

    /** A native-order window on elements {@code [from, from+count)}, after checking the Java array kind. */
    private ByteBuffer bulk(int from, int count, Class<?> arrayType) {
        if (arrayType != type.primitiveArray()) {
            throw new PyTypeError("a " + type.ctype() + " array copies to and from " + type.primitiveArray().getSimpleName()
                    + ", not " + arrayType.getSimpleName());
        }
        return bulk(from, count);
    }

    private ByteBuffer bulk(int from, int count) {
        Objects.checkFromIndexSize(from, count, length);
        int at = CtypesLayout.dataOffset(type, from);
        return buf.duplicate().position(at).limit(at + count * type.size()).slice().order(ByteOrder.nativeOrder());
    }

    /**
     * A character array's value, as CPython's: for {@code 'c'} the bytes up to the first NUL
     * (a {@link PyBytes}), for {@code 'u'} the string up to the first NUL (a {@code String}).
     *
     * @throws PyAttributeError for an array of another type
     */
    @SuppressWarnings("unchecked")
    public <V> V value() {
        if (type == Typecode.c) {
            return (V) locked(() -> {
                byte[] all = rawBytes();
                int end = 0;
                while (end < all.length && all[end] != 0) end++;
                return PyBytes.of(Arrays.copyOf(all, end));
            });
        }
        if (type == Typecode.u) {
            return (V) locked(() -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    int cp = buf.getInt(CtypesLayout.dataOffset(type, i));
                    if (cp == 0) break;
                    sb.append((String) type.read(buf, CtypesLayout.dataOffset(type, i)));
                }
                return sb.toString();
            });
        }
        throw noAttribute("value");
    }

    /**
     * Sets a character array's value, as CPython's: the bytes ({@code 'c'}, a {@link PyBytes}) or
     * characters ({@code 'u'}, a {@code String}) from index 0, then a NUL if there is room; the
     * rest stays as it was.
     *
     * @throws PyValueError when {@code v} is longer than the array ("byte string too long",
     *     "string too long"); nothing is written
     * @throws PyTypeError for a value of the wrong kind
     * @throws PyAttributeError for an array of another type
     */
    public void value(Object v) {
        if (type == Typecode.c) {
            byte[] b = bytesOf(v);
            if (b.length > length) throw new PyValueError("byte string too long");
            locked(() -> {
                bulk(0, b.length).put(b);
                if (b.length < length) buf.put(CtypesLayout.dataOffset(type, b.length), (byte) 0);
                return null;
            });
            return;
        }
        if (type == Typecode.u) {
            if (!(v instanceof String s)) throw new PyTypeError("unicode string expected instead of " + PyRepr.repr(v));
            int[] cps = s.codePoints().toArray();
            if (cps.length > length) throw new PyValueError("string too long");
            locked(() -> {
                bulk(0, cps.length).asIntBuffer().put(cps);
                if (cps.length < length) buf.putInt(CtypesLayout.dataOffset(type, cps.length), 0);
                return null;
            });
            return;
        }
        throw noAttribute("value");
    }

    /**
     * A {@code 'c'} array's raw bytes: all of them, NULs included (CPython's {@code raw}).
     *
     * @throws PyAttributeError for an array of another type ({@code 'u'} arrays have no {@code raw} in CPython either)
     */
    public PyBytes raw() {
        if (type != Typecode.c) throw noAttribute("raw");
        return locked(() -> PyBytes.of(rawBytes()));
    }

    /**
     * Sets a {@code 'c'} array's first bytes to {@code v} (CPython's {@code raw = v}); the rest
     * stays as it was.
     *
     * @throws PyValueError when {@code v} is longer than the array ("byte string too long"); nothing is written
     * @throws PyAttributeError for an array of another type
     */
    public void raw(Object v) {
        if (type != Typecode.c) throw noAttribute("raw");
        byte[] b = bytesOf(v);
        if (b.length > length) throw new PyValueError("byte string too long");
        locked(() -> bulk(0, b.length).put(b));
    }

    private byte[] rawBytes() {
        byte[] all = new byte[length];
        bulk(0, length).get(all);
        return all;
    }

    private static byte[] bytesOf(Object v) {
        if (v instanceof PyBytes p) return p.toByteArray();
        if (v instanceof byte[] b) return b.clone();
        throw new PyTypeError("bytes expected instead of " + PyRepr.repr(v));
    }

    private PyAttributeError noAttribute(String name) {
        return new PyAttributeError("'" + type.ctype() + "_Array_" + length + "' object has no attribute '" + name + "'");
    }

    /** Runs {@code body} under the lock, if there is one. */
    private <R> R locked(java.util.function.Supplier<R> body) {
        if (lock == null) return body.get();
        lock.acquire();
        try {
            return body.get();
        } finally {
            lock.release();
        }
    }

    @SuppressWarnings("unchecked")
    private T element(int index) {
        return (T) type.read(buf, CtypesLayout.dataOffset(type, index));
    }

    /** Copies all elements, under the lock if any, into {@code dst} at {@code offset} (for {@code copy}). */
    void copyInto(ByteBuffer dst, int offset) {
        locked(() -> dst.duplicate().position(offset).put(bulk(0, length)));
    }

    boolean isSynchronized() {
        return lock != null;
    }

    /** The element type of this array. */
    public Typecode typecode() {
        return type;
    }

    /**
     * The lock guarding this array (Python's {@code get_lock()}).
     *
     * @throws PyAttributeError for a raw array
     */
    public SemLock getLock() {
        if (lock == null) {
            throw new PyAttributeError("'" + type.ctype() + "_Array_" + length + "' object has no attribute 'get_lock'");
        }
        return lock;
    }

    /** The raw array under the wrapper (Python's {@code get_obj()}): the same memory, no lock. */
    public Array<T> getObj() {
        return lock == null ? this : new Array<>(shm, type, length, null);
    }

    /** The segment holding the array. */
    public SharedMemory shm() {
        return shm;
    }

    /** Python's {@code repr(arr[:])}, e.g. {@code [0, -1, -2]}; read under the lock as one snapshot. */
    @Override
    public String toString() {
        if (lock != null) lock.acquire();
        try {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < length; i++) j.add(type.reprItem(type.read(buf, CtypesLayout.dataOffset(type, i))));
            return j.toString();
        } finally {
            if (lock != null) lock.release();
        }
    }

    private Object writeReplace() {
        return new Handle(shm.name(), type, length, lock);
    }

    /** An Array on its way to a child: its segment's name, typecode, length and lock (by name). */
    private record Handle(String name, Typecode type, int length, SemLock lock) implements Serializable {
        private Object readResolve() {
            return new Array<>(new SharedMemory(name), type, length, lock);
        }
    }
}
