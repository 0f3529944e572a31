package multiprocessing4j.synchronize;

import multiprocessing4j.sharedctypes.CtypesLayout;

/**
 * Every word the process-shared primitives keep in shared memory, in one place. Each primitive
 * lives in an <em>area</em> of a named segment ({@code /dev/shm/pym-<pid>-<hex>}, from
 * {@link multiprocessing4j.sharedctypes.Heap}) starting at an offset that is a multiple of 8;
 * native byte order; every field is aligned to its size, as the {@code VarHandle} atomics require.
 *
 * <h2>Lock area (32 bytes): {@link Lock}, {@link RLock}</h2>
 * Also the first 32 bytes of every {@code Value}/{@code Array} segment ({@link CtypesLayout#LOCK_SIZE}).
 * <pre>
 *  +0       +4       +8                +16               +24               +32
 * +--------+--------+-----------------+-----------------+-----------------+
 * | state  | count  | holder          | takeovers       | reserved (0)    |
 * | int32  | int32  | int64           | int64           |                 |
 * +--------+--------+-----------------+-----------------+-----------------+
 *  state      0 = free; otherwise the pid of the holding process. CAS 0 → pid takes it, CAS
 *             deadPid → pid takes it over from a dead holder, a release store of 0 frees it
 *  count      RLock's recursion depth (1 for a held Lock); written by the holder only
 *  holder     pid &lt;&lt; 32 | thread id of the holding thread, 0 while free; written (opaque) by
 *             the holder after taking the state, cleared before freeing it
 *  takeovers  how many times a process took the lock from a dead holder (atomic add)
 * </pre>
 *
 * <h2>Semaphore area (8 bytes): {@link Semaphore}, {@link BoundedSemaphore}</h2>
 * <pre>
 *  +0       +4       +8
 * +--------+--------+
 * | value  | max    |
 * | int32  | int32  |
 * +--------+--------+
 *  value  the count; CAS value → value-1 (only when &gt; 0) to acquire, CAS value → value+1 (only
 *         when &lt; max) to release
 *  max    written once at creation: the BoundedSemaphore's bound, Integer.MAX_VALUE for a
 *         Semaphore (Linux's SEM_VALUE_MAX)
 * </pre>
 *
 * <h2>Condition area (2080 bytes): {@link Condition}</h2>
 * <pre>
 *  +0                   +32                      +40           +32 + 8 × SLOTS
 * +--------------------+------------------------+-- ... ------+
 * | lock area          | waiter slot 0          | slots 1..   |
 * | (the condition's   | int64                  |             |
 * |  own lock, if any) |                        |             |
 * +--------------------+------------------------+-- ... ------+
 *  lock area  used when the condition made its lock (Condition(), Event, Barrier); a given lock
 *             lives in its own segment and this area stays 0
 *  slot       0 = free; pid &lt;&lt; 32 | WAITING or pid &lt;&lt; 32 | NOTIFIED. A waiter claims a free slot
 *             (CAS 0 → WAITING) while it holds the lock; notify CASes WAITING → NOTIFIED (and
 *             frees the slots of dead waiters); the waiter frees its slot when it wakes, or
 *             CASes WAITING → 0 when its wait times out (a failed CAS means it was notified)
 * </pre>
 *
 * <h2>Event area (2088 bytes): {@link Event}; Barrier area (2088 bytes): {@link Barrier}</h2>
 * <pre>
 *  +0                                 +2080             +2084             +2088
 * +----------------------------------+-----------------+-----------------+
 * | condition area                   | Event: flag     | Event: 0        |
 * | (own Lock for an Event,          | Barrier: state  | Barrier: count  |
 * |  own RLock for a Barrier)        | int32           | int32           |
 * +----------------------------------+-----------------+-----------------+
 *  flag   1 = set; read and written with the condition's lock held
 *  state  threading.Barrier's _state: 0 filling, 1 draining, -1 resetting, -2 broken (lock held)
 *  count  threading.Barrier's _count: parties inside wait() (lock held)
 * </pre>
 *
 * <h2>Memory ordering</h2>
 * Every word another process reads is accessed through {@code VarHandle}s on the mapped buffer.
 * Taking a lock and changing a semaphore or a slot are {@code compareAndSet}s (volatile: full
 * fences on x86-64, {@code lock cmpxchg}); freeing a lock is a {@code setRelease} of its state and
 * freeing a slot a {@code setRelease} of it, so what a holder wrote before releasing is visible to
 * whoever takes the word next. Words guarded by a lock (count, flag, state, count) are read and
 * written plainly, their visibility carried by the lock's acquire/release pair.
 */
public final class SyncLayout {
    /** Lock area: the state word (int32). */
    public static final int STATE = 0;
    /** Lock area: the recursion count (int32). */
    public static final int COUNT = 4;
    /** Lock area: the holding thread, pid &lt;&lt; 32 | thread id (int64). */
    public static final int HOLDER = 8;
    /** Lock area: takeovers from dead holders (int64). */
    public static final int TAKEOVERS = 16;
    /** Size of the lock area. */
    public static final int LOCK_SIZE = 32;

    /** Semaphore area: the value (int32). */
    public static final int SEM_VALUE = 0;
    /** Semaphore area: the bound (int32). */
    public static final int SEM_MAX = 4;
    /** Size of the semaphore area. */
    public static final int SEMAPHORE_SIZE = 8;

    /** Condition area: its own lock's area. */
    public static final int COND_LOCK = 0;
    /** Condition area: the first waiter slot (int64 each). */
    public static final int COND_SLOTS = LOCK_SIZE;
    /** How many threads, over all processes, can wait on one condition at once. */
    public static final int SLOTS = 256;
    /** Slot state: claimed by a waiter that has not been notified. */
    public static final long WAITING = 1;
    /** Slot state: its waiter was notified and has not yet woken. */
    public static final long NOTIFIED = 2;
    /** Size of the condition area. */
    public static final int CONDITION_SIZE = COND_SLOTS + 8 * SLOTS;

    /** Event area: the flag (int32), after the condition area. */
    public static final int EVENT_FLAG = CONDITION_SIZE;
    /** Barrier area: the state (int32), after the condition area. */
    public static final int BARRIER_STATE = CONDITION_SIZE;
    /** Barrier area: the count (int32). */
    public static final int BARRIER_COUNT = CONDITION_SIZE + 4;
    /** Size of the event and of the barrier area. */
    public static final int EVENT_SIZE = CONDITION_SIZE + 8;
    /** Size of the barrier area. */
    public static final int BARRIER_SIZE = CONDITION_SIZE + 8;

    static {
        if (LOCK_SIZE != CtypesLayout.LOCK_SIZE) throw new AssertionError("a Value's lock area is a lock area");
    }

    private SyncLayout() {}
}
