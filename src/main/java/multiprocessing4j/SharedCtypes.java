package multiprocessing4j;

import java.util.List;
import multiprocessing4j.sharedctypes.CtypesLayout;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedctypes.Typecode;
import multiprocessing4j.sharedmemory.SharedMemory;
import multiprocessing4j.synchronize.RLock;
import multiprocessing4j.synchronize.SemLock;

/**
 * CPython's {@code multiprocessing.sharedctypes} module: the functions behind the factories of
 * {@link Multiprocessing} and {@link Context}, and the module's own {@link #Synchronized} and
 * {@link #copy}. Each object gets a segment of its own from the {@link Heap}; {@code lock=true}
 * puts a new {@link RLock} in that segment's lock area, {@code lock=false} makes the raw object,
 * a given lock is shared.
 *
 * <p>It lives in the root package, not in {@code multiprocessing4j.sharedctypes}, because it
 * makes {@link Value}s and {@link Array}s and the root package depends on that one, not the reverse.
 */
public final class SharedCtypes {
    private SharedCtypes() {}

    /**
     * CPython's {@code sharedctypes.synchronized(obj)} ({@code synchronized} is a Java keyword;
     * the capital is the name of what it returns, CPython's {@code Synchronized} wrapper): the
     * same memory as {@code obj}, guarded by an {@link RLock}. The lock lives in the segment's lock
     * area, so every wrapper made this way of the same memory shares that one lock (CPython's
     * would each get a new lock, which guards nothing against the others).
     *
     * @throws IllegalArgumentException when {@code obj} already has a lock (CPython would wrap the
     *     wrapper, which it cannot use either)
     */
    public static <T> Value<T> Synchronized(Value<T> obj) {
        return Synchronized(obj, RLock.in(rawOnly(obj.shm(), obj.isSynchronized())));
    }

    /** CPython's {@code synchronized(obj, lock)}: the same memory as {@code obj}, guarded by {@code lock}. */
    public static <T> Value<T> Synchronized(Value<T> obj, SemLock lock) {
        rawOnly(obj.shm(), obj.isSynchronized());
        return new Value<>(obj.shm(), obj.typecode(), java.util.Objects.requireNonNull(lock, "lock"));
    }

    /** As {@link #Synchronized(Value)} for an array: CPython's {@code SynchronizedArray} (or {@code SynchronizedString} for {@code 'c'}). */
    public static <T> Array<T> Synchronized(Array<T> obj) {
        return Synchronized(obj, RLock.in(rawOnly(obj.shm(), obj.isSynchronized())));
    }

    /** CPython's {@code synchronized(arr, lock)}. */
    public static <T> Array<T> Synchronized(Array<T> obj, SemLock lock) {
        rawOnly(obj.shm(), obj.isSynchronized());
        return new Array<>(obj.shm(), obj.typecode(), obj.size(), java.util.Objects.requireNonNull(lock, "lock"));
    }

    private static SharedMemory rawOnly(SharedMemory shm, boolean isSynchronized) {
        if (isSynchronized) throw new IllegalArgumentException("already synchronized: pass getObj() for a new wrapper");
        return shm;
    }

    /**
     * CPython's {@code sharedctypes.copy(obj)}: a new raw value in new shared memory holding
     * {@code obj}'s value. A synchronized {@code obj} is read under its lock (CPython accepts only
     * the raw object here and fails with "this type has no size" for a wrapper).
     */
    public static <T> Value<T> copy(Value<T> obj) {
        Typecode type = obj.typecode();
        SharedMemory shm = Heap.allocate(CtypesLayout.segmentSize(type, 1));
        Value<T> copy = new Value<>(shm, type, null);
        copy.value(obj.value());
        return copy;
    }

    /** As {@link #copy(Value)} for an array: a new raw array of the same type and contents, copied as one snapshot. */
    public static <T> Array<T> copy(Array<T> obj) {
        Typecode type = obj.typecode();
        SharedMemory shm = Heap.allocate(CtypesLayout.segmentSize(type, obj.size()));
        obj.copyInto(shm.buf(), CtypesLayout.dataOffset(type, 0));
        return new Array<>(shm, type, obj.size(), null);
    }

    /** A zero value, synchronized by a new {@code RLock} if {@code lock}. */
    static <T> Value<T> value(String typecode, boolean lock) {
        Typecode type = Typecode.of(typecode);
        SharedMemory shm = Heap.allocate(CtypesLayout.segmentSize(type, 1));
        return new Value<>(shm, type, lock ? RLock.in(shm) : null);
    }

    /** A value set to {@code init} (null is Python's None, which only {@code c_bool} takes). */
    static <T> Value<T> value(String typecode, Object init, boolean lock) {
        Typecode type = Typecode.of(typecode);
        SharedMemory shm = Heap.allocate(CtypesLayout.segmentSize(type, 1));
        return value(shm, type, init, lock ? RLock.in(shm) : null);
    }

    static <T> Value<T> value(String typecode, Object init, SemLock lock) {
        Typecode type = Typecode.of(typecode);
        return value(Heap.allocate(CtypesLayout.segmentSize(type, 1)), type, init, lock);
    }

    private static <T> Value<T> value(SharedMemory shm, Typecode type, Object init, SemLock lock) {
        initialize(shm, () -> type.write(shm.buf(), CtypesLayout.dataOffset(type, 0), init));
        return new Value<>(shm, type, lock);
    }

    static <T> Array<T> array(String typecode, int size, List<?> init, boolean lock) {
        Typecode type = Typecode.of(typecode);
        SharedMemory shm = Heap.allocate(CtypesLayout.segmentSize(type, length(size, init)));
        return array(shm, type, size, init, lock ? RLock.in(shm) : null);
    }

    static <T> Array<T> array(String typecode, int size, List<?> init, SemLock lock) {
        Typecode type = Typecode.of(typecode);
        return array(Heap.allocate(CtypesLayout.segmentSize(type, length(size, init))), type, size, init, lock);
    }

    /** A bytes initializer as Python iterates it: its bytes as ints 0..255 (what {@code c_char} takes). */
    static List<Object> items(multiprocessing4j.reduction.PyBytes init) {
        List<Object> out = new java.util.ArrayList<>(init.length());
        for (int i = 0; i < init.length(); i++) out.add(init.get(i));
        return out;
    }

    /** A str initializer as Python iterates it: one string per code point. */
    static List<Object> items(CharSequence init) {
        return init.codePoints().mapToObj(Character::toString).collect(java.util.stream.Collectors.toList());
    }

    /** The array's length: {@code init}'s size, or {@code size} when there is no initializer. */
    private static int length(int size, List<?> init) {
        if (init != null) return init.size();
        if (size < 0) throw new PyValueError("array size must be non-negative, not " + size);
        return size;
    }

    private static <T> Array<T> array(SharedMemory shm, Typecode type, int size, List<?> init, SemLock lock) {
        int length = length(size, init);
        if (init != null) {
            initialize(shm, () -> {
                for (int i = 0; i < length; i++) type.write(shm.buf(), CtypesLayout.dataOffset(type, i), init.get(i));
            });
        }
        return new Array<>(shm, type, length, lock);
    }

    /** Runs {@code writes} on a new segment; an initializer CPython would refuse removes the segment before the error goes up. */
    private static void initialize(SharedMemory shm, Runnable writes) {
        try {
            writes.run();
        } catch (RuntimeException e) {
            shm.close();
            shm.unlink();
            throw e;
        }
    }
}
