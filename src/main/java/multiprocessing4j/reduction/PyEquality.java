package multiprocessing4j.reduction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import multiprocessing4j.PyTypeError;

/**
 * Python's {@code ==}, {@code hash} and {@code <} over the pickle layer's value model, for the
 * containers a Java manager hosts and for {@code ShareableList}'s {@code count} and
 * {@code index}: {@code 1 == 1.0 == True == Decimal(1)}, with equal hashes, and tuples and lists
 * compared item by item the same way.
 */
public final class PyEquality {
    private static final Object ABSENT = new Object();

    private PyEquality() {}

    /** Python's {@code a == b}. */
    public static boolean equal(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) == 0;
        if (a instanceof PyTuple x && b instanceof PyTuple y) return sequencesEqual(x.asList(), y.asList());
        if (a instanceof List<?> x && b instanceof List<?> y) return sequencesEqual(x, y);
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) return false;
            Map<Key, Object> byKey = new HashMap<>();
            x.forEach((k, v) -> byKey.put(new Key(k), v));
            for (Map.Entry<?, ?> e : y.entrySet()) {
                Object v = byKey.getOrDefault(new Key(e.getKey()), ABSENT); // one lookup: None is a value
                if (v == ABSENT || !equal(v, e.getValue())) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    /** Python's {@code hash(v)}, consistent with {@link #equal}; a {@code TypeError} for unhashable values. */
    public static int hash(Object v) {
        if (v == null) return 0;
        if (v instanceof PyComplex c) { // equal to a real number only when its imaginary part is 0 (or -0)
            return c.imag() == 0 ? hash(c.real()) : 31 * hash(c.real()) + Double.hashCode(c.imag());
        }
        if (isNumber(v)) {
            BigDecimal d = decimal(v);
            if (d == null) return Double.hashCode(((Number) v).doubleValue()); // nan, inf
            d = d.stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigIntegerExact().hashCode() : d.hashCode();
        }
        if (v instanceof PyTuple t) {
            int h = 1;
            for (Object o : t) h = 31 * h + hash(o);
            return h;
        }
        if (v instanceof List<?> || v instanceof Map<?, ?> || v instanceof byte[]
                || (v instanceof Set<?> && !(v instanceof PyFrozenSet))) {
            throw new PyTypeError("unhashable type: '" + PyTypes.name(v) + "'");
        }
        return v.hashCode();
    }

    /** Python's {@code a < b}, as {@code sort()} uses it: -1, 0 or 1; {@code TypeError} for unorderable types. */
    public static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b) && !(a instanceof PyComplex) && !(b instanceof PyComplex)) {
            return compareNumbers(a, b);
        }
        if (a instanceof String x && b instanceof String y) return Integer.signum(compareCodePoints(x, y));
        if (a instanceof PyBytes x && b instanceof PyBytes y) return Integer.signum(java.util.Arrays.compareUnsigned(x.toByteArray(), y.toByteArray()));
        if (a instanceof PyTuple x && b instanceof PyTuple y) return compareSequences(x.asList(), y.asList());
        if (a instanceof List<?> x && b instanceof List<?> y) return compareSequences(x, y);
        throw new PyTypeError("'<' not supported between instances of '" + PyTypes.name(a) + "' and '" + PyTypes.name(b) + "'");
    }

    static boolean isNumber(Object v) {
        return v instanceof Number || v instanceof Boolean || v instanceof PyComplex;
    }

    public static BigInteger bigInteger(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    private static boolean sequencesEqual(Collection<?> x, Collection<?> y) {
        if (x.size() != y.size()) return false;
        Iterator<?> i = x.iterator();
        Iterator<?> j = y.iterator();
        while (i.hasNext()) if (!equal(i.next(), j.next())) return false;
        return true;
    }

    private static int compareSequences(List<?> x, List<?> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (!equal(x.get(i), y.get(i))) return compare(x.get(i), y.get(i));
        }
        return Integer.compare(x.size(), y.size());
    }

    private static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) return Integer.compare(a, b);
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof PyComplex || b instanceof PyComplex) {
            PyComplex x = complex(a);
            PyComplex y = complex(b);
            return x.real() == y.real() && x.imag() == y.imag() ? 0 : 1;
        }
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if (x != null && y != null) return x.compareTo(y);
        double p = ((Number) (a instanceof Boolean t ? (t ? 1 : 0) : a)).doubleValue();
        double q = ((Number) (b instanceof Boolean t ? (t ? 1 : 0) : b)).doubleValue();
        if (Double.isNaN(p) || Double.isNaN(q)) return 1; // nan equals nothing and orders nowhere
        return Double.compare(p, q);
    }

    private static PyComplex complex(Object v) {
        if (v instanceof PyComplex c) return c;
        if (v instanceof Boolean b) return new PyComplex(b ? 1 : 0, 0);
        return new PyComplex(((Number) v).doubleValue(), 0);
    }

    /** The exact value of a real number, or null for nan and infinities. */
    private static BigDecimal decimal(Object v) {
        if (v instanceof Boolean b) return b ? BigDecimal.ONE : BigDecimal.ZERO;
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Number n && PyTypes.isInt(n)) return new BigDecimal(bigInteger(n));
        double d = ((Number) v).doubleValue();
        return Double.isFinite(d) ? new BigDecimal(d) : null;
    }

    /** A key under Python's equality, as a dict holds it: {@code 1}, {@code 1.0} and {@code True} are one key. */
    public static final class Key {
        private final Object key;
        private final int hash;

        /** @throws PyTypeError for an unhashable key */
        public Key(Object key) {
            this.key = key;
            this.hash = hash(key);
        }

        public Object key() {
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && equal(key, k.key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return String.valueOf(key);
        }
    }
}
