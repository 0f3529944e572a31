package multiprocessing4j.reduction;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * The allow-listed globals of the value model: the reduce forms CPython uses for values that have
 * no opcode of their own at some protocol (sets, frozensets, bytes and bytearray before protocol 3
 * or 5, complex, Decimal, the datetime family) plus {@code builtins.getattr} on a global (how
 * protocols below 4 name {@code ZoneInfo._unpickle}) and the Java-only envelope. Each constructor
 * accepts the exact argument shapes CPython writes and keeps anything else as a {@link PyObject}.
 */
final class BuiltinGlobals {
    static final PyGlobal SET = new PyGlobal("builtins", "set");
    static final PyGlobal FROZENSET = new PyGlobal("builtins", "frozenset");
    static final PyGlobal BYTEARRAY = new PyGlobal("builtins", "bytearray");
    static final PyGlobal BYTES = new PyGlobal("builtins", "bytes");
    static final PyGlobal LIST = new PyGlobal("builtins", "list");
    static final PyGlobal GETATTR = new PyGlobal("builtins", "getattr");
    static final PyGlobal CODECS_ENCODE = new PyGlobal("_codecs", "encode");
    static final PyGlobal COMPLEX = new PyGlobal("builtins", "complex");
    static final PyGlobal DECIMAL = new PyGlobal("decimal", "Decimal");

    private BuiltinGlobals() {}

    static void registerAll(Map<PyGlobal, PyConstructor> registry) {
        registry.put(SET, (g, a) -> a.isEmpty() ? new ReprSet() : new ReprSet(iterable(g, a)));
        registry.put(FROZENSET, (g, a) -> a.isEmpty() ? PyFrozenSet.of() : PyFrozenSet.copyOf(iterable(g, a)));
        registry.put(LIST, (g, a) -> a.isEmpty() ? new ReprList() : new ReprList(iterable(g, a)));
        registry.put(BYTEARRAY, BuiltinGlobals::bytearray);
        registry.put(BYTES, BuiltinGlobals::bytes);
        registry.put(CODECS_ENCODE, BuiltinGlobals::codecsEncode);
        registry.put(GETATTR, BuiltinGlobals::getattr);
        registry.put(COMPLEX, BuiltinGlobals::complex);
        registry.put(DECIMAL, BuiltinGlobals::decimal);
        registry.put(DateTimes.DATE, DateTimes::date);
        registry.put(DateTimes.TIME, DateTimes::time);
        registry.put(DateTimes.DATETIME, DateTimes::datetime);
        registry.put(DateTimes.TIMEDELTA, DateTimes::timedelta);
        registry.put(DateTimes.TIMEZONE, DateTimes::timezone);
        registry.put(DateTimes.ZONEINFO, DateTimes::zoneInfo);
        registry.put(JavaObjectEnvelope.GLOBAL, (g, a) -> {
            if (a.size() == 1 && a.get(0) instanceof PyBytes b) return JavaObjectEnvelope.ofSerialized(b);
            throw new UnpicklingError("malformed Java object envelope: " + a.size() + " arguments");
        });
    }

    private static Collection<?> iterable(PyGlobal g, PyTuple a) {
        if (a.size() == 1 && a.get(0) instanceof Collection<?> c) return c;
        throw badArgs(g, a);
    }

    private static Object bytearray(PyGlobal g, PyTuple a) {
        if (a.isEmpty()) return new byte[0];
        if (a.size() == 1 && a.get(0) instanceof PyBytes b) return b.toByteArray();
        if (a.size() == 2 && a.get(0) instanceof String s && isLatin1(a.get(1))) return latin1(s);
        throw badArgs(g, a);
    }

    private static Object bytes(PyGlobal g, PyTuple a) {
        if (a.isEmpty()) return PyBytes.of();
        if (a.size() == 1 && a.get(0) instanceof PyBytes b) return b;
        throw badArgs(g, a);
    }

    /** {@code _codecs.encode(text, 'latin1')}: how protocols 0–2 spell {@code bytes}. */
    private static Object codecsEncode(PyGlobal g, PyTuple a) {
        if (a.size() == 2 && a.get(0) instanceof String s && isLatin1(a.get(1))) return PyBytes.adopt(latin1(s));
        throw badArgs(g, a);
    }

    private static boolean isLatin1(Object encoding) {
        return "latin1".equals(encoding) || "latin-1".equals(encoding);
    }

    private static byte[] latin1(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c > 0xff) throw new UnpicklingError("latin-1 cannot encode U+" + Integer.toHexString(c));
            out[i] = (byte) c;
        }
        return out;
    }

    /** {@code getattr(SomeClass, 'attr')} names a nested global; on anything else it stays data. */
    private static Object getattr(PyGlobal g, PyTuple a) {
        if (a.size() == 2 && a.get(0) instanceof PyGlobal owner && a.get(1) instanceof String attr) {
            return new PyGlobal(owner.module(), owner.name() + "." + attr);
        }
        return PyObject.reduce(g, a);
    }

    private static Object complex(PyGlobal g, PyTuple a) {
        if (a.size() == 2 && a.get(0) instanceof Double re && a.get(1) instanceof Double im) {
            return new PyComplex(re, im);
        }
        throw badArgs(g, a);
    }

    /**
     * {@code Decimal(text)}: a BigDecimal when it holds the value exactly (same digits and exponent,
     * so {@code str()} round-trips), else a {@link PyDecimal} with the text.
     */
    private static Object decimal(PyGlobal g, PyTuple a) {
        if (a.size() != 1 || !(a.get(0) instanceof String text)) throw badArgs(g, a);
        BigDecimal d = parseDecimal(text);
        return d != null ? d : PyDecimal.of(text);
    }

    private static BigDecimal parseDecimal(String text) {
        if (text.isEmpty() || text.length() > PickleReader.MAX_TEXT_DIGITS || text.charAt(0) == '-' && isZero(text)) return null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'E' || c == 'e' || c == '+' || c == '-')) return null;
        }
        try {
            BigDecimal d = new BigDecimal(text);
            return d.toString().equals(text) ? d : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean isZero(String text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'E' || c == 'e') break;
            if (c >= '1' && c <= '9') return false;
        }
        return true;
    }

    private static UnpicklingError badArgs(PyGlobal g, PyTuple a) {
        return new UnpicklingError("unexpected arguments for " + g.qualifiedName() + ": " + a.size() + " of them");
    }
}
