package multiprocessing4j.queues;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits for another process to change shared memory, which it cannot be signalled
 * about: a short spin, then parking for a delay that doubles from 1 µs up to {@link #MAX_PARK_NANOS}.
 * A waiter so notices a change within about a microsecond while the other side is busy, and costs
 * about a thousand wake-ups a second when it is idle. One instance per wait.
 */
final class Backoff {
    /** The longest a waiter sleeps between two looks; bounds the latency after a quiet spell. */
    static final long MAX_PARK_NANOS = 1_000_000;
    private static final int SPINS = 200;

    private final long deadline;
    private int spins;
    private long park = 1_000;

    /** A wait that ends at {@code deadline} ({@link System#nanoTime()} scale; {@link Long#MAX_VALUE} for never). */
    Backoff(long deadline) {
        this.deadline = deadline;
    }

    /**
     * The deadline {@code timeout} seconds from now, as CPython reads a timeout: infinite or NaN
     * (Python's {@code None}) means never, a negative one means now.
     */
    static long deadline(double timeout) {
        if (Double.isNaN(timeout) || Double.isInfinite(timeout)) return Long.MAX_VALUE;
        long nanos = (long) Math.min(Math.max(timeout, 0) * 1e9, Long.MAX_VALUE / 4.0);
        return System.nanoTime() + nanos;
    }

    /** Waits a little; returns false (without waiting) once the deadline has passed. */
    boolean pause() {
        if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) return false;
        if (spins < SPINS) {
            spins++;
            Thread.onSpinWait();
            return true;
        }
        long left = deadline == Long.MAX_VALUE ? park : Math.min(park, deadline - System.nanoTime());
        if (left > 0) LockSupport.parkNanos(left);
        park = Math.min(park * 2, MAX_PARK_NANOS);
        return true;
    }
}
