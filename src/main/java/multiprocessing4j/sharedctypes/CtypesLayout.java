package multiprocessing4j.sharedctypes;

/**
 * The layout of a {@code Value}'s or {@code Array}'s segment ({@code /dev/shm/pym-<pid>-<hex>}):
 * a 32-byte lock area, then the data. Native byte order; the segment is page-aligned, so every
 * field below is aligned to its size (which the VarHandle atomics require).
 *
 * <pre>
 *  0                                32
 * +--------------------------------+---------------------------+
 * | lock area: state, count,       | data: length values of    |
 * | holder, takeovers (32 bytes,   | the typecode's size,      |
 * | see synchronize.SyncLayout)    | packed, native order      |
 * +--------------------------------+---------------------------+
 * </pre>
 *
 * The lock area's words are {@code multiprocessing4j.synchronize.SyncLayout}'s lock area, where
 * every process-shared lock word is described. A segment made with {@code lock=false} (or with a
 * lock of its own) keeps the lock area unused, so one layout serves all. The data is not
 * CPython's: sharedctypes memory is anonymous in CPython and reachable only by its file descriptor
 * (docs/cpython-wire-protocol.md §7), so no foreign process shares it; {@code shared_memory} is
 * the cross-language route.
 */
public final class CtypesLayout {
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
