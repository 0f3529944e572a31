package multiprocessing4j.synchronize;

import java.io.Serializable;

/**
 * What CPython's process-shared locks have in common (its {@code synchronize.SemLock} base):
 * {@code acquire}/{@code release}, usable by any process that holds the object, and travelling to
 * a {@code Process} child by name. It is what a {@code Value}'s or {@code Array}'s {@code lock=}
 * argument accepts, as CPython accepts any of its locks there.
 */
public interface SemLock extends Serializable {
    /**
     * CPython's {@code acquire()}: waits as long as it takes, so always returns true (as CPython's
     * {@code True}).
     */
    default boolean acquire() {
        return acquire(true, Double.POSITIVE_INFINITY);
    }

    /**
     * CPython's {@code acquire(block)}: when blocking, waits as long as it takes (true); when not,
     * takes it only if that needs no waiting.
     */
    default boolean acquire(boolean block) {
        return acquire(block, Double.POSITIVE_INFINITY);
    }

    /**
     * CPython's {@code acquire(block, timeout)}: whether the calling thread now holds it.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits forever (Python's
     *     {@code None}); a negative timeout counts as 0, as in CPython's {@code multiprocessing}
     *     (unlike {@code threading}, where -1 means forever); ignored when not blocking
     */
    boolean acquire(boolean block, double timeout);

    /** Releases one hold (the rules for who may release are the implementation's, as CPython's). */
    void release();

    /**
     * Python's {@code with lock:}, for try-with-resources: acquires (waiting as long as it takes)
     * and returns a {@link Held} whose {@code close()} releases once.
     * <pre>{@code
     * try (var held = lock.hold()) {
     *     counter.value(counter.value() + 1);
     * }
     * }</pre>
     */
    default Held hold() {
        acquire();
        return this::release;
    }

    /** One acquisition made by {@link #hold()}; {@code close()} releases it and throws nothing checked. */
    @FunctionalInterface
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
