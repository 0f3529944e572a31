package multiprocessing4j.synchronize;

import java.util.concurrent.locks.LockSupport;

/**
 * How every primitive here, and the queues, wait for a word in shared memory to change, there
 * being no futex on the JVM: spin briefly (a holder in another process usually lets go within
 * microseconds), then yield, then park with a delay doubling up to {@link #MAX_PARK_NANOS}, so a
 * long wait costs about a thousand cheap polls a second. While spinning, the pause between two
 * polls doubles (1, 2, 4… {@link Thread#onSpinWait()}s): every poll pulls the word's cache line
 * away from the holder, which writes that line on each acquire and release, so polling less often
 * lets a busy holder run at its uncontended speed (measured: {@code synchronize.locked-increments}
 * in the bench harness). A queue's waits ({@link #until}) spin longer and never yield: the
 * counterpart is a whole process (a producer pickling, a consumer unpickling) that usually
 * answers within a few microseconds, and on a loaded machine a yield gives up the waiter's turn
 * without the prompt rescheduling a parked thread gets when it wakes (with the two yields, one
 * {@code queue.queue-rtt} run at load 10 had a median round trip of 2.9 ms against 0.2 ms
 * without). One instance per wait; not thread-safe.
 */
public final class Backoff {
    /**
     * Polls with {@link Thread#onSpinWait()} pauses before yielding; the last pause is 2^(SPINS-1)
     * long, about 63 pauses (a few µs) in all. Tuned on {@code synchronize.locked-increments} at a
     * load of ~18 on 2 cores, medians of six runs each: 10 spin levels + 20 yields gave 5.7M ops/s,
     * 14 + 20 4.1M, 6 + 2 6.2M, 0 + 0 6.2M: with more threads than cores, a spinning waiter burns
     * the time its holder needs; a short spin keeps quick hand-offs on an idle machine.
     */
    static final int SPINS = 6;
    /** Polls with {@link Thread#yield()} before parking. */
    static final int YIELDS = 2;
    /** A queue wait's spin levels: about 255 pauses, as many as the queues' own earlier back-off spun. */
    static final int QUEUE_SPINS = 8;
    /** The longest park between two polls: the worst wake-up latency of a long wait. */
    static final long MAX_PARK_NANOS = 1_000_000;

    private final long deadline; // System.nanoTime(); Long.MAX_VALUE for none
    private final boolean block;
    private final long maxPark;
    private final int spins;
    private final int yields;
    private int polls;
    private long park = 1_000;

    private Backoff(boolean block, long deadline) {
        this(block, deadline, SPINS, YIELDS, MAX_PARK_NANOS);
    }

    private Backoff(boolean block, long deadline, int spins, int yields, long maxPark) {
        this.block = block;
        this.deadline = deadline;
        this.spins = spins;
        this.yields = yields;
        this.maxPark = maxPark;
    }

    /**
     * A queue's wait until {@code deadline} ({@link System#nanoTime()} scale; {@link Long#MAX_VALUE}
     * for never): {@value #QUEUE_SPINS} spin levels, no yield, then parking up to 1 ms.
     */
    public static Backoff until(long deadline) {
        return until(deadline, MAX_PARK_NANOS);
    }

    /**
     * As {@link #until(long)}, never parking longer than {@code maxParkNanos} between two polls:
     * for a waiter whose counterpart is busy and must not run dry before it looks again (a queue's
     * producer waiting for room while a consumer drains the ring).
     */
    public static Backoff until(long deadline, long maxParkNanos) {
        return new Backoff(true, deadline, QUEUE_SPINS, 0, maxParkNanos);
    }

    /**
     * A wait as CPython's {@code acquire(block, timeout)} asks for.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits forever (Python's
     *     {@code None}); a negative one counts as 0, as CPython's {@code SemLock.acquire} reads it;
     *     ignored when not blocking
     */
    public static Backoff start(boolean block, double timeout) {
        if (!block) return new Backoff(false, Long.MIN_VALUE);
        return new Backoff(true, deadline(timeout));
    }

    /**
     * The deadline {@code timeout} seconds from now, on {@link System#nanoTime()}'s scale, as
     * CPython reads a timeout: {@link Double#POSITIVE_INFINITY} (Python's {@code None}) is never
     * ({@link Long#MAX_VALUE}); a negative one (or NaN) is now.
     */
    public static long deadline(double timeout) {
        return timeout == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : System.nanoTime() + nanos(timeout);
    }

    /**
     * {@code timeout} seconds as a span to add to {@link System#nanoTime()}: negative counts as 0,
     * and a span too long to add without overflow is capped (at about 146 years).
     */
    static long nanos(double timeout) {
        if (timeout <= 0) return 0; // CPython's rule: a negative timeout is 0, never "forever"
        return timeout >= Long.MAX_VALUE / 2e9 ? Long.MAX_VALUE / 2 : (long) (timeout * 1e9);
    }

    /** Whether the wait has moved past spinning (then it is worth checking for dead holders). */
    boolean spun() {
        return !block || polls >= spins;
    }

    /**
     * Pauses before the next poll.
     *
     * @return false, without pausing, when the wait is over (non-blocking, or the deadline passed)
     */
    public boolean pause() {
        if (!block) return false;
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) return false;
        int n = polls++;
        if (n < spins) {
            for (int i = 1 << n; i > 0; i--) Thread.onSpinWait();
        } else if (n < spins + yields) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(park, left));
            park = Math.min(park * 2, maxPark);
        }
        return true;
    }
}
