package multiprocessing4j.sharedctypes;

import java.nio.ByteBuffer;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyRepr;

/**
 * The typecodes of {@code multiprocessing.sharedctypes}, with their ctypes names, CPython's sizes
 * on x86-64 Linux and its range behaviour: an integer that does not fit is wrapped to the type's
 * width, as ctypes does ({@code Value('b', 200).value == -56}); a float for an integer type is a
 * {@link PyTypeError}.
 *
 * <p>Java types of the values: {@code b B h H i} Integer; {@code I l L q Q} Long ({@code L} and
 * {@code Q} hold the 64 bits, so values of 2<sup>63</sup> and above read as negative Longs; their
 * {@link #repr} is CPython's unsigned number); {@code f} Float; {@code d} Double; {@code c} a
 * one-byte {@link PyBytes}; {@code u} a one-code-point String (UTF-32, 4 bytes); {@code ?}
 * Boolean. {@code '?'} ({@code c_bool}) is a convenience of this port: CPython's table lacks it and
 * wants {@code ctypes.c_bool}.
 */
public enum Typecode {
    c("c_char", 1), u("c_wchar", 4), b("c_byte", 1), B("c_ubyte", 1), h("c_short", 2), H("c_ushort", 2),
    i("c_int", 4), I("c_uint", 4), l("c_long", 8), L("c_ulong", 8), q("c_longlong", 8), Q("c_ulonglong", 8),
    f("c_float", 4), d("c_double", 8), BOOL("c_bool", 1);

    private final String ctype;
    private final int size;

    Typecode(String ctype, int size) {
        this.ctype = ctype;
        this.size = size;
    }

    /**
     * The typecode called {@code code}.
     *
     * @throws PyTypeError for an unknown one (CPython's KeyError through {@code typecode_to_type})
     */
    public static Typecode of(String code) {
        if ("?".equals(code)) return BOOL;
        for (Typecode t : values()) {
            if (t != BOOL && t.name().equals(code)) return t;
        }
        throw new PyTypeError("unknown sharedctypes typecode: " + PyRepr.repr(code));
    }

    /** The ctypes name, e.g. {@code c_double}. */
    public String ctype() {
        return ctype;
    }

    /** The size in bytes of one value. */
    public int size() {
        return size;
    }

    /** The value at {@code offset} of {@code buf} (native byte order). */
    public Object read(ByteBuffer buf, int offset) {
        switch (this) {
            case c: return PyBytes.of(buf.get(offset));
            case u: return new String(Character.toChars(buf.getInt(offset)));
            case b: return (int) buf.get(offset);
            case B: return buf.get(offset) & 0xff;
            case h: return (int) buf.getShort(offset);
            case H: return buf.getShort(offset) & 0xffff;
            case i: return buf.getInt(offset);
            case I: return buf.getInt(offset) & 0xffffffffL;
            case l: case L: case q: case Q: return buf.getLong(offset);
            case f: return buf.getFloat(offset);
            case d: return buf.getDouble(offset);
            default: return buf.get(offset) != 0;
        }
    }

    /** Stores {@code value} at {@code offset} of {@code buf}, wrapping integers as ctypes does. */
    public void write(ByteBuffer buf, int offset, Object value) {
        switch (this) {
            case c: {
                if (!(value instanceof PyBytes p) || p.length() != 1) {
                    throw new PyTypeError("one character bytes expected, not " + PyRepr.repr(value));
                }
                buf.put(offset, (byte) p.get(0));
                return;
            }
            case u: {
                if (!(value instanceof String s) || s.codePointCount(0, s.length()) != 1) {
                    throw new PyTypeError("one character unicode string expected, not " + PyRepr.repr(value));
                }
                buf.putInt(offset, s.codePointAt(0));
                return;
            }
            case f: buf.putFloat(offset, (float) real(value)); return;
            case d: buf.putDouble(offset, real(value)); return;
            case BOOL: {
                if (!(value instanceof Boolean z)) throw new PyTypeError("bool expected, not " + PyRepr.repr(value));
                buf.put(offset, (byte) (z ? 1 : 0));
                return;
            }
            default:
        }
        long v = integer(value);
        switch (size) {
            case 1: buf.put(offset, (byte) v); return;
            case 2: buf.putShort(offset, (short) v); return;
            case 4: buf.putInt(offset, (int) v); return;
            default: buf.putLong(offset, v);
        }
    }

    /** CPython's repr of a value of this type, e.g. {@code c_double(3.1415927)}. */
    public String repr(Object value) {
        String v;
        if (this == L || this == Q) v = Long.toUnsignedString((Long) value);
        else if (this == f) v = PyRepr.repr((double) (Float) value);
        else v = PyRepr.repr(value);
        return ctype + "(" + v + ")";
    }

    /** The value as Python prints it inside a list: unsigned for {@code L}/{@code Q}, a float as a double. */
    public String reprItem(Object value) {
        if (this == L || this == Q) return Long.toUnsignedString((Long) value);
        if (this == f) return PyRepr.repr((double) (Float) value);
        return PyRepr.repr(value);
    }

    private static long integer(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger big) return big.longValue(); // the low 64 bits: ctypes wraps
        if (value instanceof Boolean z) return z ? 1 : 0;                        // Python's bool is an int
        if (value instanceof Double || value instanceof Float) {
            throw new PyTypeError("'float' object cannot be interpreted as an integer");
        }
        throw new PyTypeError("int expected instead of " + (value == null ? "None" : value.getClass().getSimpleName()));
    }

    private static double real(Object value) {
        if (value instanceof Number n) return n.doubleValue();
        throw new PyTypeError("must be real number, not " + (value == null ? "NoneType" : value.getClass().getSimpleName()));
    }
}
