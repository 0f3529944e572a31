package multiprocessing4j.managers;

import java.util.concurrent.atomic.AtomicInteger;
import multiprocessing4j.managers.hosted.Waits;

/**
 * One server's serving threads as far as the CPUs are concerned: how many are on a CPU now
 * (serving a request, or spinning for the next one) rather than blocked in a read, and so
 * whether one more may spin.
 *
 * <p>Why spin at all: a thread that blocks between requests goes to sleep and must be woken
 * when the next request arrives, and the client waits for that wake-up on every round trip;
 * when the client runs on another CPU the wake-up crosses CPUs, which on the 2-CPU virtual
 * machine this was measured on added some 15–25 µs to a 45–70 µs round trip. A thread that
 * keeps reading (non-blocking, yielding its CPU between reads) for a few tens of microseconds
 * after its reply finds the next request as it arrives. That only pays while each spinning
 * thread and its client have a CPU each: beside busy clients it would take CPU from them. So a
 * thread may spin only while at most half the CPUs hold serving threads; with one CPU, never.
 * A thread waiting inside a hosted method ({@code Queue.get}, a lock, a pool's result) is off
 * its CPU too: the hosted types say so through {@link Waits}.
 */
final class ServingThreads implements Waits.Observer {
    private final AtomicInteger onCpu = new AtomicInteger();
    private final int spinLimit;

    ServingThreads() {
        this(Runtime.getRuntime().availableProcessors() / 2);
    }

    /** @param spinLimit the most serving threads that may be on a CPU while one spins; 0: never spin */
    ServingThreads(int spinLimit) {
        this.spinLimit = spinLimit;
    }

    /** The calling thread is on a CPU: it starts serving, or a blocking read or a wait returned. */
    @Override
    public void running() {
        onCpu.incrementAndGet();
    }

    /** The calling thread is about to block in a read or wait in a hosted method, or stops serving. */
    @Override
    public void waiting() {
        onCpu.decrementAndGet();
    }

    /** Whether a thread counted as on a CPU may spin now. */
    boolean maySpin() {
        return spinLimit > 0 && onCpu.get() <= spinLimit;
    }
}
