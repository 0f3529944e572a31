package multiprocessing4j;

import java.io.Serializable;
import java.nio.ByteBuffer;
import multiprocessing4j.sharedctypes.CtypesLayout;
import multiprocessing4j.sharedctypes.Typecode;
import multiprocessing4j.sharedmemory.SharedMemory;
import multiprocessing4j.synchronize.SemLock;

/**
 * One value of a ctypes type in shared memory: what CPython's {@code Value(...)} (a
 * {@code Synchronized} wrapper) and {@code RawValue(...)} (a bare ctypes object) return. Made by
 * {@link Multiprocessing#Value}, {@link Multiprocessing#RawValue} or a {@link Context}'s; see
 * {@link Typecode} for the typecodes, Java types and range behaviour, and {@link CtypesLayout} for
 * the segment.
 *
 * <p>With a lock, {@link #value()} and {@link #value(Object)} each hold it, as CPython's
 * {@code Synchronized.value} does; a read-modify-write needs {@code getLock()} around it:
 * <pre>{@code
 * SemLock lock = counter.getLock();
 * lock.acquire();
 * try { counter.value(counter.value() + 1); } finally { lock.release(); }
 * }</pre>
 *
 * <p>A Value captured by a {@code Process} target travels by name (its segment, its lock's
 * segment) and re-attaches in the child, under every start method.
 *
 * @param <T> the Java type of the value (see {@link Typecode})
 */
public final class Value<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SharedMemory shm;
    private final ByteBuffer buf;
    private final Typecode type;
    private final SemLock lock; // null for a raw value

    Value(SharedMemory shm, Typecode type, SemLock lock) {
        this.shm = shm;
        this.buf = shm.buf();
        this.type = type;
        this.lock = lock;
    }

    /** The value (Python's {@code v.value}), read under the lock if there is one. */
    @SuppressWarnings("unchecked")
    public T value() {
        if (lock == null) return (T) type.read(buf, CtypesLayout.dataOffset(type, 0));
        lock.acquire();
        try {
            return (T) type.read(buf, CtypesLayout.dataOffset(type, 0));
        } finally {
            lock.release();
        }
    }

    /**
     * Stores {@code v} (Python's {@code v.value = x}), under the lock if there is one; integers
     * wrap to the type's width as ctypes does.
     *
     * @throws PyTypeError for a value of the wrong kind (a float for an integer type, …)
     */
    public void value(T v) {
        store(v);
    }

    /**
     * Stores a number of another Java type, converted as ctypes converts a Python number:
     * {@code Value<Double> v = Value("d", 0.0); v.value(1);} stores 1.0, as {@code v.value = 1}.
     *
     * @throws PyTypeError where ctypes refuses the number (a float for an integer type)
     */
    public void value(Number v) {
        store(v);
    }

    private void store(Object v) {
        if (lock == null) {
            type.write(buf, CtypesLayout.dataOffset(type, 0), v);
            return;
        }
        lock.acquire();
        try {
            type.write(buf, CtypesLayout.dataOffset(type, 0), v);
        } finally {
            lock.release();
        }
    }

    /**
     * The lock guarding this value (Python's {@code get_lock()}).
     *
     * @throws PyAttributeError for a raw value, as CPython's ctypes objects have none
     */
    public SemLock getLock() {
        if (lock == null) throw new PyAttributeError("'" + type.ctype() + "' object has no attribute 'get_lock'");
        return lock;
    }

    /** The raw value under the wrapper (Python's {@code get_obj()}): the same memory, no lock. */
    public Value<T> getObj() {
        return lock == null ? this : new Value<>(shm, type, null);
    }

    /** The value's type. */
    public Typecode typecode() {
        return type;
    }

    boolean isSynchronized() {
        return lock != null;
    }

    /** The segment holding the value. */
    public SharedMemory shm() {
        return shm;
    }

    /**
     * CPython's repr: {@code <Synchronized wrapper for c_double(3.1415927)>}, or for a raw value
     * {@code c_double(3.1415927)}.
     */
    @Override
    public String toString() {
        String raw = type.repr(value());
        return lock == null ? raw : "<Synchronized wrapper for " + raw + ">";
    }

    private Object writeReplace() {
        return new Handle(shm.name(), type, lock);
    }

    /** A Value on its way to a child: its segment's name, its typecode and its lock (by name). */
    private record Handle(String name, Typecode type, SemLock lock) implements Serializable {
        private Object readResolve() {
            return new Value<>(new SharedMemory(name), type, lock);
        }
    }
}
