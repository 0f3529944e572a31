package multiprocessing4j.bench;

import java.util.List;

/**
 * {@code pool.map.100k}: {@code Pool(2).map} of a trivial function ({@code x + 1}) over
 * {@code range(100_000)} with CPython's default chunksize, in items per second;
 * {@code pool.apply_async.rt}: one {@code apply_async(f).get()} at a time on {@code Pool(2)},
 * in microseconds per round trip. Both sides use their default start method; the pool is made
 * before the timed loop. Python side: {@code python-fixtures/bench/pool_bench.py}.
 */
public record PoolWorkload(String op) implements Workload {
    public static final List<String> OPS = List.of("map", "apply_async");

    @Override
    public String name() {
        return op.equals("map") ? "pool.map.100k" : "pool.apply_async.rt";
    }

    @Override
    public String unit() {
        return op.equals("map") ? "items/s, Pool(2).map(x + 1) over 100k ints" : "µs/round trip, apply_async(f).get()";
    }

    @Override
    public Sense sense() {
        return op.equals("map") ? Sense.HIGHER_IS_BETTER : Sense.LOWER_IS_BETTER;
    }

    @Override
    public Trial baseline(Programs p) {
        return Trial.alone("CPython `multiprocessing.Pool`", p.python("pool_bench.py", op));
    }

    @Override
    public List<Trial> contenders(Programs p) {
        return List.of(Trial.alone("Java `Pool`", p.java(PoolBench.class, op)));
    }
}
