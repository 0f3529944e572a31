package multiprocessing4j.bench;

import java.util.List;

/**
 * {@code synchronize.<metric>}: process-shared locks, Java's {@code synchronize} against CPython's
 * {@code multiprocessing.synchronize}, in operations per second:
 * <ul>
 *   <li>{@code locked-increments}: two child processes each loop
 *       {@code with v.get_lock(): v.value += 1} on one {@code Value('i')} (its default RLock);
 *       the parent counts the increments per second;
 *   <li>{@code lock-uncontended}: one thread's {@code Lock()} acquire+release pairs per second.
 * </ul>
 */
public record SyncWorkload(String metric) implements Workload {
    public static final List<String> METRICS = List.of("locked-increments", "lock-uncontended");

    @Override
    public String name() {
        return "synchronize." + metric;
    }

    @Override
    public String unit() {
        return "ops/s";
    }

    @Override
    public Sense sense() {
        return Sense.HIGHER_IS_BETTER;
    }

    @Override
    public Trial baseline(Programs p) {
        return Trial.alone("CPython `multiprocessing`", p.python("sync_bench.py", metric));
    }

    @Override
    public List<Trial> contenders(Programs p) {
        return List.of(Trial.alone("Java", p.java(SyncBench.class, metric)));
    }
}
