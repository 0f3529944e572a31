package multiprocessing4j.synchronize;

import java.io.Serializable;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * A recursive lock shared between processes, as CPython's {@code multiprocessing.RLock}: owned by
 * one thread of one process at a time, re-acquirable by its owner, released as many times as
 * acquired, by its owner only. It lives in a lock area ({@link SyncLayout}): a {@code Value}'s or
 * {@code Array}'s own (their {@code getLock()}), a {@link Condition}'s, or a segment of its own
 * ({@link #RLock()}). Captured by a {@code Process} target it re-attaches in the child by name.
 *
 * <h2>Robustness</h2>
 * Going beyond CPython, which waits forever there: when the holding process has died, a waiting
 * acquirer takes the lock over within a few milliseconds, and {@link #ownerDied()} tells it so;
 * what the dead holder protected may be half-updated. See {@link LockWord} for how, and for the
 * memory ordering relied on (a CAS takes the state word, a release store frees it).
 */
public final class RLock implements SemLock {
    private static final long serialVersionUID = 1L;

    private final SharedMemory shm;
    private final int offset;
    private final transient LockWord word;
    private volatile boolean ownerDied;

    /** A new lock in a segment of its own. */
    public RLock() {
        this(Heap.allocate(SyncLayout.LOCK_SIZE), 0);
    }

    RLock(SharedMemory shm, int offset) {
        this.shm = shm;
        this.offset = offset;
        this.word = new LockWord(shm.buf(), offset);
    }

    /** The lock in the lock area at the start of {@code shm} (a {@code Value}'s or {@code Array}'s segment). */
    public static RLock in(SharedMemory shm) {
        return new RLock(shm, 0);
    }

    /**
     * CPython's {@code acquire(block, timeout)}: returns whether the lock is now held by the
     * calling thread. Re-acquiring a lock the thread holds succeeds at once.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits forever; negative counts as
     *     0 (CPython's rule); ignored when not blocking
     */
    @Override
    public boolean acquire(boolean block, double timeout) {
        if (word.isMine()) {
            word.count(word.count() + 1);
            return true;
        }
        LockWord.Outcome outcome = word.acquire(block, timeout);
        if (outcome == LockWord.Outcome.FAILED) return false;
        word.count(1);
        boolean takenOver = outcome == LockWord.Outcome.TAKEN_OVER;
        if (ownerDied != takenOver) ownerDied = takenOver; // a volatile write is a fence: only when it changes
        return true;
    }

    /**
     * Releases one level of the calling thread's hold; the last frees the lock.
     *
     * @throws AssertionError "attempt to release recursive lock not owned by thread" when the
     *     calling thread does not hold it, as CPython's
     */
    @Override
    public void release() {
        if (!word.isMine()) throw new AssertionError("attempt to release recursive lock not owned by thread");
        int count = word.count() - 1;
        word.count(count);
        if (count == 0) word.free();
    }

    /** Whether the calling thread holds the lock (CPython's {@code _is_mine()}). */
    boolean isMine() {
        return word.isMine();
    }

    /** Frees the calling thread's whole hold for a {@link Condition} wait; returns its depth. */
    int releaseAll() {
        int depth = word.count();
        word.free();
        return depth;
    }

    /** Takes the lock back at {@code depth} after a {@link Condition} wait. */
    void restoreAll(int depth) {
        acquire();
        word.count(depth);
    }

    /**
     * Whether the calling thread's hold began by taking the lock over from a process that died
     * holding it (a robust mutex's EOWNERDEAD). Reset by the next first-level acquire.
     */
    public boolean ownerDied() {
        return ownerDied;
    }

    /** How many times, in this lock's life, a process took it over from a dead holder. */
    public long takeovers() {
        return word.takeovers();
    }

    /** The segment holding this lock. */
    public SharedMemory shm() {
        return shm;
    }

    /**
     * As CPython's: {@code <RLock(MainProcess, 1)>}, {@code <RLock(MainProcess|Thread-1, 2)>},
     * {@code <RLock(SomeOtherThread, nonzero)>}, {@code <RLock(SomeOtherProcess, nonzero)>} or
     * {@code <RLock(None, 0)>}.
     */
    @Override
    public String toString() {
        int holder = word.holderPid();
        if (holder == 0) return "<RLock(None, 0)>";
        if (word.isMine()) return "<RLock(" + LockWord.currentOwnerName() + ", " + word.count() + ")>";
        return "<RLock(" + (holder == LockWord.PID ? "SomeOtherThread" : "SomeOtherProcess") + ", nonzero)>";
    }

    private Object writeReplace() {
        return new Handle(shm.name(), offset);
    }

    /** A lock on its way to a child: its segment's name and its offset there. */
    private record Handle(String name, int offset) implements Serializable {
        private Object readResolve() {
            return new RLock(new SharedMemory(name), offset);
        }
    }
}
