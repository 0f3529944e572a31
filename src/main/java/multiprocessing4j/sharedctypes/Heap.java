package multiprocessing4j.sharedctypes;

import java.security.SecureRandom;
import java.util.HexFormat;
import multiprocessing4j.sharedmemory.Segments;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * Where sharedctypes objects and their locks live: CPython's {@code multiprocessing.heap}, one
 * named segment per object instead of blocks of anonymous arenas, because a child JVM can only
 * re-attach by name (DESIGN.md §6). Names follow CPython's arena files: {@code pym-<pid>-<8 hex>}.
 * The creating JVM unlinks them, without a warning, when it exits ({@link Segments#quiet}).
 */
public final class Heap {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Heap() {}

    /** A new zero-filled segment of {@code size} bytes, owned by this JVM. */
    public static SharedMemory allocate(int size) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        SharedMemory shm = new SharedMemory("pym-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(b),
                true, size);
        Segments.quiet(shm.name());
        return shm;
    }
}
