package multiprocessing4j.bench;

import java.util.List;

/**
 * How long every trial runs: {@code warmup} untimed seconds, then {@code reps} repetitions of at
 * least {@code repSeconds} each, one sample per repetition. The same options drive the Java
 * programs and the Python scripts ({@code benchlib.py}).
 */
public record Timing(double warmup, int reps, double repSeconds) {

    public static final Timing DEFAULT = new Timing(1.5, 5, 0.5);

    public static Timing from(Args args) {
        return new Timing(
                Double.parseDouble(args.get("--warmup", Double.toString(DEFAULT.warmup))),
                Integer.parseInt(args.get("--reps", Integer.toString(DEFAULT.reps))),
                Double.parseDouble(args.get("--rep-seconds", Double.toString(DEFAULT.repSeconds))));
    }

    public List<String> args() {
        return List.of("--warmup", Double.toString(warmup), "--reps", Integer.toString(reps),
                "--rep-seconds", Double.toString(repSeconds));
    }

    /** A generous bound on how long a client may take, beyond which it is deemed hung. */
    public double deadlineSeconds() {
        return 60 + 3 * (warmup + reps * repSeconds);
    }
}
