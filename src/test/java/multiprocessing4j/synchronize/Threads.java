package multiprocessing4j.synchronize;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Threads for tests that block many at once (the common pool may have one thread on 2 cores). */
final class Threads {
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sync-test");
        t.setDaemon(true);
        return t;
    });

    private Threads() {}
}
