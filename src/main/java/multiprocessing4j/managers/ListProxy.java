package multiprocessing4j.managers;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import multiprocessing4j.PyIndexError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyGlobal;
import multiprocessing4j.reduction.PyObject;
import multiprocessing4j.reduction.PyTuple;

/**
 * A proxy of a {@code list} on the server, as Python's {@code ListProxy}, and a
 * {@link List List&lt;Object&gt;} whose every operation is done by the server.
 *
 * <p>{@link List} methods keep their contract: indices run from 0 to {@code size()-1} (others
 * throw {@link IndexOutOfBoundsException}), and {@link #set} returns the old element (two round
 * trips; {@link #setItem} takes one). The Python-named methods keep Python's semantics:
 * {@link #getItem}, {@link #setItem}, {@link #delItem}, {@link #pop(int)} and {@link #insert}
 * count negative indices from the end and raise {@link PyIndexError}; {@link #index} raises
 * {@link PyValueError}; {@link #slice} is {@code l[start:stop]}.
 *
 * <p>Iteration asks for one element at a time ({@code __getitem__} until {@code IndexError}), as
 * a CPython client iterates a list proxy; {@link #getValue()} copies the whole list in one call.
 * Two-step operations are not atomic with respect to other clients.
 */
public class ListProxy extends BaseProxy implements List<Object> {
    private static final PyGlobal SLICE = new PyGlobal("builtins", "slice");
    /** The rarer List methods (sub-lists, list iterators, bulk removals), built on the ones below. */
    private final List<Object> view = new AbstractList<>() {
        @Override
        public Object get(int index) {
            return ListProxy.this.get(index);
        }

        @Override
        public Object set(int index, Object element) {
            return ListProxy.this.set(index, element);
        }

        @Override
        public void add(int index, Object element) {
            ListProxy.this.add(index, element);
        }

        @Override
        public Object remove(int index) {
            return ListProxy.this.remove(index);
        }

        @Override
        public int size() {
            return ListProxy.this.size();
        }
    };

    public ListProxy(Token token, BaseManager manager) {
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
    public boolean contains(Object o) {
        return (Boolean) callMethod("__contains__", o);
    }

    @Override
    public Object get(int index) {
        checkIndex(index);
        try {
            return getItem(index);
        } catch (PyIndexError e) {
            throw outOfBounds(index, e);
        }
    }

    @Override
    public Object set(int index, Object element) {
        Object old = get(index);
        setItem(index, element);
        return old;
    }

    @Override
    public boolean add(Object element) {
        append(element);
        return true;
    }

    @Override
    public void add(int index, Object element) {
        if (index < 0 || index > size()) throw new IndexOutOfBoundsException("index " + index);
        insert(index, element);
    }

    @Override
    public Object remove(int index) {
        checkIndex(index);
        try {
            return pop(index);
        } catch (PyIndexError e) {
            throw outOfBounds(index, e);
        }
    }

    /** Python's {@code l.remove(o)}: removes the first equal element; false if there is none. */
    @Override
    public boolean remove(Object o) {
        try {
            callMethod("remove", o);
            return true;
        } catch (PyValueError e) {
            return false;
        }
    }

    @Override
    public int indexOf(Object o) {
        try {
            return index(o);
        } catch (PyValueError e) {
            return -1;
        }
    }

    @Override
    public int lastIndexOf(Object o) {
        return getValue().lastIndexOf(o);
    }

    /** Python's {@code l.extend(c)}: one round trip. */
    @Override
    public boolean addAll(Collection<?> c) {
        extend(c);
        return !c.isEmpty();
    }

    @Override
    public boolean addAll(int index, Collection<?> c) {
        return view.addAll(index, c);
    }

    /** Empties the list in one round trip (Python's {@code l *= 0}). */
    @Override
    public void clear() {
        callMethod("__imul__", 0);
    }

    /** Python's {@code l[index]}: negative indices count from the end. */
    public Object getItem(int index) {
        return callMethod("__getitem__", index);
    }

    /**
     * Python's {@code l[start:stop]}: a copy of those items, made by the server in one round trip.
     * As Python's slice, negative indices count from the end and both are clamped to the list.
     */
    @SuppressWarnings("unchecked")
    public List<Object> slice(int start, int stop) {
        return (List<Object>) callMethod("__getitem__", PyObject.reduce(SLICE, PyTuple.of(start, stop, null)));
    }

    /** Python's {@code l[index] = element}: negative indices count from the end; one round trip. */
    public void setItem(int index, Object element) {
        callMethod("__setitem__", index, element);
    }

    /** Python's {@code del l[index]}: negative indices count from the end. */
    public void delItem(int index) {
        callMethod("__delitem__", index);
    }

    /** Python's {@code l.append(element)}. */
    public void append(Object element) {
        callMethod("append", element);
    }

    /** Python's {@code l.extend(items)}. */
    public void extend(Iterable<?> items) {
        callMethod("extend", items instanceof List<?> l ? l : copy(items));
    }

    /** Python's {@code l.insert(index, element)}: negative and out-of-range indices are clamped, as in Python. */
    public void insert(int index, Object element) {
        callMethod("insert", index, element);
    }

    /**
     * Python's {@code l.pop()}: removes and returns the last element.
     *
     * @throws PyIndexError if the list is empty
     */
    public Object pop() {
        return callMethod("pop");
    }

    /** Python's {@code l.pop(index)}: negative indices count from the end. */
    public Object pop(int index) {
        return callMethod("pop", index);
    }

    /**
     * Python's {@code l.index(o)}.
     *
     * @throws PyValueError if no element equals {@code o}
     */
    public int index(Object o) {
        return ((Number) callMethod("index", o)).intValue();
    }

    /** Python's {@code l.count(o)}. */
    public int count(Object o) {
        return ((Number) callMethod("count", o)).intValue();
    }

    /** Python's {@code l.reverse()}, in place on the server. */
    public void reverse() {
        callMethod("reverse");
    }

    /** Python's {@code l.sort()}: sorts on the server, in Python's order. */
    public void sort() {
        callMethod("sort");
    }

    /**
     * Sorts the list: on the server in Python's order when {@code c} is null, otherwise here with
     * {@code c} and written back (not atomic).
     */
    @Override
    public void sort(Comparator<? super Object> c) {
        if (c == null) {
            sort();
            return;
        }
        List<Object> items = getValue();
        items.sort(c);
        clear();
        extend(items);
    }

    /** Python's {@code l + other}: a new list (a copy), the server's list unchanged. */
    @SuppressWarnings("unchecked")
    public List<Object> concat(List<?> other) {
        return (List<Object>) callMethod("__add__", other);
    }

    /** Python's {@code l * n}: a new list (a copy), the server's list unchanged. */
    @SuppressWarnings("unchecked")
    public List<Object> repeat(int n) {
        return (List<Object>) callMethod("__mul__", n);
    }

    /** A copy of the list ({@code #GETVALUE}). */
    @Override
    @SuppressWarnings("unchecked")
    public List<Object> getValue() {
        return (List<Object>) super.getValue();
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private int next;
            private Object lookahead;
            private boolean ready;
            private boolean exhausted;
            private boolean removable;

            @Override
            public boolean hasNext() {
                if (!ready && !exhausted) {
                    try {
                        lookahead = getItem(next);
                        ready = true;
                    } catch (PyIndexError e) {
                        exhausted = true;
                    }
                }
                return ready;
            }

            @Override
            public Object next() {
                if (!hasNext()) throw new NoSuchElementException();
                ready = false;
                removable = true;
                next++;
                return lookahead;
            }

            @Override
            public void remove() {
                if (!removable) throw new IllegalStateException();
                removable = false;
                delItem(--next);
            }
        };
    }

    @Override
    public Object[] toArray() {
        return getValue().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return getValue().toArray(a);
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return getValue().containsAll(c);
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return view.removeAll(c);
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return view.retainAll(c);
    }

    @Override
    public ListIterator<Object> listIterator() {
        return view.listIterator();
    }

    @Override
    public ListIterator<Object> listIterator(int index) {
        return view.listIterator(index);
    }

    @Override
    public List<Object> subList(int fromIndex, int toIndex) {
        return view.subList(fromIndex, toIndex);
    }

    /** Equal to any list with equal elements, compared with a copy of the list. */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof List<?> l && getValue().equals(l));
    }

    @Override
    public int hashCode() {
        return getValue().hashCode();
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.ListProxy";
    }

    private static void checkIndex(int index) {
        // Python would count a negative index from the end; List's contract refuses it.
        if (index < 0) throw new IndexOutOfBoundsException("index " + index);
    }

    private static IndexOutOfBoundsException outOfBounds(int index, PyIndexError cause) {
        IndexOutOfBoundsException e = new IndexOutOfBoundsException("index " + index + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    private static List<Object> copy(Iterable<?> items) {
        List<Object> list = new ArrayList<>();
        for (Object o : items) list.add(o);
        return list;
    }
}
