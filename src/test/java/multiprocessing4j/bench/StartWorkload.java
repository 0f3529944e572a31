package multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.List;
import multiprocessing4j.StartLatency;

/**
 * {@code start.<method>}: start+join of a trivial child, in milliseconds. The goals of issue 5
 * set the baselines: {@code fork} and {@code forkserver} are compared with CPython's
 * {@code fork}, {@code spawn} with CPython's {@code spawn}; CPython's own {@code forkserver}
 * runs beside Java's for reference. Every repetition is a batch of {@value StartLatency#BATCH}
 * starts, each of which finds a warm JVM ready (see {@link StartLatency}).
 */
public record StartWorkload(String method) implements Workload {

    @Override
    public String name() {
        return "start." + method;
    }

    @Override
    public String unit() {
        return "ms/start+join, trivial child";
    }

    @Override
    public Sense sense() {
        return Sense.LOWER_IS_BETTER;
    }

    @Override
    public Trial baseline(Programs p) {
        String reference = method.equals("spawn") ? "spawn" : "fork";
        return Trial.alone("CPython `" + reference + "`", p.python("start_bench.py", reference));
    }

    @Override
    public List<Trial> contenders(Programs p) {
        List<Trial> trials = new ArrayList<>();
        trials.add(Trial.alone("Java `" + method + "`", p.java(StartLatency.class, method)));
        if (method.equals("forkserver")) {
            trials.add(Trial.alone("CPython `forkserver` (reference)", p.python("start_bench.py", "forkserver")));
        }
        return trials;
    }
}
