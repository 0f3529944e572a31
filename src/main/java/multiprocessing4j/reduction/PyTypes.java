package multiprocessing4j.reduction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's types of the value model's objects, for the messages that name them as CPython does
 * ({@code 'str' object cannot be interpreted as an integer}), and Python's truth of them.
 */
public final class PyTypes {
    private PyTypes() {}

    /** Whether {@code n} is one of the value model's {@code int} forms ({@code bool} is not one here). */
    public static boolean isInt(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short || n instanceof Byte;
    }

    /**
     * Python's {@code bool(v)}: false for None, False, a zero of any number type, and an empty
     * str, bytes, bytearray, tuple, list, set or dict; true for anything else.
     */
    public static boolean truth(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof BigInteger big) return big.signum() != 0;
        if (v instanceof BigDecimal d) return d.signum() != 0;
        if (v instanceof Number n) return n.doubleValue() != 0; // exact for the other int forms too
        if (v instanceof PyComplex c) return c.real() != 0 || c.imag() != 0;
        if (v instanceof CharSequence s) return s.length() != 0;
        if (v instanceof PyBytes b) return b.length() != 0;
        if (v instanceof byte[] bytearray) return bytearray.length != 0;
        if (v instanceof PyTuple t) return !t.isEmpty();
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** Python's {@code type(v).__name__}; a Java class outside the value model gives its simple name. */
    public static String name(Object v) {
        if (v == null) return "NoneType";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Number n && isInt(n)) return "int";
        if (v instanceof Double || v instanceof Float) return "float";
        if (v instanceof BigDecimal) return "decimal.Decimal";
        if (v instanceof PyComplex) return "complex";
        if (v instanceof String) return "str";
        if (v instanceof PyBytes) return "bytes";
        if (v instanceof byte[]) return "bytearray";
        if (v instanceof PyTuple) return "tuple";
        if (v instanceof List<?>) return "list";
        if (v instanceof Map<?, ?>) return "dict";
        if (v instanceof PyFrozenSet) return "frozenset";
        if (v instanceof Set<?>) return "set";
        if (v instanceof PyObject o) return o.name();
        return v.getClass().getSimpleName();
    }
}
