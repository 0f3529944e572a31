package multiprocessing4j;

import multiprocessing4j.managers.SyncManager;

/** Python's {@code multiprocessing} module-level functions (DESIGN.md §2). */
public final class Multiprocessing {
    private Multiprocessing() {}

    /**
     * A started {@link SyncManager}: its server runs in a child JVM on a fresh Unix socket path,
     * as CPython's {@code multiprocessing.Manager()}. Close it (try-with-resources) to shut the
     * server down.
     */
    public static SyncManager Manager() {
        SyncManager manager = new SyncManager();
        manager.start();
        return manager;
    }
}
