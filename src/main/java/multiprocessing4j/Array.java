package multiprocessing4j;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.StringJoiner;
import multiprocessing4j.sharedctypes.CtypesLayout;
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
