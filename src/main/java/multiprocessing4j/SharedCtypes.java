package multiprocessing4j;

import java.util.List;
import multiprocessing4j.sharedctypes.CtypesLayout;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedctypes.Typecode;
import multiprocessing4j.sharedmemory.SharedMemory;
import multiprocessing4j.synchronize.RLock;
import multiprocessing4j.synchronize.SemLock;

/**
 * CPython's {@code multiprocessing.sharedctypes} functions behind the factories of
 * {@link Multiprocessing} and {@link Context}: each object gets a segment of its own from the
 * {@link Heap}; {@code lock=true} puts a new {@link RLock} in that segment's lock area,
 * {@code lock=false} makes the raw object, a given lock is shared.
 */
final class SharedCtypes {
    private SharedCtypes() {}

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
        if (init != null) type.write(shm.buf(), CtypesLayout.dataOffset(type, 0), init);
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

    /** The array's length: {@code init}'s size, or {@code size} when there is no initializer. */
    private static int length(int size, List<?> init) {
        if (init != null) return init.size();
        if (size < 0) throw new PyValueError("array size must be non-negative, not " + size);
        return size;
    }

    private static <T> Array<T> array(SharedMemory shm, Typecode type, int size, List<?> init, SemLock lock) {
        int length = length(size, init);
        if (init != null) {
            for (int i = 0; i < length; i++) type.write(shm.buf(), CtypesLayout.dataOffset(type, i), init.get(i));
        }
        return new Array<>(shm, type, length, lock);
    }
}
