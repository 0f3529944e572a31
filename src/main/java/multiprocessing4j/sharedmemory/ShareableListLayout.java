package multiprocessing4j.sharedmemory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.reduction.PyBytes;

/**
 * The byte layout of a {@link ShareableList}, CPython 3.9–3.13's exactly (docs/cpython-wire-protocol.md
 * §6.2). All integers are native-order int64 (little-endian on x86-64); N items; {@code off[]} are
 * offsets inside the data area, {@code off[i+1] - off[i]} being item i's allocation.
 *
 * <pre>
 *  0                   8                            D = 8(N+2)          F = D + off[N]     F + 8N
 * +-------------------+----------------------------+-------------------+------------------+---------+
 * | N          (int64)| off[0]=0 .. off[N] (int64) | item data         | formats          | codes   |
 * |                   | N+1 cumulative offsets     | item i at D+off[i]| 8 bytes per item | 1 byte  |
 * |                   |                            |                   | ASCII, NUL-padded| per item|
 * +-------------------+----------------------------+-------------------+------------------+---------+
 *  total = 8 + 8(N+1) + off[N] + 9N                (an empty list is 16 bytes)
 *
 *  item     allocation            format      data                         code
 *  int      8                     "q"         int64                        0
 *  float    8                     "d"         IEEE-754 binary64            0
 *  bool     8                     "xxxxxxx?"  7 zero bytes, 0x00 or 0x01   0
 *  None     8                     "xxxxxx?x"  8 zero bytes                 3
 *  str      8*(chars/8 + 1)       "&lt;n&gt;s"        UTF-8, NUL-padded to n      1
 *  bytes    8*(len/8 + 1)         "&lt;n&gt;s"        raw, NUL-padded to n        2
 * </pre>
 *
 * A str's allocation counts <em>characters</em> (Python's {@code len}, code points), not UTF-8
 * bytes, and its creation-time value is silently truncated to the allocation, as CPython's
 * {@code struct.pack "<n>s"} does. Reading strips every trailing NUL.
 *
 * <p>CPython 3.8 wrote a different header, one word shorter, so every later field is
 * {@link #PY38_SHIFT} bytes earlier:
 * <pre>
 *  0                   8                            D = 8(N+1)          F = D + sum(alloc)  F + 8N
 * +-------------------+----------------------------+-------------------+-------------------+---------+
 * | N          (int64)| alloc[0] .. alloc[N-1]     | item data         | formats           | codes   |
 * |                   | N allocations (int64)      | as above          | as above          |         |
 * +-------------------+----------------------------+-------------------+-------------------+---------+
 *  total = 8 + 8N + sum(alloc) + 9N                (an empty list is 8 bytes)
 * </pre>
 * The two are told apart by the word at offset 8: {@code off[0]} is always 0, {@code alloc[0]}
 * at least 8; and by the 8-byte empty list ({@link #isPython38}). CPython 3.8 and 3.9+ cannot
 * read each other's lists; this port reads and writes both.
 */
final class ShareableListLayout {
    static final int ALIGNMENT = 8;
    /** How much earlier than 3.9's every field after the header is in CPython 3.8's layout. */
    static final int PY38_SHIFT = 8;
    static final int CODE_VALUE = 0;
    static final int CODE_STR = 1;
    static final int CODE_BYTES = 2;
    static final int CODE_NONE = 3;
    static final String FORMAT_INT = "q";
    static final String FORMAT_FLOAT = "d";
    static final String FORMAT_BOOL = "xxxxxxx?";
    static final String FORMAT_NONE = "xxxxxx?x";
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ShareableListLayout() {}

    /** Offset of N. */
    static int countOffset() {
        return 0;
    }

    /** Offset of {@code off[i]}, 0 ≤ i ≤ N. */
    static int allocatedOffsetAt(int i) {
        return 8 + 8 * i;
    }

    /** D: where the data area starts. */
    static int dataStart(int n) {
        return 8 * (n + 2);
    }

    /** F: where the formats start, given {@code off[N]}, the data area's length. */
    static int formatsStart(int n, long dataLength) {
        return Math.toIntExact(dataStart(n) + dataLength);
    }

    /** Where the back-transform codes start. */
    static int codesStart(int n, long dataLength) {
        return formatsStart(n, dataLength) + 8 * n;
    }

    /** The segment size for N items whose data area is {@code dataLength} bytes. */
    static int totalSize(int n, long dataLength) {
        return codesStart(n, dataLength) + n;
    }

    /**
     * Whether a header looks like CPython 3.8's: a non-empty list whose first header word after N
     * is not {@code off[0] = 0} (3.8 stores item 0's allocation there, at least 8), or a segment of
     * 8 bytes (3.8's empty list).
     */
    static boolean isPython38(long n, long word8, int segmentSize) {
        return segmentSize == 8 || (n > 0 && word8 != 0);
    }

    /** Item's allocation: 8, or for str/bytes {@code 8*(len/8 + 1)}, len in characters for str. */
    static int allocation(Object item) {
        if (item instanceof String s) return ALIGNMENT * (s.codePointCount(0, s.length()) / ALIGNMENT + 1);
        if (item instanceof PyBytes b) return ALIGNMENT * (b.length() / ALIGNMENT + 1);
        checkSupported(item);
        return ALIGNMENT;
    }

    /** The struct format CPython stores for {@code item} in a slot of {@code allocation} bytes. */
    static String formatOf(Object item, int allocation) {
        if (item == null) return FORMAT_NONE;
        if (item instanceof Boolean) return FORMAT_BOOL;
        if (item instanceof Double) return FORMAT_FLOAT;
        if (item instanceof String || item instanceof PyBytes) return allocation + "s";
        checkSupported(item);
        return FORMAT_INT;
    }

    /** The back-transform code for {@code item}. */
    static int code(Object item) {
        if (item == null) return CODE_NONE;
        if (item instanceof String) return CODE_STR;
        if (item instanceof PyBytes) return CODE_BYTES;
        return CODE_VALUE;
    }

    /** The bytes a str/bytes item is stored as (before NUL padding). */
    static byte[] encoded(Object item) {
        return item instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : ((PyBytes) item).toByteArray();
    }

    /** The item as stored: a Java {@code byte[]} is Python bytes ({@link PyBytes}, a copy); anything else as it is. */
    static Object item(Object value) {
        return value instanceof byte[] bytes ? PyBytes.of(bytes) : value;
    }

    /**
     * Refuses what CPython refuses ({@code KeyError(<class>)} there): anything but None, Boolean,
     * Integer, Long, a BigInteger within int64 (CPython's {@code struct.error} beyond), Double,
     * String and {@link PyBytes}.
     */
    static void checkSupported(Object item) {
        if (item == null || item instanceof Boolean || item instanceof Integer || item instanceof Long
                || item instanceof Double || item instanceof String || item instanceof PyBytes) {
            return;
        }
        if (item instanceof BigInteger b) {
            if (b.compareTo(MIN) < 0 || b.compareTo(MAX) > 0) {
                throw new PyTypeError("int too large for a ShareableList item ('q' format): " + b);
            }
            return;
        }
        throw new PyTypeError("a ShareableList holds int, float, bool, None, str and bytes, not "
                + item.getClass().getName());
    }

    /** The int64 stored for an int item. */
    static long int64(Object item) {
        return ((Number) item).longValue();
    }
}
