package multiprocessing4j.bench;

import static multiprocessing4j.Multiprocessing.range;

import java.util.ArrayList;
import java.util.List;
import multiprocessing4j.pool.Pool;

/**
 * The Java side of {@link PoolWorkload}: {@code PoolBench map|apply_async}. Each step's result is
 * checked, so a pool that loses or reorders items fails instead of being fast.
 */
public final class PoolBench {
    private PoolBench() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String op = args.positional().get(0);
        // built once, as pool_bench.py's ITEMS = list(range(100000)): range() is a lazy view that boxes on every read
        List<Integer> items = new ArrayList<>(range(100_000));
        try (Pool pool = new Pool(2)) {
            RepLoop.Step step;
            RepLoop.ToSample sample;
            if (op.equals("map")) {
                step = () -> {
                    List<Integer> out = pool.map((Integer x) -> x + 1, items);
                    if (out.size() != items.size() || out.get(99_999) != 100_000) throw new IllegalStateException("wrong map result");
                    return out.size();
                };
                sample = (units, seconds) -> units / seconds;
            } else {
                step = () -> {
                    if (pool.applyAsync(() -> 42).get() != 42) throw new IllegalStateException("wrong result");
                    return 1;
                };
                sample = (units, seconds) -> seconds * 1e6 / units;
            }
            ResultLine.print(RepLoop.measure(step, sample, Timing.from(args)));
        }
    }
}
