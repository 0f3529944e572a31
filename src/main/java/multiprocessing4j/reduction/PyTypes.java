package multiprocessing4j.reduction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's types of the value model's objects, for the messages that name them as CPython does
 * ({@code 'str' object cannot be interpreted as an integer}).
 */
public final class PyTypes {
    private PyTypes() {}

    /** Whether {@code n} is one of the value model's {@code int} forms ({@code bool} is not one here). */
    public static boolean isInt(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short || n instanceof Byte;
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
