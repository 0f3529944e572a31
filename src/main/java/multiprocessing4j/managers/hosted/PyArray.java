package multiprocessing4j.managers.hosted;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyException;
import multiprocessing4j.PyIndexError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyGlobal;
import multiprocessing4j.reduction.PyObject;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * Python's {@code array.array(typecode, items)} as a manager's {@code Array} typeid hosts it:
 * fixed length, items checked against the typecode (ints in its C range, floats, one-character
 * strings for {@code 'u'}), indices and slices as CPython's. Pickled as CPython's managers
 * module pickles arrays: {@code array.array(typecode, items)}.
 */
public final class PyArray implements Exposed, PyRepr.Reprable {
    private static final PyGlobal ARRAY = new PyGlobal("array", "array");
    private static final List<String> METHODS = List.of("__len__", "__getitem__", "__setitem__");
    private static final String TYPECODES = "bBuhHiIlLqQfd";

    private final String typecode;
    private final ArrayList<Object> items;

    private PyArray(String typecode, ArrayList<Object> items) {
        this.typecode = typecode;
        this.items = items;
    }

    /** {@code Array(typecode, sequence, lock=True)}: the lock is ignored, as in CPython's manager. */
    public static PyArray make(PyTuple args, Map<String, Object> kwds) {
        Object[] a = Args.bind("Array", args, kwds, "typecode", Args.REQUIRED, "sequence", Args.REQUIRED, "lock", true);
        if (!(a[0] instanceof String tc) || tc.length() != 1 || TYPECODES.indexOf(tc.charAt(0)) < 0) {
            throw new PyValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
        }
        ArrayList<Object> items = new ArrayList<>();
        for (Object o : PyList.items(a[1])) items.add(check(tc.charAt(0), o));
        return new PyArray(tc, items);
    }

    @Override
    public List<String> publicMethods() {
        return List.of();
    }

    @Override
    public boolean hasMethod(String name) {
        return METHODS.contains(name);
    }

    @Override
    public synchronized Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        switch (name) {
            case "__len__":
                Args.none(name, args, kwds);
                return items.size();
            case "__getitem__": {
                Object index = Args.bind(name, args, kwds, "index", Args.REQUIRED)[0];
                PyObject slice = Slice.asSlice(index);
                if (slice == null) return items.get(position(index, "array index out of range"));
                Slice s = Slice.resolve(slice, items.size());
                ArrayList<Object> out = new ArrayList<>();
                for (int i = 0; i < s.count(); i++) out.add(items.get(s.at(i)));
                return pickled(out);
            }
            default: {
                Object[] a = Args.bind(name, args, kwds, "index", Args.REQUIRED, "value", Args.REQUIRED);
                PyObject slice = Slice.asSlice(a[0]);
                if (slice == null) {
                    items.set(position(a[0], "array assignment index out of range"), check(typecode.charAt(0), a[1]));
                    return null;
                }
                Slice s = Slice.resolve(slice, items.size());
                List<Object> replacement = a[1] instanceof PyObject o && o.type().equals(ARRAY)
                        ? PyList.items(o.args().get(1)) : null;
                if (replacement == null) {
                    throw new PyTypeError("can only assign array (not \"" + PyTypes.name(a[1]) + "\") to array slice");
                }
                if (replacement.size() != s.count()) {
                    throw new PyValueError("attempt to assign array of size " + replacement.size()
                            + " to extended slice of size " + s.count());
                }
                for (int i = 0; i < s.count(); i++) items.set(s.at(i), check(typecode.charAt(0), replacement.get(i)));
                return null;
            }
        }
    }

    @Override
    public synchronized Object value() {
        return pickled(new ArrayList<>(items));
    }

    @Override
    public synchronized String pyRepr() {
        if (items.isEmpty()) return "array('" + typecode + "')";
        if (typecode.equals("u")) return "array('u', " + PyRepr.repr(String.join("", items.stream().map(String.class::cast).toList())) + ")";
        return "array('" + typecode + "', " + PyRepr.repr(items) + ")";
    }

    private PyObject pickled(List<Object> values) {
        Object data = typecode.equals("u") ? String.join("", values.stream().map(String.class::cast).toList()) : values;
        return PyObject.reduce(ARRAY, PyTuple.of(typecode, data));
    }

    private int position(Object index, String message) {
        if (!(index instanceof Boolean || index instanceof Number n && PyTypes.isInt(n))) {
            throw new PyTypeError("array indices must be integers");
        }
        BigInteger i = Args.integer(index);
        if (i.signum() < 0) i = i.add(BigInteger.valueOf(items.size()));
        if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(items.size())) >= 0) throw new PyIndexError(message);
        return i.intValue();
    }

    /** The item as the array stores it, or CPython's TypeError/OverflowError. */
    private static Object check(char tc, Object v) {
        switch (tc) {
            case 'u':
                if (v instanceof String s && s.codePointCount(0, s.length()) == 1) return s;
                throw new PyTypeError("array item must be unicode character");
            case 'f':
            case 'd':
                if (!(v instanceof Number || v instanceof Boolean) || v instanceof java.math.BigDecimal) {
                    throw new PyTypeError("must be real number, not " + PyTypes.name(v));
                }
                double d = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
                return tc == 'f' ? (double) (float) d : d;
            default:
                if (!(v instanceof Boolean || v instanceof Number n && PyTypes.isInt(n))) {
                    throw new PyTypeError("'" + PyTypes.name(v) + "' object cannot be interpreted as an integer");
                }
                BigInteger i = Args.integer(v);
                int bits = switch (tc) {
                    case 'b', 'B' -> 8;
                    case 'h', 'H' -> 16;
                    case 'i', 'I' -> 32;
                    default -> 64;
                };
                boolean unsigned = Character.isUpperCase(tc);
                BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
                BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                        : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
                if (i.compareTo(min) < 0 || i.compareTo(max) > 0) {
                    throw new PyException("builtins.OverflowError", PyTuple.of(
                            i.signum() < 0 && unsigned ? "unsigned value is less than minimum"
                                    : "value out of range for typecode '" + tc + "'"));
                }
                return v instanceof Boolean b ? (b ? 1 : 0) : v;
        }
    }
}
