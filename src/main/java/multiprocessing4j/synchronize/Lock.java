package multiprocessing4j.synchronize;

import java.io.Serializable;
import multiprocessing4j.PyValueError;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * A non-recursive lock shared between processes, as CPython's {@code multiprocessing.Lock} (a
 * semaphore of one): a thread that holds it and acquires again waits like any other, and any
 * thread of any process may release it; releasing it while free raises {@link PyValueError}.
 * It lives in a lock area ({@link SyncLayout}), its own segment's or an {@link Event}'s, and
 * travels to a {@code Process} child by name.
 *
 * <h2>Robustness</h2>
 * Going beyond CPython, which waits forever there: when the process that took it has died, a
 * waiting acquirer takes it over within a few milliseconds, and {@link #ownerDied()} tells it so.
 * A lock used as a signal (taken by one process, released by another) is therefore freed when its
 * taker dies before the release. Memory ordering: see {@link LockWord} and {@link SyncLayout}.
 */
public final class Lock implements SemLock {
    private static final long serialVersionUID = 1L;

    private final SharedMemory shm;
    private final int offset;
    private final transient LockWord word;
    private volatile boolean ownerDied;

    /** A new, free lock in a segment of its own. */
    public Lock() {
        this(Heap.allocate(SyncLayout.LOCK_SIZE), 0);
    }

    Lock(SharedMemory shm, int offset) {
        this.shm = shm;
        this.offset = offset;
        this.word = new LockWord(shm.buf(), offset);
    }

    /**
     * CPython's {@code acquire(block, timeout)}: whether the calling thread now holds the lock.
     *
     * @param timeout seconds; {@link Double#POSITIVE_INFINITY} waits forever; negative counts as
     *     0 (CPython's rule); ignored when not blocking
     */
    @Override
    public boolean acquire(boolean block, double timeout) {
        LockWord.Outcome outcome = word.acquire(block, timeout);
        if (outcome == LockWord.Outcome.FAILED) return false;
        word.count(1);
        boolean takenOver = outcome == LockWord.Outcome.TAKEN_OVER;
        if (ownerDied != takenOver) ownerDied = takenOver; // a volatile write is a fence: only when it changes
        return true;
    }

    /**
     * Frees the lock, whoever holds it.
     *
     * @throws PyValueError "semaphore or lock released too many times" when it is free
     */
    @Override
    public void release() {
        if (word.isMine()) {
            word.free(); // the common case: plain release stores instead of two CASes
            return;
        }
        if (!word.freeAnyHolder()) throw new PyValueError("semaphore or lock released too many times");
    }

    /** Whether the calling thread holds the lock (CPython's {@code _is_mine()}). */
    boolean isMine() {
        return word.isMine();
    }

    /**
     * Whether the calling thread's hold began by taking the lock over from a process that died
     * holding it (a robust mutex's EOWNERDEAD). Reset by the next acquire.
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
     * As CPython's: {@code <Lock(owner=None)>}, {@code <Lock(owner=MainProcess)>},
     * {@code <Lock(owner=MainProcess|Thread-1)>}, {@code <Lock(owner=SomeOtherThread)>} or
     * {@code <Lock(owner=SomeOtherProcess)>}.
     */
    @Override
    public String toString() {
        int holder = word.holderPid();
        String owner = holder == 0 ? "None"
                : word.isMine() ? LockWord.currentOwnerName()
                : holder == LockWord.PID ? "SomeOtherThread" : "SomeOtherProcess";
        return "<Lock(owner=" + owner + ")>";
    }

    private Object writeReplace() {
        return new Handle(shm.name(), offset);
    }

    /** A lock on its way to a child: its segment's name and its offset there. */
    private record Handle(String name, int offset) implements Serializable {
        private Object readResolve() {
            return new Lock(new SharedMemory(name), offset);
        }
    }
}
