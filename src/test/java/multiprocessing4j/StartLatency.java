package multiprocessing4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import multiprocessing4j.bench.Args;
import multiprocessing4j.bench.ResultLine;
import multiprocessing4j.bench.Timing;

/**
 * The Java side of the harness's {@code start.<method>} workloads
 * ({@code StartLatency fork|forkserver|spawn [--warmup S] [--reps N]}): start+join latency of a
 * trivial child, from {@code start()} to {@code join()} returning. Each repetition is a batch of
 * {@value #BATCH} starts and yields their median in milliseconds; the warm-up is one batch per
 * started second of {@code --warmup}. {@code --rep-seconds} is ignored: a batch is a count.
 *
 * <p>For {@code fork} and {@code forkserver} the warm pool holds a whole batch and is refilled,
 * untimed, before each batch, so every measured start finds a warm JVM: the latency a user sees
 * when starts do not outrun the pool. Back-to-back starts beyond the pool wait for JVM boots
 * (see the README). {@code python-fixtures/bench/start_bench.py} does the same in CPython.
 */
public final class StartLatency {
    /** Starts per repetition (and the warm pool size while measuring). */
    public static final int BATCH = 8;

    private StartLatency() {}

    public static void main(String[] argv) {
        Args args = new Args(argv);
        String method = args.positional().get(0);
        Timing timing = Timing.from(args);
        Context ctx = Multiprocessing.getContext(method);
        boolean warm = !method.equals("spawn");
        if (warm) ctx.setForkserverPool(BATCH);
        int warmupBatches = (int) Math.ceil(timing.warmup());
        for (int i = 0; i < warmupBatches; i++) batch(ctx, warm);
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < timing.reps(); i++) samples.add(median(batch(ctx, warm)));
        ResultLine.print(samples);
        System.exit(0);
    }

    private static List<Double> batch(Context ctx, boolean warm) {
        if (warm) ForkServer.get().awaitReady();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            Process p = ctx.Process(StartLatency::nothing);
            long t0 = System.nanoTime();
            p.start();
            p.join();
            long t1 = System.nanoTime();
            if (p.exitcode() != 0) throw new AssertionError("a trivial child exited with " + p.exitcode());
            times.add((t1 - t0) / 1e6);
        }
        return times;
    }

    private static double median(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int n = sorted.size();
        return (sorted.get(n / 2) + sorted.get((n - 1) / 2)) / 2;
    }

    private static void nothing() {
        // a trivial child
    }
}
