package multiprocessing4j.managers;

import java.util.AbstractList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import multiprocessing4j.PyIndexError;

/**
 * A proxy of an {@code array.array} on the server, as Python's {@code ArrayProxy}: a fixed-size
 * {@link List} of its items ({@code __len__}, {@code __getitem__}, {@code __setitem__}).
 *
 * <p>Items must fit the array's typecode; the server raises {@code TypeError} or
 * {@code OverflowError} otherwise. {@link #set} returns the old item (two round trips;
 * {@link #setItem} takes one).
 */
public class ArrayProxy extends BaseProxy implements List<Object> {
    private final List<Object> view = new AbstractList<>() {
        @Override
        public Object get(int index) {
            return ArrayProxy.this.get(index);
        }

        @Override
        public Object set(int index, Object element) {
            return ArrayProxy.this.set(index, element);
        }

        @Override
        public int size() {
            return ArrayProxy.this.size();
        }
    };

    public ArrayProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    @Override
    public int size() {
        return ((Number) callMethod("__len__")).intValue();
    }

    @Override
    public Object get(int index) {
        if (index < 0) throw new IndexOutOfBoundsException("index " + index);
        try {
            return getItem(index);
        } catch (PyIndexError e) {
            IndexOutOfBoundsException oob = new IndexOutOfBoundsException("index " + index);
            oob.initCause(e);
            throw oob;
        }
    }

    @Override
    public Object set(int index, Object element) {
        Object old = get(index);
        setItem(index, element);
        return old;
    }

    /** Python's {@code a[index]}: negative indices count from the end. */
    public Object getItem(int index) {
        return callMethod("__getitem__", index);
    }

    /** Python's {@code a[index] = item}: negative indices count from the end; one round trip. */
    public void setItem(int index, Object item) {
        callMethod("__setitem__", index, item);
    }

    // The rest of List, on the fixed-size view above (no add or remove).

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean contains(Object o) {
        return view.contains(o);
    }

    @Override
    public Iterator<Object> iterator() {
        return view.iterator();
    }

    @Override
    public Object[] toArray() {
        return view.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return view.toArray(a);
    }

    @Override
    public boolean add(Object o) {
        return view.add(o);
    }

    @Override
    public boolean remove(Object o) {
        return view.remove(o);
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return view.containsAll(c);
    }

    @Override
    public boolean addAll(Collection<?> c) {
        return view.addAll(c);
    }

    @Override
    public boolean addAll(int index, Collection<?> c) {
        return view.addAll(index, c);
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
    public void clear() {
        view.clear();
    }

    @Override
    public void add(int index, Object element) {
        view.add(index, element);
    }

    @Override
    public Object remove(int index) {
        return view.remove(index);
    }

    @Override
    public int indexOf(Object o) {
        return view.indexOf(o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return view.lastIndexOf(o);
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

    /** Equal to any list with equal items. */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof List<?> l && view.equals(l));
    }

    @Override
    public int hashCode() {
        return view.hashCode();
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.ArrayProxy";
    }
}
