package multiprocessing4j.synchronize;

import static multiprocessing4j.sharedctypes.CtypesLayout.COUNT;
import static multiprocessing4j.sharedctypes.CtypesLayout.HOLDER_THREAD;
import static multiprocessing4j.sharedctypes.CtypesLayout.LOCK_SIZE;
import static multiprocessing4j.sharedctypes.CtypesLayout.STATE;
import static multiprocessing4j.sharedctypes.CtypesLayout.TAKEOVERS;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;
import multiprocessing4j.PyRuntimeError;
import multiprocessing4j.sharedctypes.CtypesLayout;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * A recursive lock shared between processes, as CPython's {@code multiprocessing.RLock}: owned by
 * one thread of one process at a time, re-acquirable by its owner, released as many times as
 * acquired. It lives in the lock area of a segment ({@link CtypesLayout}): a {@code Value}'s or
 * {@code Array}'s own (their {@code getLock()}), or a 32-byte segment of its own
 * ({@link #RLock()}). Captured by a {@code Process} target it re-attaches in the child by name.
 *
 * <h2>Robustness</h2>
 * Going beyond CPython, which waits forever there: when the holding process has died (its pid is
 * no longer alive by {@link ProcessHandle}), a waiting acquirer takes the lock over, and
 * {@link #ownerDied()} tells it so; what the dead holder protected may be half-updated. A
 * recycled pid (the holder died and an unrelated process got its pid) is not detected.
 *
 * <h2>Memory ordering</h2>
 * Taking the lock is a {@code compareAndSet} of the state word (volatile semantics: at least an
 * acquire), freeing it a {@code setRelease} of the state to 0, so everything the holder wrote
 * before releasing is visible to the next holder after its CAS succeeds, in any process mapping
 * the segment (on x86-64 the CAS is a {@code lock cmpxchg}, the release a plain store, both on
 * the shared physical page). The holder's thread id is written with {@code setOpaque} after the
 * CAS and cleared with {@code setOpaque} before the release store, so a thread that does not hold
 * the lock never reads its own id there; the count is touched by the holder only. Waiters spin
 * ({@link Thread#onSpinWait()}) a little, then park with a delay doubling from 1 µs to 1 ms,
 * checking the holder's liveness while parked.
 */
public final class RLock implements SemLock {
    private static final long serialVersionUID = 1L;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int PID = Math.toIntExact(ProcessHandle.current().pid());
    private static final int SPINS = 100;
    private static final long MAX_PARK_NANOS = 1_000_000;

    private final SharedMemory shm;
    private final ByteBuffer buf;
    private volatile boolean ownerDied;

    /** A new lock in a segment of its own. */
    public RLock() {
        this(Heap.allocate(LOCK_SIZE));
    }

    private RLock(SharedMemory shm) {
        this.shm = shm;
        this.buf = shm.buf();
    }

    /** The lock in the lock area of {@code shm}, a segment laid out as {@link CtypesLayout} says. */
    public static RLock in(SharedMemory shm) {
        return new RLock(shm);
    }

    /** Acquires the lock, waiting as long as it takes; as {@code acquire(true, -1)}. */
    @Override
    public void acquire() {
        acquire(true, -1);
    }

    /**
     * CPython's {@code acquire(block, timeout)}: returns whether the lock is now held by the
     * calling thread.
     *
     * @param timeout seconds; negative waits forever; ignored when not blocking
     */
    @Override
    public boolean acquire(boolean block, double timeout) {
        long me = self();
        if ((int) INT.getVolatile(buf, STATE) == PID && (long) LONG.getOpaque(buf, HOLDER_THREAD) == me) {
            buf.putInt(COUNT, buf.getInt(COUNT) + 1);
            return true;
        }
        long deadline = timeout < 0 || !block ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
        long park = 1_000;
        for (int attempt = 0; ; attempt++) {
            int holder = (int) INT.getVolatile(buf, STATE);
            if (holder == 0 && INT.compareAndSet(buf, STATE, 0, PID)) {
                return taken(me, false);
            }
            if (holder != 0 && holder != PID && (attempt >= SPINS || !block) && !alive(holder)
                    && INT.compareAndSet(buf, STATE, holder, PID)) {
                LONG.getAndAdd(buf, TAKEOVERS, 1L);
                return taken(me, true);
            }
            if (!block || System.nanoTime() >= deadline) return false;
            if (attempt < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(Math.min(park, deadline - System.nanoTime()));
                park = Math.min(park * 2, MAX_PARK_NANOS);
            }
        }
    }

    private boolean taken(long me, boolean fromDeadHolder) {
        LONG.setOpaque(buf, HOLDER_THREAD, me);
        buf.putInt(COUNT, 1);
        ownerDied = fromDeadHolder;
        return true;
    }

    /**
     * The calling thread's holder id: pid and thread id together, so a thread of this process never
     * mistakes a dead process's thread (whose id may equal its own) for itself.
     */
    private static long self() {
        return ((long) PID << 32) | (Thread.currentThread().getId() & 0xffffffffL);
    }

    private static boolean alive(int pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Releases one level of the calling thread's hold; the last frees the lock.
     *
     * @throws PyRuntimeError when the calling thread does not hold it (CPython raises
     *     AssertionError, "attempt to release recursive lock not owned by thread")
     */
    @Override
    public void release() {
        if ((int) INT.getVolatile(buf, STATE) != PID || (long) LONG.getOpaque(buf, HOLDER_THREAD) != self()) {
            throw new PyRuntimeError("attempt to release recursive lock not owned by thread");
        }
        int count = buf.getInt(COUNT) - 1;
        buf.putInt(COUNT, count);
        if (count == 0) {
            LONG.setOpaque(buf, HOLDER_THREAD, 0L);
            INT.setRelease(buf, STATE, 0);
        }
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
        return (long) LONG.getVolatile(buf, TAKEOVERS);
    }

    /** The segment holding this lock. */
    public SharedMemory shm() {
        return shm;
    }

    /** As CPython's: {@code <RLock(MainProcess|Thread-1, 1)>}, {@code <RLock(SomeOtherProcess, 1)>} or {@code <RLock(None, 0)>}. */
    @Override
    public String toString() {
        int holder = (int) INT.getVolatile(buf, STATE);
        if (holder == 0) return "<RLock(None, 0)>";
        String who = holder == PID ? multiprocessing4j.Multiprocessing.currentProcess().name() + "|"
                + Thread.currentThread().getName() : "SomeOtherProcess";
        if (holder == PID && (long) LONG.getOpaque(buf, HOLDER_THREAD) != self()) {
            who = "SomeOtherThread";
        }
        return "<RLock(" + who + ", " + buf.getInt(COUNT) + ")>";
    }

    private Object writeReplace() {
        return new Handle(shm.name());
    }

    /** A lock on its way to a child: its segment's name. */
    private record Handle(String name) implements Serializable {
        private Object readResolve() {
            return new RLock(new SharedMemory(name));
        }
    }
}
