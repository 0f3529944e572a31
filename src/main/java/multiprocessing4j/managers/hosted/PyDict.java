package multiprocessing4j.managers.hosted;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyKeyError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyEquality.Key;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;

/**
 * Python's {@code dict} as a manager hosts it: insertion order, Python's key equality
 * ({@code 1}, {@code 1.0}, {@code True} and {@code Decimal(1)} are one key, the first one
 * inserted is kept), {@code KeyError} for missing keys, {@code TypeError} for unhashable ones.
 * The methods are those CPython's {@code DictProxy} calls.
 */
public final class PyDict implements Exposed, PyRepr.Reprable {
    static final List<String> PUBLIC = List.of("clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem",
            "setdefault", "update", "values");
    private static final List<String> DUNDER = List.of("__contains__", "__delitem__", "__getitem__", "__iter__",
            "__len__", "__setitem__");

    private final LinkedHashMap<Key, Object> map = new LinkedHashMap<>();
    /** Bumped by every change of size, so that iterators notice as CPython's do. */
    private int version;

    /** {@code dict(*args, **kwds)}: a mapping or an iterable of pairs, then keywords. */
    public static PyDict make(PyTuple args, Map<String, Object> kwds) {
        if (args.size() > 1) throw new PyTypeError("dict expected at most 1 argument, got " + args.size());
        PyDict d = new PyDict();
        if (args.size() == 1) d.update(args.get(0));
        kwds.forEach(d::put);
        return d;
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
            case "__contains__":
                return containsKey(Args.bind(name, args, kwds, "key", Args.REQUIRED)[0]);
            case "__getitem__":
                a = Args.bind(name, args, kwds, "key", Args.REQUIRED);
                Key k = new Key(a[0]);
                if (!map.containsKey(k)) throw new PyKeyError(a[0]);
                return map.get(k);
            case "__setitem__":
                a = Args.bind(name, args, kwds, "key", Args.REQUIRED, "value", Args.REQUIRED);
                put(a[0], a[1]);
                return null;
            case "__delitem__":
                a = Args.bind(name, args, kwds, "key", Args.REQUIRED);
                removeOrRaise(a[0]);
                return null;
            case "__len__":
                Args.none(name, args, kwds);
                return map.size();
            case "__iter__":
                Args.none(name, args, kwds);
                return new PyIterator(this, keys().iterator(), "dictionary");
            case "clear":
                Args.none(name, args, kwds);
                map.clear();
                version++;
                return null;
            case "copy":
                Args.none(name, args, kwds);
                return value();
            case "fromkeys":
                a = Args.bind(name, args, kwds, "iterable", Args.REQUIRED, "value", null);
                PyDict made = new PyDict();
                for (Object key : PyList.items(a[0])) made.put(key, a[1]);
                return made.value();
            case "get":
                a = Args.bind(name, args, kwds, "key", Args.REQUIRED, "default", null);
                return containsKey(a[0]) ? get(a[0]) : a[1];
            case "items":
                Args.none(name, args, kwds);
                List<Object> items = new ArrayList<>();
                map.forEach((key, v) -> items.add(PyTuple.of(key.key(), v)));
                return items;
            case "keys":
                Args.none(name, args, kwds);
                return keys();
            case "values":
                Args.none(name, args, kwds);
                return new ArrayList<>(map.values());
            case "pop":
                if (args.size() == 1 && kwds.isEmpty()) return removeOrRaise(args.get(0));
                a = Args.bind(name, args, kwds, "key", Args.REQUIRED, "default", null);
                if (!containsKey(a[0])) return a[1];
                return removeOrRaise(a[0]);
            case "popitem":
                Args.none(name, args, kwds);
                if (map.isEmpty()) throw new PyKeyError("popitem(): dictionary is empty");
                Key last = null;
                for (Key key : map.keySet()) last = key;
                Object v = map.remove(last);
                version++;
                return PyTuple.of(last.key(), v);
            case "setdefault":
                a = Args.bind(name, args, kwds, "key", Args.REQUIRED, "default", null);
                if (!containsKey(a[0])) put(a[0], a[1]);
                return get(a[0]);
            case "update":
                if (args.size() > 1) throw new PyTypeError("update expected at most 1 argument, got " + args.size());
                if (args.size() == 1) update(args.get(0));
                kwds.forEach(this::put);
                return null;
            default:
                throw new IllegalArgumentException("no method " + name);
        }
    }

    /** A copy as the pickle layer's dict, in insertion order. */
    @Override
    public synchronized Map<Object, Object> value() {
        LinkedHashMap<Object, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k.key(), v));
        return copy;
    }

    @Override
    public synchronized String pyRepr() {
        return PyRepr.repr(value());
    }

    synchronized boolean containsKey(Object key) {
        return map.containsKey(new Key(key));
    }

    synchronized Object get(Object key) {
        return map.get(new Key(key));
    }

    synchronized int version() {
        return version;
    }

    private List<Object> keys() {
        List<Object> keys = new ArrayList<>();
        for (Key k : map.keySet()) keys.add(k.key());
        return keys;
    }

    private void put(Object key, Object value) {
        Key k = new Key(key);
        if (!map.containsKey(k)) version++;
        map.put(k, value);
    }

    private Object removeOrRaise(Object key) {
        Key k = new Key(key);
        if (!map.containsKey(k)) throw new PyKeyError(key);
        version++;
        return map.remove(k);
    }

    private void update(Object other) {
        if (other instanceof Map<?, ?> m) {
            m.forEach(this::put);
            return;
        }
        int i = 0;
        for (Object item : PyList.items(other)) {
            List<Object> pair = item instanceof PyTuple t ? t.asList() : item instanceof List<?> l ? new ArrayList<>(l) : null;
            if (pair == null) {
                throw new PyTypeError("cannot convert dictionary update sequence element #" + i + " to a sequence");
            }
            if (pair.size() != 2) {
                throw new PyValueError("dictionary update sequence element #" + i + " has length " + pair.size()
                        + "; 2 is required");
            }
            put(pair.get(0), pair.get(1));
            i++;
        }
    }
}
