package multiprocessing4j.sharedmemory;

import static multiprocessing4j.sharedmemory.ShareableListLayout.*;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyEquality;
import multiprocessing4j.reduction.PyRepr;

/**
 * Python's {@code multiprocessing.shared_memory.ShareableList}: a fixed-length list of int, float,
 * bool, None, str and bytes in a {@link SharedMemory} segment, byte-compatible with CPython
 * 3.9–3.13 ({@link ShareableListLayout}), so CPython and Java processes read and write the same
 * list; lists in CPython 3.8's layout are attached to as well, and {@link #inPython38Layout}
 * makes one for a 3.8 peer. Values follow the project's value model: ints read back as Integer or Long by range,
 * floats as Double, bytes as {@link PyBytes} (a {@code byte[]} is taken as bytes too).
 *
 * <p>A fixed-size {@link List}: {@code get}, {@code set} and {@code size} work, adding or removing
 * throws {@link UnsupportedOperationException}; indices are Java's (no negative indices). As in
 * CPython, {@code set} of a str or bytes longer (encoded) than the item's allocation throws
 * {@link PyValueError}, and an int, float, bool or None fits any slot. The list does no locking.
 *
 * <p>A ShareableList captured by a {@code Process} target travels by name and re-attaches in the
 * child.
 */
public final class ShareableList extends AbstractList<Object> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;

    private final SharedMemory shm;
    private final ByteBuffer buf;
    private final int n;
    private final long[] offsets; // off[0..N], cached as CPython caches _allocated_offsets
    private final int shift;      // 0, or PY38_SHIFT for CPython 3.8's header, one word shorter

    /** Creates a list holding {@code sequence} in a new segment with a generated name. */
    public ShareableList(List<?> sequence) {
        this(sequence, null);
    }

    /**
     * Creates a list holding {@code sequence} in a new segment called {@code name} (generated when
     * null). Python's {@code ShareableList(sequence, name=name)}.
     *
     * @throws multiprocessing4j.PyTypeError for an item of an unsupported type
     */
    public ShareableList(List<?> sequence, String name) {
        this(sequence, name, false);
    }

    /**
     * Creates a list holding {@code sequence} in CPython 3.8's layout, which only CPython 3.8 (and
     * this class) reads: for a CPython 3.8 peer. See {@link ShareableListLayout}.
     *
     * @param name the segment's name, generated when null
     */
    public static ShareableList inPython38Layout(List<?> sequence, String name) {
        return new ShareableList(sequence, name, true);
    }

    private ShareableList(List<?> sequence, String name, boolean python38) {
        List<Object> items = new ArrayList<>(sequence.size());
        for (Object item : sequence) items.add(item(item));
        n = items.size();
        shift = python38 ? PY38_SHIFT : 0;
        offsets = new long[n + 1];
        String[] formats = new String[n];
        for (int i = 0; i < n; i++) {
            int alloc = allocation(items.get(i));
            offsets[i + 1] = offsets[i] + alloc;
            formats[i] = formatOf(items.get(i), alloc);
        }
        shm = new SharedMemory(name, true, totalSize(n, offsets[n]) - shift);
        buf = shm.buf();
        buf.putLong(countOffset(), n);
        if (python38) {
            for (int i = 0; i < n; i++) buf.putLong(allocatedOffsetAt(i), offsets[i + 1] - offsets[i]);
        } else {
            for (int i = 0; i <= n; i++) buf.putLong(allocatedOffsetAt(i), offsets[i]);
        }
        for (int i = 0; i < n; i++) write(i, items.get(i), formats[i], true);
    }

    /**
     * Attaches to the list in segment {@code name}: Python's {@code ShareableList(name=name)}.
     *
     * <p>A list in CPython 3.8's layout is recognised and read and written in that layout.
     *
     * @throws PyValueError when the segment is too short for its header or its header is inconsistent
     */
    public ShareableList(String name) {
        this(new SharedMemory(name));
    }

    private ShareableList(SharedMemory shm) {
        this.shm = shm;
        this.buf = shm.buf();
        int size = shm.size();
        if (size < 8) throw new PyValueError(shm.name() + " is too short for a ShareableList (" + size + " bytes)");
        long count = buf.getLong(countOffset());
        long word8 = size >= 16 ? buf.getLong(allocatedOffsetAt(0)) : 0;
        shift = isPython38(count, word8, size) ? PY38_SHIFT : 0;
        if (count < 0 || dataStart(0) - shift + 9 * count > size) {
            throw new PyValueError(shm.name() + " is not a ShareableList: length " + count + " in " + size + " bytes");
        }
        n = (int) count;
        offsets = new long[n + 1];
        if (shift == 0) {
            for (int i = 0; i <= n; i++) offsets[i] = buf.getLong(allocatedOffsetAt(i));
        } else { // 3.8 stores allocations: add them up
            for (int i = 0; i < n; i++) {
                long alloc = buf.getLong(allocatedOffsetAt(i));
                if (alloc < 0 || offsets[i] > size - alloc) { // cannot fit: refused just below
                    offsets[n] = -1;
                    break;
                }
                offsets[i + 1] = offsets[i] + alloc;
            }
        }
        if (offsets[n] < 0 || totalSize(n, offsets[n]) - shift > size) {
            throw new PyValueError(shm.name() + " is not a ShareableList: data area of " + offsets[n]
                    + " bytes does not fit in " + size + " bytes");
        }
    }

    /** The segment holding the list (Python's {@code sl.shm}). */
    public SharedMemory shm() {
        return shm;
    }

    @Override
    public int size() {
        return n;
    }

    /**
     * The item at {@code index}, decoded as CPython does.
     *
     * @throws PyValueError when a str item is not valid UTF-8 (CPython's UnicodeDecodeError, e.g.
     *     a non-ASCII str cut at creation inside a character)
     */
    @Override
    public Object get(int index) {
        Objects.checkIndex(index, n);
        String fmt = formatAt(index);
        int at = dataStart(n) - shift + (int) offsets[index];
        switch (codeAt(index)) {
            case CODE_NONE:
                return null;
            case CODE_STR:
                return decode(stripped(at, fmt));
            case CODE_BYTES:
                return PyBytes.of(stripped(at, fmt));
            case CODE_VALUE:
                switch (fmt) {
                    case FORMAT_INT: {
                        long v = buf.getLong(at);
                        return v == (int) v ? (Object) (int) v : (Object) v;
                    }
                    case FORMAT_FLOAT:
                        return buf.getDouble(at);
                    case FORMAT_BOOL:
                        return buf.get(at + 7) != 0;
                    default:
                        throw new PyValueError("unsupported ShareableList format '" + fmt + "' at " + index);
                }
            default:
                throw new PyValueError("unsupported ShareableList back-transform code at " + index);
        }
    }

    /**
     * Stores {@code value} at {@code index}, rewriting its format and code as CPython does.
     *
     * @return the previous item, or null when it was a str that does not decode (so such an item
     *     can still be overwritten)
     * @throws PyValueError when a str or bytes value does not fit the item's allocation
     */
    @Override
    public Object set(int index, Object value) {
        Objects.checkIndex(index, n);
        value = item(value);
        checkSupported(value);
        Object previous;
        try {
            previous = get(index);
        } catch (PyValueError undecodable) {
            previous = null;
        }
        String fmt;
        if (value instanceof String || value instanceof PyBytes) {
            int alloc = (int) (offsets[index + 1] - offsets[index]);
            if (encoded(value).length > alloc) throw new PyValueError("bytes/str item exceeds available storage");
            String current = formatAt(index);
            fmt = current.endsWith("s") ? current : alloc + "s";
        } else {
            fmt = formatOf(value, ALIGNMENT);
        }
        write(index, value, fmt, false);
        return previous;
    }

    /** How many items equal {@code value} under Python's {@code ==} (Python's {@code sl.count}): {@code 1 == 1.0 == True}. */
    public int count(Object value) {
        Object wanted = item(value);
        int c = 0;
        for (Object item : this) if (PyEquality.equal(item, wanted)) c++;
        return c;
    }

    /** The first index of an item equal to {@code value} under Python's {@code ==}, or -1. */
    @Override
    public int indexOf(Object value) {
        Object wanted = item(value);
        for (int i = 0; i < n; i++) if (PyEquality.equal(get(i), wanted)) return i;
        return -1;
    }

    /**
     * The first index of {@code value} (Python's {@code sl.index}).
     *
     * @throws PyValueError when it is absent ("x not in this container")
     */
    public int index(Object value) {
        int i = indexOf(value);
        if (i < 0) throw new PyValueError(PyRepr.repr(value) + " not in this container");
        return i;
    }

    /** The concatenated struct formats of all items (Python's {@code sl.format}). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(formatAt(i));
        return sb.toString();
    }

    /** Python's repr: {@code ShareableList([1, 'a'], name='psm_2296c246')}. */
    @Override
    public String toString() {
        return "ShareableList(" + PyRepr.repr(new ArrayList<>(this)) + ", name='" + shm.name() + "')";
    }

    /** Writes the value, then its format and code (CPython's order within one assignment). */
    private void write(int index, Object value, String fmt, boolean truncate) {
        int at = dataStart(n) - shift + (int) offsets[index];
        if (value == null || value instanceof Boolean) {
            buf.putLong(at, 0);
            if (value != null) buf.put(at + 7, (byte) ((Boolean) value ? 1 : 0));
        } else if (value instanceof Double d) {
            buf.putDouble(at, d);
        } else if (value instanceof String || value instanceof PyBytes) {
            int width = Integer.parseInt(fmt.substring(0, fmt.length() - 1));
            byte[] data = encoded(value);
            int length = truncate ? Math.min(data.length, width) : data.length;
            buf.put(at, data, 0, length);
            for (int i = length; i < width; i++) buf.put(at + i, (byte) 0);
        } else {
            buf.putLong(at, int64(value));
        }
        int f = formatsStart(n, offsets[n]) - shift + 8 * index;
        byte[] ascii = fmt.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 8; i++) buf.put(f + i, i < ascii.length ? ascii[i] : 0);
        buf.put(codesStart(n, offsets[n]) - shift + index, (byte) code(value));
    }

    private String formatAt(int index) {
        int f = formatsStart(n, offsets[n]) - shift + 8 * index;
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            byte b = buf.get(f + i);
            if (b == 0) break;
            sb.append((char) b);
        }
        return sb.toString();
    }

    private int codeAt(int index) {
        return buf.get(codesStart(n, offsets[n]) - shift + index);
    }

    /** The "<n>s" field at {@code at}, every trailing NUL stripped (CPython's {@code rstrip(b'\0')}). */
    private byte[] stripped(int at, String fmt) {
        int width = Integer.parseInt(fmt.substring(0, fmt.length() - 1));
        int end = width;
        while (end > 0 && buf.get(at + end - 1) == 0) end--;
        byte[] out = new byte[end];
        buf.get(at, out);
        return out;
    }

    private static String decode(byte[] utf8) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new PyValueError("'utf-8' codec can't decode a ShareableList str item: " + e.getMessage());
        }
    }

    private Object writeReplace() {
        return new Handle(shm.name());
    }

    /** A ShareableList on its way to a child: its segment's name; the child attaches. */
    private record Handle(String name) implements Serializable {
        private Object readResolve() {
            return new ShareableList(name);
        }
    }
}
