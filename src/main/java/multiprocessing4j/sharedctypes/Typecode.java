package multiprocessing4j.sharedctypes;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTypes;

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
 *
 * <p>Wherever a typecode is accepted, so is a ctypes type's name, as CPython accepts the type
 * itself ({@code Value(ctypes.c_size_t, 5)}): the names above, and ctypes' aliases on x86-64 Linux,
 * which are the same types there ({@code c_size_t is c_ulong}, so its repr says {@code c_ulong}):
 * {@code c_longlong c_ulonglong c_ssize_t c_int8 c_uint8 c_int16 c_uint16 c_int32 c_uint32 c_int64 c_uint64 c_time_t}.
 * Types with no Java value here ({@code c_longdouble}, the pointer types) are refused.
 */
public enum Typecode {
    c("c_char", 1), u("c_wchar", 4), b("c_byte", 1), B("c_ubyte", 1), h("c_short", 2), H("c_ushort", 2),
    i("c_int", 4), I("c_uint", 4), l("c_long", 8), L("c_ulong", 8), q("c_long", 8), Q("c_ulong", 8),
    f("c_float", 4), d("c_double", 8), BOOL("c_bool", 1);

    private static final java.util.Map<String, Typecode> BY_NAME = byName();

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
        Typecode t = code == null ? null : BY_NAME.get(code);
        if (t == null) throw new PyTypeError("unknown sharedctypes typecode or ctypes type: " + PyRepr.repr(code));
        return t;
    }

    private static java.util.Map<String, Typecode> byName() {
        java.util.Map<String, Typecode> m = new java.util.HashMap<>();
        for (Typecode t : values()) {
            m.put(t == BOOL ? "?" : t.name(), t);
            m.putIfAbsent(t.ctype, t);
        }
        // ctypes' aliases on x86-64 Linux: the same type objects, so the same Typecode
        m.put("c_longlong", q);  // c_longlong is c_long where both are 8 bytes, so q's repr says c_long
        m.put("c_ulonglong", Q);
        m.put("c_size_t", L);
        m.put("c_ssize_t", l);
        m.put("c_time_t", l);
        m.put("c_int8", b);
        m.put("c_uint8", B);
        m.put("c_int16", h);
        m.put("c_uint16", H);
        m.put("c_int32", i);
        m.put("c_uint32", I);
        m.put("c_int64", l);
        m.put("c_uint64", L);
        return java.util.Map.copyOf(m);
    }

    /** The ctypes name, e.g. {@code c_double}. */
    public String ctype() {
        return ctype;
    }

    /**
     * The Java primitive array type whose elements have this type's width, for bulk copies of
     * the raw bits: {@code byte[]} for {@code c b B ?}, {@code short[]} for {@code h H},
     * {@code int[]} for {@code i I u}, {@code long[]} for {@code l L q Q}, {@code float[]} for
     * {@code f}, {@code double[]} for {@code d}.
     */
    public Class<?> primitiveArray() {
        switch (this) {
            case c: case b: case B: case BOOL: return byte[].class;
            case h: case H: return short[].class;
            case i: case I: case u: return int[].class;
            case f: return float[].class;
            case d: return double[].class;
            default: return long[].class;
        }
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
            case c: buf.put(offset, oneByte(value)); return;
            case u: buf.putInt(offset, oneCodePoint(value)); return;
            case f: buf.putFloat(offset, (float) real(value)); return;
            case d: buf.putDouble(offset, real(value)); return;
            case BOOL: buf.put(offset, (byte) (PyTypes.truth(value) ? 1 : 0)); return; // c_bool stores bool(x)
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

    /**
     * ctypes' {@code c_char}: a one-byte bytes or bytearray, or an int 0..255 ({@code bool}
     * included); a Java {@code Byte} is taken as the C char it is, {@code (byte) 0xff} as 255.
     */
    private static byte oneByte(Object value) {
        if (value instanceof PyBytes p && p.length() == 1) return (byte) p.get(0);
        if (value instanceof byte[] bytearray && bytearray.length == 1) return bytearray[0];
        if (value instanceof Byte b) return b;
        if (value instanceof Boolean z) return (byte) (z ? 1 : 0);
        if (value instanceof BigInteger big) {
            if (big.signum() >= 0 && big.bitLength() <= 8) return (byte) big.intValue();
        } else if (value instanceof Number n && PyTypes.isInt(n) && n.longValue() >= 0 && n.longValue() <= 255) {
            return (byte) n.longValue();
        }
        throw new PyTypeError("one character bytes, bytearray or integer expected");
    }

    /** ctypes' {@code c_wchar}: a one-code-point str (or a Java {@code char} that is one). */
    private static int oneCodePoint(Object value) {
        if (value instanceof Character ch && !Character.isSurrogate(ch)) return ch;
        if (!(value instanceof String s)) {
            throw new PyTypeError("unicode string expected instead of " + PyTypes.name(value) + " instance");
        }
        if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) throw new PyTypeError("one character unicode string expected");
        return s.codePointAt(0);
    }

    /** ctypes' integer types: an int or bool, wrapped to 64 bits here and to the type's width by the caller. */
    private static long integer(Object value) {
        if (value instanceof BigInteger big) return big.longValue(); // the low 64 bits: ctypes wraps
        if (value instanceof Number n && PyTypes.isInt(n)) return n.longValue();
        if (value instanceof Boolean z) return z ? 1 : 0;            // Python's bool is an int
        throw new PyTypeError("'" + PyTypes.name(value) + "' object cannot be interpreted as an integer");
    }

    /** ctypes' {@code c_float} and {@code c_double}: any real number, {@code bool} and {@code Decimal} included. */
    private static double real(Object value) {
        if (value instanceof Boolean z) return z ? 1 : 0;
        if (value instanceof Number n) return n.doubleValue();
        throw new PyTypeError("must be real number, not " + PyTypes.name(value));
    }
}
