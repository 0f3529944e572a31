package multiprocessing4j.reduction;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Python's {@code bytes}: an immutable byte string with value equality, usable as a map key.
 * ({@code byte[]} stands for Python's mutable, unhashable {@code bytearray}.)
 *
 * <p>Equality, hashing and ordering are by content; ordering is unsigned and lexicographic, as
 * Python compares bytes.
 */
public final class PyBytes implements Comparable<PyBytes> {
    private static final PyBytes EMPTY = new PyBytes(new byte[0]);

    private final byte[] data;
    private int hash;

    private PyBytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static PyBytes of(byte... data) {
        return data.length == 0 ? EMPTY : new PyBytes(data.clone());
    }

    /** A copy of {@code length} bytes of {@code data} from {@code offset}. */
    public static PyBytes of(byte[] data, int offset, int length) {
        return length == 0 ? EMPTY : new PyBytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** The bytes of {@code text} in ASCII; fails on non-ASCII text, as Python's {@code b'...'}. */
    public static PyBytes ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) throw new IllegalArgumentException("bytes can only contain ASCII literal characters");
        }
        return new PyBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Takes ownership of {@code data} without copying; for codecs that built a fresh array. */
    static PyBytes adopt(byte[] data) {
        return data.length == 0 ? EMPTY : new PyBytes(data);
    }

    /** The array itself, for codecs in this package that only read it. */
    byte[] array() {
        return data;
    }

    public int length() {
        return data.length;
    }

    /** The byte at {@code index} as 0–255 (Python's {@code b[i]}); negative indices count from the end. */
    public int get(int index) {
        int i = index < 0 ? index + data.length : index;
        if (i < 0 || i >= data.length) throw new IndexOutOfBoundsException("index out of range: " + index);
        return data[i] & 0xff;
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof PyBytes b && Arrays.equals(data, b.data));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && data.length > 0) hash = h = Arrays.hashCode(data);
        return h;
    }

    @Override
    public int compareTo(PyBytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    /** Python's {@code repr}, e.g. {@code b'ab\x00'}. */
    @Override
    public String toString() {
        return PyRepr.repr(this);
    }
}
