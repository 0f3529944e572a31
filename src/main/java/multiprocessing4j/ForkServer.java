package multiprocessing4j;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The warm JVMs of {@code forkserver} and {@code fork}, as CPython's {@code forkserver} module
 * keeps a server that forks children: a JVM cannot fork, so this keeps {@linkplain #poolSize()
 * a few} JVMs booted, warmed up and connected, and {@link #take()} hands one over, booting a
 * replacement in the background. Started on first use, one per parent process. Idle JVMs exit
 * by themselves when this process exits (their channel reaches end of stream).
 *
 * <p>The idle JVMs are told which application classes the targets started so far needed and
 * load them ahead of the next job ({@link TargetClasses}, {@link Preload}).
 *
 * <p>A {@code start()} that finds no JVM ready waits for the oldest one booting, so at most
 * {@code poolSize()} JVMs boot at once however fast children are started.
 */
final class ForkServer {
    /** System property for the pool size; {@value #DEFAULT_POOL_SIZE} by default. */
    static final String POOL_SIZE_PROPERTY = "multiprocessing4j.forkserver.pool";
    static final int DEFAULT_POOL_SIZE = 2;
    private static final long REFILL_DELAY_MS = 200;
    private static ForkServer instance; // guarded by ForkServer.class

    private final long refillDelayMillis;

    private final Deque<CompletableFuture<ChildJvm>> pool = new ArrayDeque<>(); // guarded by this
    private final ExecutorService booter = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "multiprocessing4j-forkserver");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "multiprocessing4j-forkserver-refill");
        t.setDaemon(true);
        return t;
    });
    private int poolSize; // guarded by this
    private ScheduledFuture<?> refill; // guarded by this

    /** A pool of {@code poolSize} that refills {@code refillDelayMillis} after the last take; the process's own is {@link #get()}. */
    ForkServer(int poolSize, long refillDelayMillis) {
        this.poolSize = poolSize;
        this.refillDelayMillis = refillDelayMillis;
    }

    static synchronized ForkServer get() {
        if (instance == null) instance = new ForkServer(Integer.getInteger(POOL_SIZE_PROPERTY, DEFAULT_POOL_SIZE), REFILL_DELAY_MS);
        return instance;
    }

    /** The pool if a start has needed it, else null (a program that only spawns has none). */
    static synchronized ForkServer running() {
        return instance;
    }

    /**
     * Hands out a warm JVM, waiting for one if none is ready. The pool is topped up
     * {@value #REFILL_DELAY_MS} ms after the last {@code take()}: a booting JVM keeps a couple of
     * cores busy for a good fraction of a second, and booting it beside the child just handed
     * out would slow that child down several times on a small machine. Only when starts outrun
     * the pool (none is left for this one) does a pool's worth boot at once, this start's JVM
     * among them. Not when a start merely empties it: two 50 ms children started from a pool of
     * 2 took 58&ndash;62 ms to start and join when that booted two more beside them, 54&ndash;55
     * ms when it did not; three such children (the third outruns the pool) took 228&ndash;339 ms
     * before and 260&ndash;282 ms now, but 337&ndash;386 ms when the third start booted its own
     * JVM and then the pool's beside it (medians of 8&ndash;12 bursts, 2026-12-07).
     */
    ChildJvm take() throws IOException {
        while (true) {
            CompletableFuture<ChildJvm> next;
            synchronized (this) {
                // Outrun: a pool's worth boots now, this start's JVM first in line.
                if (pool.isEmpty()) fill(Math.max(1, poolSize));
                next = pool.poll();
                scheduleRefill();
            }
            ChildJvm jvm;
            try {
                jvm = next.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                throw cause instanceof IOException io ? io : new IOException(cause);
            }
            if (jvm.usable()) return jvm;
            jvm.discard();
            if (Thread.interrupted()) throw new InterruptedIOException("interrupted while taking a warm JVM");
        }
    }

    private void scheduleRefill() {
        if (refill != null) refill.cancel(false);
        refill = timer.schedule(() -> {
            synchronized (this) {
                fill(poolSize);
            }
        }, refillDelayMillis, TimeUnit.MILLISECONDS);
    }

    /** How many JVMs are in the pool now, booting or ready. */
    synchronized int pooled() {
        return pool.size();
    }

    /** How many warm JVMs are kept ready. */
    synchronized int poolSize() {
        return poolSize;
    }

    /** Keeps {@code size} warm JVMs ready from now on (0: each start boots one); extra idle ones exit. */
    synchronized void poolSize(int size) {
        if (size < 0) throw new IllegalArgumentException("negative pool size " + size);
        poolSize = size;
        while (pool.size() > size) pool.pollLast().thenAccept(ChildJvm::discard);
        fill(size);
    }

    /**
     * Waits until every JVM in the pool has booted and finished its warm-up rounds (see
     * {@link WarmUp}), for measurements that want a full pool of fully warm JVMs.
     */
    void awaitReady() {
        List<CompletableFuture<ChildJvm>> booting;
        synchronized (this) {
            fill(poolSize);
            booting = List.copyOf(pool);
        }
        for (CompletableFuture<ChildJvm> jvm : booting) {
            jvm.exceptionally(e -> null).join();
            if (!jvm.isCompletedExceptionally()) jvm.join().awaitWarm();
        }
    }

    /**
     * Has the idle warm JVMs load the {@link TargetClasses} they have not been sent yet, in the
     * background, so that the next start of a target of those classes finds them loaded and linked.
     */
    void preloadIdle() {
        List<ChildJvm> idle = new ArrayList<>();
        synchronized (this) {
            for (CompletableFuture<ChildJvm> f : pool) {
                if (f.isDone() && !f.isCompletedExceptionally()) idle.add(f.join());
            }
        }
        if (idle.isEmpty()) return;
        List<String> known = TargetClasses.known();
        booter.execute(() -> idle.forEach(jvm -> jvm.preload(known)));
    }

    private void fill(int size) {
        while (pool.size() < size) {
            pool.add(CompletableFuture.supplyAsync(() -> {
                try {
                    ChildJvm jvm = ChildJvm.warm();
                    jvm.preload(TargetClasses.known());
                    return jvm;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, booter));
        }
    }
}
