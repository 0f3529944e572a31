package multiprocessing4j.reduction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Python's {@code bytes}: an immutable byte string with value equality, usable as a map key.
 * ({@code byte[]} stands for Python's mutable, unhashable {@code bytearray}.)
 *
 * <p>Equality, hashing and ordering are by content; ordering is unsigned and lexicographic, as
 * Python compares bytes.
 *
 * <p>The content is a range of an array that nothing else writes: usually an array of its own, or
 * (for large values read from a received frame) a view of that frame, which its receiver handed
 * over ({@link ForkingPickler#loadsOwned}).
 */
public final class PyBytes implements Comparable<PyBytes> {
    private static final PyBytes EMPTY = new PyBytes(new byte[0], 0, 0);

    private final byte[] data;
    private final int offset;
    private final int length;
    private int hash;

    private PyBytes(byte[] data, int offset, int length) {
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code data}. */
    public static PyBytes of(byte... data) {
        return data.length == 0 ? EMPTY : new PyBytes(data.clone(), 0, data.length);
    }

    /** A copy of {@code length} bytes of {@code data} from {@code offset}. */
    public static PyBytes of(byte[] data, int offset, int length) {
        return length == 0 ? EMPTY : new PyBytes(Arrays.copyOfRange(data, offset, offset + length), 0, length);
    }

    /** The bytes of {@code text} in ASCII; fails on non-ASCII text, as Python's {@code b'...'}. */
    public static PyBytes ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) throw new IllegalArgumentException("bytes can only contain ASCII literal characters");
        }
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return new PyBytes(b, 0, b.length);
    }

    /** Takes ownership of {@code data} without copying; for codecs that built a fresh array. */
    static PyBytes adopt(byte[] data) {
        return data.length == 0 ? EMPTY : new PyBytes(data, 0, data.length);
    }

    /** A view of a range of {@code data}, which nothing may write afterwards; for codecs. */
    static PyBytes view(byte[] data, int offset, int length) {
        return length == 0 ? EMPTY : new PyBytes(data, offset, length);
    }

    /** The array holding the content, from {@link #offset()}; for codecs in this package that only read it. */
    byte[] array() {
        return data;
    }

    /** Where the content starts in {@link #array()}. */
    int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** The byte at {@code index} as 0–255 (Python's {@code b[i]}); negative indices count from the end. */
    public int get(int index) {
        int i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) throw new IndexOutOfBoundsException("index out of range: " + index);
        return data[offset + i] & 0xff;
    }

    /**
     * Copies {@code length} bytes of the content from {@code from} into {@code dst} at
     * {@code index}, as {@link ByteBuffer#put(int, byte[], int, int)} does: for writers into
     * shared memory, which then need no copy of their own.
     */
    public void copyTo(int from, ByteBuffer dst, int index, int length) {
        Objects.checkFromIndexSize(from, length, this.length);
        dst.put(index, data, offset + from, length);
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof PyBytes b
                && Arrays.equals(data, offset, offset + length, b.data, b.offset, b.offset + b.length));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && length > 0) {
            h = 1;
            for (int i = offset; i < offset + length; i++) h = 31 * h + data[i];
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(PyBytes o) {
        return Arrays.compareUnsigned(data, offset, offset + length, o.data, o.offset, o.offset + o.length);
    }

    /** Python's {@code repr}, e.g. {@code b'ab\x00'}. */
    @Override
    public String toString() {
        return PyRepr.repr(this);
    }
}
