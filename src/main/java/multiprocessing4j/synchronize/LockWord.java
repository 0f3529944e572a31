package multiprocessing4j.synchronize;

import static multiprocessing4j.synchronize.SyncLayout.COUNT;
import static multiprocessing4j.synchronize.SyncLayout.HOLDER;
import static multiprocessing4j.synchronize.SyncLayout.STATE;
import static multiprocessing4j.synchronize.SyncLayout.TAKEOVERS;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The owned, robust mutex word under {@link Lock} and {@link RLock}: a lock area of
 * {@link SyncLayout} at {@code base} in a mapped segment. Taking it is a CAS of the state from 0
 * to this pid; a waiter that has spun long enough checks, every {@link #LIVENESS_CHECK_NANOS},
 * whether the holding process is dead and if so CASes the dead pid to its own (a robust mutex's
 * EOWNERDEAD). Memory ordering: see {@link SyncLayout}; the holder id is written with
 * {@code setOpaque} after the CAS and cleared before the {@code setRelease} that frees the state,
 * so a thread that does not hold the lock never reads its own id there.
 */
final class LockWord {
    static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    static final int PID = Math.toIntExact(ProcessHandle.current().pid());
    /** How often a waiter asks whether the holder still lives: the takeover latency's main term. */
    static final long LIVENESS_CHECK_NANOS = 2_000_000;

    /** What an acquire came to. */
    enum Outcome { FAILED, TAKEN, TAKEN_OVER }

    private final ByteBuffer buf;
    private final int base;

    LockWord(ByteBuffer buf, int base) {
        this.buf = buf;
        this.base = base;
    }

    /**
     * Takes the word for the calling thread (never recursively: a thread holding it waits like any
     * other), or takes it over from a dead holding process.
     *
     * @param timeout seconds, as {@link Backoff#start}; ignored when not blocking
     */
    Outcome acquire(boolean block, double timeout) {
        Backoff wait = null;
        long nextLivenessCheck = Long.MIN_VALUE;
        while (true) {
            int holder = (int) INT.getVolatile(buf, base + STATE);
            if (holder == 0) {
                if (INT.compareAndSet(buf, base + STATE, 0, PID)) return taken(Outcome.TAKEN);
                continue; // lost the race to another taker: look again at once
            }
            if (wait == null) wait = Backoff.start(block, timeout);
            if (holder != PID && wait.spun()) {
                long now = System.nanoTime();
                if (now - nextLivenessCheck >= 0 || nextLivenessCheck == Long.MIN_VALUE) {
                    nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
                    if (Liveness.dead(holder) && INT.compareAndSet(buf, base + STATE, holder, PID)) {
                        LONG.getAndAdd(buf, base + TAKEOVERS, 1L);
                        return taken(Outcome.TAKEN_OVER);
                    }
                }
            }
            if (!wait.pause()) return Outcome.FAILED;
        }
    }

    private Outcome taken(Outcome how) {
        LONG.setOpaque(buf, base + HOLDER, self());
        return how;
    }

    /** Whether the calling thread holds the word. */
    boolean isMine() {
        return (int) INT.getVolatile(buf, base + STATE) == PID && (long) LONG.getOpaque(buf, base + HOLDER) == self();
    }

    /** The holding pid, 0 when free. */
    int holderPid() {
        return (int) INT.getVolatile(buf, base + STATE);
    }

    /** Frees the word; the caller holds it. */
    void free() {
        LONG.setOpaque(buf, base + HOLDER, 0L);
        INT.setRelease(buf, base + STATE, 0);
    }

    /**
     * Frees the word whoever holds it (CPython's Lock may be released by any thread or process).
     *
     * @return false when it was free already
     */
    boolean freeAnyHolder() {
        while (true) {
            int holder = (int) INT.getVolatile(buf, base + STATE);
            if (holder == 0) return false;
            long holdingThread = (long) LONG.getOpaque(buf, base + HOLDER);
            // the holder id first, and only if still the one seen: a new holder's id stays intact
            LONG.compareAndSet(buf, base + HOLDER, holdingThread, 0L);
            if (INT.compareAndSet(buf, base + STATE, holder, 0)) return true;
        }
    }

    /** The recursion count (the holder's to read and write). */
    int count() {
        return buf.getInt(base + COUNT);
    }

    void count(int count) {
        buf.putInt(base + COUNT, count);
    }

    /** How many times, in this word's life, a process took it over from a dead holder. */
    long takeovers() {
        return (long) LONG.getVolatile(buf, base + TAKEOVERS);
    }

    /**
     * The calling thread's holder id: pid and thread id together, so a thread of this process never
     * mistakes a dead process's thread (whose id may equal its own) for itself.
     */
    static long self() {
        return ((long) PID << 32) | (Thread.currentThread().getId() & 0xffffffffL);
    }

    /** How CPython's reprs name the calling thread of this process: {@code MainProcess}, {@code MainProcess|Thread-1}. */
    static String currentOwnerName() {
        String process = multiprocessing4j.Multiprocessing.currentProcess().name();
        String thread = Thread.currentThread().getName();
        return thread.equals("main") ? process : process + "|" + thread;
    }
}
