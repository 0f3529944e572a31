package multiprocessing4j.managers;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import multiprocessing4j.PyKeyError;
import multiprocessing4j.reduction.PyTuple;

/**
 * A proxy of a {@code dict} on the server, as Python's {@code DictProxy}, and a
 * {@link Map Map&lt;Object, Object&gt;} whose every operation is done by the server.
 *
 * <p>Map methods keep {@link Map}'s contract, so some cost two round trips where Python's need
 * one: {@link #put} also reads the old value (use {@link #setItem} for Python's {@code d[k] = v});
 * {@link #get} gives null for a missing key (use {@link #getItem} for Python's {@code d[k]},
 * which raises {@link PyKeyError}). Two-step operations are not atomic with respect to other
 * clients.
 *
 * <p>Views: {@link #keySet()} iterates through a server-side iterator ({@code __iter__}, as
 * {@code for k in d} in Python), so changing the dict while iterating fails as in Python
 * ({@code RuntimeError}); {@link #values()} and {@link #entrySet()} iterate over a snapshot taken
 * when the iteration starts ({@code items()}), and write through to the server. Sizes and
 * membership tests always ask the server.
 */
public class DictProxy extends BaseProxy implements Map<Object, Object> {

    public DictProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    @Override
    public int size() {
        return ((Number) callMethod("__len__")).intValue();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) callMethod("__contains__", key);
    }

    @Override
    public boolean containsValue(Object value) {
        return values().contains(value);
    }

    /** Python's {@code d.get(key)}: the value, or null when there is none. */
    @Override
    public Object get(Object key) {
        return callMethod("get", key);
    }

    /** Python's {@code d.get(key, default)}. */
    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return callMethod("get", key, defaultValue);
    }

    /**
     * Python's {@code d[key]}.
     *
     * @throws PyKeyError if there is no such key
     */
    public Object getItem(Object key) {
        return callMethod("__getitem__", key);
    }

    /** Python's {@code d[key] = value}: one round trip, no old value. */
    public void setItem(Object key, Object value) {
        callMethod("__setitem__", key, value);
    }

    /**
     * Python's {@code del d[key]}.
     *
     * @throws PyKeyError if there is no such key
     */
    public void delItem(Object key) {
        callMethod("__delitem__", key);
    }

    /** Sets {@code key} and returns its old value (null if none): {@code d.get(key)}, then {@code d[key] = value}. */
    @Override
    public Object put(Object key, Object value) {
        Object old = get(key);
        setItem(key, value);
        return old;
    }

    /** Python's {@code d.pop(key, None)}: removes {@code key}, returning its value or null. */
    @Override
    public Object remove(Object key) {
        return callMethod("pop", key, null);
    }

    /**
     * Python's {@code d.pop(key)}.
     *
     * @throws PyKeyError if there is no such key
     */
    public Object pop(Object key) {
        return callMethod("pop", key);
    }

    /** Python's {@code d.pop(key, default)}. */
    public Object pop(Object key, Object defaultValue) {
        return callMethod("pop", key, defaultValue);
    }

    /**
     * Python's {@code d.popitem()}: removes and returns the last {@code (key, value)} pair.
     *
     * @throws PyKeyError if the dict is empty
     */
    public PyTuple popitem() {
        return (PyTuple) callMethod("popitem");
    }

    /** Python's {@code d.setdefault(key, default)}: the value of {@code key}, set to {@code defaultValue} first if absent. Atomic. */
    public Object setdefault(Object key, Object defaultValue) {
        return callMethod("setdefault", key, defaultValue);
    }

    /** Python's {@code d.update(m)}: one round trip. */
    @Override
    public void putAll(Map<?, ?> m) {
        callMethod("update", m);
    }

    @Override
    public void clear() {
        callMethod("clear");
    }

    /** Python's {@code d.copy()}: a copy of the dict, in its order. */
    @SuppressWarnings("unchecked")
    public Map<Object, Object> copy() {
        return (Map<Object, Object>) callMethod("copy");
    }

    /** Python's {@code list(d.keys())}: a snapshot of the keys, in the dict's order. */
    @SuppressWarnings("unchecked")
    public List<Object> keys() {
        return (List<Object>) callMethod("keys");
    }

    /** Python's {@code list(d.items())}: a snapshot of the {@code (key, value)} pairs, in the dict's order. */
    @SuppressWarnings("unchecked")
    public List<PyTuple> items() {
        return (List<PyTuple>) callMethod("items");
    }

    /** A copy of the dict, in its order ({@code #GETVALUE}). */
    @Override
    @SuppressWarnings("unchecked")
    public Map<Object, Object> getValue() {
        return (Map<Object, Object>) super.getValue();
    }

    /** The server's iterator over the keys ({@code __iter__}), as Python's {@code iter(d)}. */
    public IteratorProxy iter() {
        return (IteratorProxy) callMethod("__iter__");
    }

    @Override
    public Set<Object> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Object> iterator() {
                return new Iterator<>() {
                    private final IteratorProxy keys = iter();
                    private Object last;
                    private boolean removable;

                    @Override
                    public boolean hasNext() {
                        return keys.hasNext();
                    }

                    @Override
                    public Object next() {
                        last = keys.next();
                        removable = true;
                        return last;
                    }

                    @Override
                    public void remove() {
                        if (!removable) throw new IllegalStateException();
                        removable = false;
                        delItem(last);
                    }
                };
            }

            @Override
            public int size() {
                return DictProxy.this.size();
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }

            @Override
            public boolean remove(Object o) {
                boolean had = containsKey(o);
                if (had) delItem(o);
                return had;
            }

            @Override
            public void clear() {
                DictProxy.this.clear();
            }
        };
    }

    @Override
    public Collection<Object> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Object> iterator() {
                Iterator<Entry<Object, Object>> entries = entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Object next() {
                        return entries.next().getValue();
                    }

                    @Override
                    public void remove() {
                        entries.remove();
                    }
                };
            }

            @Override
            public int size() {
                return DictProxy.this.size();
            }

            @Override
            public void clear() {
                DictProxy.this.clear();
            }
        };
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Object, Object>> iterator() {
                Iterator<PyTuple> pairs = items().iterator();
                return new Iterator<>() {
                    private Object lastKey;
                    private boolean removable;

                    @Override
                    public boolean hasNext() {
                        return pairs.hasNext();
                    }

                    @Override
                    public Entry<Object, Object> next() {
                        PyTuple pair = pairs.next();
                        lastKey = pair.get(0);
                        removable = true;
                        return new RemoteEntry(pair.get(0), pair.get(1));
                    }

                    @Override
                    public void remove() {
                        if (!removable) throw new IllegalStateException();
                        removable = false;
                        delItem(lastKey);
                    }
                };
            }

            @Override
            public int size() {
                return DictProxy.this.size();
            }

            @Override
            public void clear() {
                DictProxy.this.clear();
            }
        };
    }

    /** Equal to any map with the same entries, compared with a copy of the dict. */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Map<?, ?> m && getValue().equals(m));
    }

    @Override
    public int hashCode() {
        return getValue().hashCode();
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.DictProxy";
    }

    /** An entry of a snapshot whose {@code setValue} writes through to the server. */
    private final class RemoteEntry extends java.util.AbstractMap.SimpleEntry<Object, Object> {
        private static final long serialVersionUID = 1L;

        RemoteEntry(Object key, Object value) {
            super(key, value);
        }

        @Override
        public Object setValue(Object value) {
            setItem(getKey(), value);
            return super.setValue(value);
        }
    }
}
