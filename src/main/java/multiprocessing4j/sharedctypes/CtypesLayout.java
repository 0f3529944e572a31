package multiprocessing4j.sharedctypes;

/**
 * The layout of a {@code Value}'s or {@code Array}'s segment ({@code /dev/shm/pym-<pid>-<hex>}):
 * a 32-byte lock area, then the data. Native byte order; the segment is page-aligned, so every
 * field below is aligned to its size (which the VarHandle atomics require).
 *
 * <pre>
 *  0        4        8                 16                24                32
 * +--------+--------+-----------------+-----------------+-----------------+---------------------------+
 * | state  | count  | holder thread   | takeovers       | reserved (0)    | data: length values of    |
 * | int32  | int32  | id (int64)      | (int64)         |                 | the typecode's size,      |
 * |        |        |                 |                 |                 | packed, native order      |
 * +--------+--------+-----------------+-----------------+-----------------+---------------------------+
 *
 *  state      0 = free; otherwise the pid of the process holding the lock (CAS 0 → pid to take it,
 *             CAS deadPid → pid to take it over from a dead holder, store-release 0 to free it)
 *  count      recursion depth; read and written by the holder only
 *  holder     the holder's pid &lt;&lt; 32 | its thread id, 0 while free; written by the holder after taking the state,
 *             cleared before freeing it
 *  takeovers  how many times a process took the lock from a dead holder
 * </pre>
 *
 * A segment made with {@code lock=false} (or with a lock of its own) keeps the lock area unused,
 * so one layout serves all. The data is not CPython's: sharedctypes memory is anonymous in CPython
 * and reachable only by its file descriptor (docs/cpython-wire-protocol.md §7), so no foreign
 * process shares it; {@code shared_memory} is the cross-language route.
 */
public final class CtypesLayout {
    /** Offset of the lock state (int32). */
    public static final int STATE = 0;
    /** Offset of the recursion count (int32). */
    public static final int COUNT = 4;
    /** Offset of the holder's thread id (int64). */
    public static final int HOLDER_THREAD = 8;
    /** Offset of the number of takeovers from dead holders (int64). */
    public static final int TAKEOVERS = 16;
    /** Size of the lock area; the data starts here. */
    public static final int LOCK_SIZE = 32;

    private CtypesLayout() {}

    /** The segment size for {@code length} values of {@code type}. */
    public static int segmentSize(Typecode type, int length) {
        return Math.addExact(LOCK_SIZE, Math.multiplyExact(type.size(), length));
    }

    /** Where value {@code index} starts. */
    public static int dataOffset(Typecode type, int index) {
        return LOCK_SIZE + type.size() * index;
    }
}
