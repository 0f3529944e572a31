package multiprocessing4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures start+join latency of a trivial child per start method (median of 20 after 5
 * warm-up rounds), for the README's numbers; not a unit test. The warm pool is sized to hold
 * every measured child and filled before measuring, so {@code forkserver} and {@code fork}
 * show the latency of a start that finds a warm JVM; a second figure shows back-to-back
 * starts with the default pool, which are bound by JVM boots.
 *
 * <p>Run: {@code java -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes"
 * multiprocessing4j.StartLatency [extra JVM options for the children are inherited]}.
 */
public final class StartLatency {
    private static final int WARMUP = 5;
    private static final int SAMPLES = 20;

    private StartLatency() {}

    public static void main(String[] args) {
        for (String method : List.of("fork", "forkserver", "spawn")) {
            Context ctx = Multiprocessing.getContext(method);
            if (!method.equals("spawn")) {
                ctx.setForkserverPool(WARMUP + SAMPLES + 1);
                ForkServer.get().awaitReady();
            }
            System.out.printf("%-10s %s: median %7.2f ms%n", method, method.equals("spawn") ? "fresh JVM" : "warm JVM ready",
                    median(ctx, WARMUP, SAMPLES));
            if (!method.equals("spawn")) {
                ctx.setForkserverPool(ForkServer.DEFAULT_POOL_SIZE);
                System.out.printf("%-10s back-to-back, pool %d: median %7.2f ms%n", method,
                        ForkServer.DEFAULT_POOL_SIZE, median(ctx, 2, 10));
            }
        }
        System.exit(0);
    }

    private static double median(Context ctx, int warmup, int samples) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + samples; i++) {
            Process p = ctx.Process(StartLatency::nothing);
            long t0 = System.nanoTime();
            p.start();
            p.join();
            long t1 = System.nanoTime();
            if (p.exitcode() != 0) throw new AssertionError("exit code " + p.exitcode());
            if (i >= warmup) times.add((t1 - t0) / 1e6);
        }
        Collections.sort(times);
        return (times.get(samples / 2) + times.get((samples - 1) / 2)) / 2;
    }

    private static void nothing() {
        // a trivial child
    }
}
