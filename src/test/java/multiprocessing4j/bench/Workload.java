package multiprocessing4j.bench;

import java.util.List;

/**
 * A benchmark run the same way in Java and in CPython. The CPython figure is the baseline; each
 * Java figure is reported beside it with the ratio. Every trial runs in fresh processes.
 */
public interface Workload {

    /** Dotted, e.g. {@code connection.latency.tcp}; the first part names the suite (and its table). */
    String name();

    String unit();

    Sense sense();

    /** The all-CPython configuration. */
    Trial baseline(Programs programs);

    /** The configurations with Java in them, compared with the baseline. */
    List<Trial> contenders(Programs programs);

    default String suite() {
        int dot = name().indexOf('.');
        return dot < 0 ? name() : name().substring(0, dot);
    }
}
