package multiprocessing4j.managers.hosted;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyIndexError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyEquality;
import multiprocessing4j.reduction.PyGlobal;
import multiprocessing4j.reduction.PyObject;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * Python's {@code list} as a manager hosts it: negative indices, slices (reading, assigning,
 * deleting, extended steps), Python's equality for {@code in}/{@code count}/{@code index}/
 * {@code remove}, Python's ordering for {@code sort}, and the exceptions and messages CPython
 * raises. The methods are those CPython's {@code ListProxy} calls.
 */
public final class PyList implements Exposed, PyRepr.Reprable {
    static final List<String> PUBLIC = List.of("append", "clear", "copy", "count", "extend", "index", "insert", "pop",
            "remove", "reverse", "sort");
    private static final List<String> DUNDER = List.of("__add__", "__contains__", "__delitem__", "__getitem__",
            "__len__", "__mul__", "__reversed__", "__rmul__", "__setitem__", "__imul__");
    private static final PyGlobal REVERSED = new PyGlobal("builtins", "reversed");
    /** {@code range(start, stop, step)}, as CPython pickles a range. */
    private static final PyGlobal RANGE = new PyGlobal("builtins", "range");

    private final ArrayList<Object> items;

    private PyList(ArrayList<Object> items) {
        this.items = items;
    }

    /** {@code list()} or {@code list(iterable)}. */
    public static PyList make(PyTuple args, Map<String, Object> kwds) {
        if (!kwds.isEmpty()) throw new PyTypeError("list() takes no keyword arguments");
        if (args.size() > 1) throw new PyTypeError("list expected at most 1 argument, got " + args.size());
        return new PyList(args.isEmpty() ? new ArrayList<>() : items(args.get(0)));
    }

    /** The items of a Python iterable as it arrives (list, tuple, set, dict keys, str, bytes, range). */
    static ArrayList<Object> items(Object iterable) {
        if (iterable instanceof PyTuple t) return new ArrayList<>(t.asList());
        if (iterable instanceof Collection<?> c) return new ArrayList<>(c);
        if (iterable instanceof Map<?, ?> m) return new ArrayList<>(m.keySet());
        if (iterable instanceof String s) {
            ArrayList<Object> chars = new ArrayList<>();
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        if (iterable instanceof PyBytes b) {
            ArrayList<Object> ints = new ArrayList<>();
            for (int i = 0; i < b.length(); i++) ints.add(b.get(i));
            return ints;
        }
        if (iterable instanceof PyObject r && r.type().equals(RANGE) && r.args().size() == 3) {
            ArrayList<Object> ints = new ArrayList<>();
            BigInteger step = Args.integer(r.args().get(2));
            for (BigInteger i = Args.integer(r.args().get(0)), stop = Args.integer(r.args().get(1));
                 step.signum() > 0 ? i.compareTo(stop) < 0 : i.compareTo(stop) > 0; i = i.add(step)) {
                ints.add(i.bitLength() < 32 ? (Object) i.intValue() : i.bitLength() < 64 ? (Object) i.longValue() : i);
            }
            return ints;
        }
        throw new PyTypeError("'" + PyTypes.name(iterable) + "' object is not iterable");
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public boolean hasMethod(String name) {
        return PUBLIC.contains(name) || DUNDER.contains(name);
    }

    @Override
    public synchronized Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        Object[] a;
        switch (name) {
            case "__add__":
                a = Args.bind(name, args, kwds, "value", Args.REQUIRED);
                if (!(a[0] instanceof List<?> other)) {
                    throw new PyTypeError("can only concatenate list (not \"" + PyTypes.name(a[0]) + "\") to list");
                }
                ArrayList<Object> sum = new ArrayList<>(items);
                sum.addAll(other);
                return sum;
            case "__contains__":
                return indexOf(Args.bind(name, args, kwds, "key", Args.REQUIRED)[0], 0, items.size()) >= 0;
            case "__getitem__":
                return getItem(Args.bind(name, args, kwds, "index", Args.REQUIRED)[0]);
            case "__setitem__":
                a = Args.bind(name, args, kwds, "index", Args.REQUIRED, "value", Args.REQUIRED);
                setItem(a[0], a[1]);
                return null;
            case "__delitem__":
                delItem(Args.bind(name, args, kwds, "index", Args.REQUIRED)[0]);
                return null;
            case "__len__":
                Args.none(name, args, kwds);
                return items.size();
            case "__mul__":
            case "__rmul__":
                return repeated(Args.bind(name, args, kwds, "value", Args.REQUIRED)[0]);
            case "__imul__":
                ArrayList<Object> times = repeated(Args.bind(name, args, kwds, "value", Args.REQUIRED)[0]);
                items.clear();
                items.addAll(times);
                return value();
            case "__reversed__":
                Args.none(name, args, kwds);
                // CPython pickles a list_reverseiterator as reversed(list) with its position as state.
                PyObject it = PyObject.reduce(REVERSED, PyTuple.of(value()));
                it.setState(items.size() - 1);
                return it;
            case "append":
                items.add(Args.bind(name, args, kwds, "object", Args.REQUIRED)[0]);
                return null;
            case "clear":
                Args.none(name, args, kwds);
                items.clear();
                return null;
            case "copy":
                Args.none(name, args, kwds);
                return value();
            case "count":
                a = Args.bind(name, args, kwds, "value", Args.REQUIRED);
                int n = 0;
                for (Object o : items) if (PyEquality.equal(o, a[0])) n++;
                return n;
            case "extend":
                items.addAll(items(Args.bind(name, args, kwds, "iterable", Args.REQUIRED)[0]));
                return null;
            case "index":
                a = Args.bind(name, args, kwds, "value", Args.REQUIRED, "start", 0, "stop", Integer.MAX_VALUE);
                int start = bound(Args.index(a[1]));
                int stop = bound(Args.index(a[2]));
                int i = indexOf(a[0], start, stop);
                if (i < 0) throw new PyValueError(PyRepr.repr(a[0]) + " is not in list");
                return i;
            case "insert":
                a = Args.bind(name, args, kwds, "index", Args.REQUIRED, "object", Args.REQUIRED);
                items.add(bound(Args.index(a[0])), a[1]);
                return null;
            case "pop":
                a = Args.bind(name, args, kwds, "index", -1);
                if (items.isEmpty()) throw new PyIndexError("pop from empty list");
                return items.remove(position(a[0], "pop index out of range"));
            case "remove":
                a = Args.bind(name, args, kwds, "value", Args.REQUIRED);
                int at = indexOf(a[0], 0, items.size());
                if (at < 0) throw new PyValueError("list.remove(x): x not in list");
                items.remove(at);
                return null;
            case "reverse":
                Args.none(name, args, kwds);
                Collections.reverse(items);
                return null;
            case "sort":
                if (!args.isEmpty()) throw new PyTypeError("sort() takes no positional arguments");
                a = Args.bind(name, PyTuple.of(), kwds, "key", null, "reverse", false);
                if (a[0] != null) {
                    throw new PyTypeError("a key function cannot be called in a Java-hosted manager");
                }
                sort(PyTypes.truth(a[1]));
                return null;
            default:
                throw new IllegalArgumentException("no method " + name);
        }
    }

    /** A copy as the pickle layer's list. */
    @Override
    public synchronized ArrayList<Object> value() {
        return new ArrayList<>(items);
    }

    @Override
    public synchronized String pyRepr() {
        return PyRepr.repr(items);
    }

    private Object getItem(Object index) {
        PyObject slice = Slice.asSlice(index);
        if (slice == null) return items.get(position(checkIndex(index), "list index out of range"));
        Slice s = Slice.resolve(slice, items.size());
        ArrayList<Object> out = new ArrayList<>(s.count());
        for (int i = 0; i < s.count(); i++) out.add(items.get(s.at(i)));
        return out;
    }

    private void setItem(Object index, Object value) {
        PyObject slice = Slice.asSlice(index);
        if (slice == null) {
            items.set(position(checkIndex(index), "list assignment index out of range"), value);
            return;
        }
        Slice s = Slice.resolve(slice, items.size());
        ArrayList<Object> replacement = items(value);
        if (s.step() == 1) {
            List<Object> range = items.subList(s.start(), s.start() + s.count());
            range.clear();
            range.addAll(replacement);
            return;
        }
        if (replacement.size() != s.count()) {
            throw new PyValueError("attempt to assign sequence of size " + replacement.size()
                    + " to extended slice of size " + s.count());
        }
        for (int i = 0; i < s.count(); i++) items.set(s.at(i), replacement.get(i));
    }

    private void delItem(Object index) {
        PyObject slice = Slice.asSlice(index);
        if (slice == null) {
            items.remove(position(checkIndex(index), "list assignment index out of range"));
            return;
        }
        Slice s = Slice.resolve(slice, items.size());
        boolean[] drop = new boolean[items.size()];
        for (int i = 0; i < s.count(); i++) drop[s.at(i)] = true;
        ArrayList<Object> kept = new ArrayList<>(items.size() - s.count());
        for (int i = 0; i < drop.length; i++) if (!drop[i]) kept.add(items.get(i));
        items.clear();
        items.addAll(kept);
    }

    private static Object checkIndex(Object index) {
        if (index instanceof Boolean || (index instanceof Number n && PyTypes.isInt(n))) return index;
        throw new PyTypeError("list indices must be integers or slices, not " + PyTypes.name(index));
    }

    /** A Python index (negative from the end) as a position, or the IndexError with {@code message}. */
    private int position(Object index, String message) {
        BigInteger i = Args.integer(index);
        if (i.signum() < 0) i = i.add(BigInteger.valueOf(items.size()));
        if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(items.size())) >= 0) throw new PyIndexError(message);
        return i.intValue();
    }

    /** A start/stop/insert index clamped into {@code [0, len]}, as CPython clamps them. */
    private int bound(int i) {
        if (i < 0) return Math.max(0, i + items.size());
        return Math.min(i, items.size());
    }

    private int indexOf(Object value, int start, int stop) {
        for (int i = start; i < stop; i++) if (PyEquality.equal(items.get(i), value)) return i;
        return -1;
    }

    private ArrayList<Object> repeated(Object times) {
        if (!(times instanceof Boolean || times instanceof Number n && PyTypes.isInt(n))) {
            throw new PyTypeError("can't multiply sequence by non-int of type '" + PyTypes.name(times) + "'");
        }
        int n = Math.max(0, Args.index(times));
        ArrayList<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.addAll(items);
        return out;
    }

    /** A stable sort by Python's {@code <}; as CPython, {@code reverse} keeps equal items in order. */
    private void sort(boolean reverse) {
        ArrayList<Object> sorted = new ArrayList<>(items);
        if (reverse) Collections.reverse(sorted);
        sorted.sort(PyEquality::compare);
        if (reverse) Collections.reverse(sorted);
        items.clear();
        items.addAll(sorted);
    }
}
