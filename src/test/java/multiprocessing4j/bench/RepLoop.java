package multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The timing loop of the Java benchmark programs, the same as {@code benchlib.measure} in
 * Python: run the step untimed through the warm-up, then once per repetition run it until the
 * repetition has lasted long enough, and turn the work done and the time taken into a sample.
 */
public final class RepLoop {
    private RepLoop() {}

    /** One unit of benchmark work; returns how many units (bytes, objects, calls) it did. */
    @FunctionalInterface
    public interface Step {
        long run() throws Exception;
    }

    /** A repetition's sample, e.g. MB/s or µs per round trip. */
    @FunctionalInterface
    public interface ToSample {
        double of(long units, double seconds);
    }

    public static List<Double> measure(Step step, ToSample toSample, Timing timing) throws Exception {
        runFor(step, timing.warmup());
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < timing.reps(); i++) {
            Rep rep = runFor(step, timing.repSeconds());
            samples.add(toSample.of(rep.units, rep.seconds));
        }
        return samples;
    }

    private record Rep(long units, double seconds) {}

    private static Rep runFor(Step step, double seconds) throws Exception {
        long units = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (true) {
            units += step.run();
            long now = System.nanoTime();
            if (now >= deadline) return new Rep(units, (now - start) / 1e9);
        }
    }
}
