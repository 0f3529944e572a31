package multiprocessing4j.synchronize;

/**
 * Whether a process that holds a lock or waits on a condition is gone. {@link ProcessHandle}
 * answers from {@code /proc/<pid>/stat} on Linux and counts a zombie (killed, not yet reaped by
 * its parent) as not alive, which is right here: a zombie can release nothing. A pid recycled by
 * an unrelated process is not detected.
 */
final class Liveness {
    private Liveness() {}

    /** Whether {@code pid} names no live process (gone, or a zombie). */
    static boolean dead(int pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }
}
