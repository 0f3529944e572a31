package multiprocessing4j.bench;

import java.util.List;

/**
 * How long trials run. The harness runs every trial of a workload {@code rounds} times, in
 * turn, so that a burst of load on a shared machine hits all of them alike; in each round the
 * program runs {@code warmup} untimed seconds, then {@code reps} repetitions of at least
 * {@code repSeconds}, one sample per repetition. The same options (all but {@code rounds}) drive
 * the Java programs and the Python scripts ({@code benchlib.py}).
 */
public record Timing(int rounds, double warmup, int reps, double repSeconds) {

    public static final Timing DEFAULT = new Timing(2, 1.0, 3, 0.3);

    public Timing {
        if (rounds < 1 || reps < 1 || warmup < 0 || repSeconds <= 0) {
            throw new IllegalArgumentException("rounds and reps must be at least 1, warmup and rep-seconds positive");
        }
    }

    public static Timing from(Args args) {
        return new Timing(
                Integer.parseInt(args.get("--rounds", Integer.toString(DEFAULT.rounds))),
                Double.parseDouble(args.get("--warmup", Double.toString(DEFAULT.warmup))),
                Integer.parseInt(args.get("--reps", Integer.toString(DEFAULT.reps))),
                Double.parseDouble(args.get("--rep-seconds", Double.toString(DEFAULT.repSeconds))));
    }

    /** The options a benchmark program takes. */
    public List<String> args() {
        return List.of("--warmup", Double.toString(warmup), "--reps", Integer.toString(reps),
                "--rep-seconds", Double.toString(repSeconds));
    }

    /** A generous bound on how long one program may take, beyond which it is deemed hung. */
    public double deadlineSeconds() {
        return 60 + 3 * (warmup + reps * repSeconds);
    }
}
