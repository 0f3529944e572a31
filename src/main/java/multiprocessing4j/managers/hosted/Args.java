package multiprocessing4j.managers.hosted;

import java.math.BigInteger;
import java.util.Map;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyEquality;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * Binds a call's positional and keyword arguments to a Python signature, raising the
 * {@code TypeError} CPython raises for a wrong call.
 */
final class Args {
    /** The default of a parameter that has none. */
    static final Object REQUIRED = new Object();

    private Args() {}

    /**
     * The arguments of {@code function(name0=default0, name1=default1, ...)}.
     *
     * @param signature parameter names alternating with their defaults ({@link #REQUIRED} for none)
     */
    static Object[] bind(String function, PyTuple args, Map<String, Object> kwds, Object... signature) {
        int n = signature.length / 2;
        if (args.size() > n) {
            throw new PyTypeError(function + "() takes at most " + n + " argument" + (n == 1 ? "" : "s") + " ("
                    + args.size() + " given)");
        }
        Object[] bound = new Object[n];
        for (int i = 0; i < n; i++) {
            String name = (String) signature[2 * i];
            boolean positional = i < args.size();
            if (positional && kwds.containsKey(name)) {
                throw new PyTypeError(function + "() got multiple values for argument '" + name + "'");
            }
            Object value = positional ? args.get(i) : kwds.getOrDefault(name, signature[2 * i + 1]);
            if (value == REQUIRED) throw new PyTypeError(function + "() missing required argument '" + name + "'");
            bound[i] = value;
        }
        for (String k : kwds.keySet()) {
            boolean known = false;
            for (int i = 0; i < n; i++) known |= signature[2 * i].equals(k);
            if (!known) throw new PyTypeError(function + "() got an unexpected keyword argument '" + k + "'");
        }
        return bound;
    }

    /** No arguments at all. */
    static void none(String function, PyTuple args, Map<String, Object> kwds) {
        bind(function, args, kwds);
    }

    /** An {@code int} argument (bools are ints in Python). */
    static BigInteger integer(Object v) {
        if (v instanceof Number n && PyTypes.isInt(n)) return PyEquality.bigInteger(n);
        if (v instanceof Boolean b) return b ? BigInteger.ONE : BigInteger.ZERO;
        throw new PyTypeError("'" + PyTypes.name(v) + "' object cannot be interpreted as an integer");
    }

    /** An index argument clamped into Java's int range (Python's Py_ssize_t clamping for indices). */
    static int index(Object v) {
        BigInteger i = integer(v);
        if (i.bitLength() > 31) return i.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        return i.intValue();
    }

    /**
     * A timeout in seconds, or null for "wait for ever"; CPython's
     * {@code ValueError("'timeout' must be a non-negative number")} for a negative one.
     */
    static Double timeout(Object v) {
        if (v == null) return null;
        if (!(v instanceof Number n) || v instanceof Boolean) {
            throw new PyTypeError("'" + PyTypes.name(v) + "' object cannot be interpreted as a number");
        }
        double t = n.doubleValue();
        if (t < 0) throw new PyValueError("'timeout' must be a non-negative number");
        return t;
    }

    /** Nanoseconds for a timeout in seconds, saturating. */
    static long nanos(double seconds) {
        return seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : (long) (seconds * 1e9);
    }
}
