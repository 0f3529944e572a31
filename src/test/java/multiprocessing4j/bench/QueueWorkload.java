package multiprocessing4j.bench;

import java.util.List;

/**
 * {@code queue.<kind>}: {@code Queue} messages per second from a child to its parent (small ints,
 * 1 KiB bytes), and {@code Pipe} and {@code Queue} round trips between a parent and its child, Java against
 * CPython's {@code multiprocessing} on the same workload ({@link QueueBench}, {@code queue_bench.py}).
 */
public record QueueWorkload(String kind) implements Workload {

    /** Every queue workload. */
    public static List<Workload> all() {
        return List.of(new QueueWorkload("ints"), new QueueWorkload("bytes-1k"), new QueueWorkload("pipe-rtt"),
                new QueueWorkload("queue-rtt"));
    }

    @Override
    public String name() {
        return "queue." + kind;
    }

    @Override
    public String unit() {
        return kind.endsWith("-rtt") ? "µs/round trip" : "messages/s";
    }

    @Override
    public Sense sense() {
        return kind.endsWith("-rtt") ? Sense.LOWER_IS_BETTER : Sense.HIGHER_IS_BETTER;
    }

    @Override
    public Trial baseline(Programs p) {
        return Trial.alone("CPython `multiprocessing`", p.python("queue_bench.py", kind));
    }

    @Override
    public List<Trial> contenders(Programs p) {
        return List.of(Trial.alone("Java", p.java(QueueBench.class, kind)));
    }
}
