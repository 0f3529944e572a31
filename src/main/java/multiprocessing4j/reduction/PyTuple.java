package multiprocessing4j.reduction;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Python's {@code tuple}: an immutable sequence with value equality, so that tuples work as map
 * keys and set members as they do in Python (Razorvine's {@code Object[]} does not).
 *
 * <p>Not a {@link java.util.List}: {@code List.equals} would make {@code (1, 2)} equal to
 * {@code [1, 2]}, which Python does not. {@link #asList()} gives a read-only list view.
 * The elements are held as given; mutable elements (a list inside a tuple) stay mutable, as in
 * Python.
 */
public final class PyTuple implements Iterable<Object>, Comparable<PyTuple> {
    private static final PyTuple EMPTY = new PyTuple(new Object[0]);

    private final Object[] items;

    private PyTuple(Object[] items) {
        this.items = items;
    }

    /** A tuple of these items (copied). */
    public static PyTuple of(Object... items) {
        return items.length == 0 ? EMPTY : new PyTuple(items.clone());
    }

    /** A tuple of the items of a collection, in its iteration order. */
    public static PyTuple copyOf(Iterable<?> items) {
        if (items instanceof PyTuple t) return t;
        java.util.ArrayList<Object> list = new java.util.ArrayList<>();
        for (Object o : items) list.add(o);
        return list.isEmpty() ? EMPTY : new PyTuple(list.toArray());
    }

    /** Takes ownership of {@code items} without copying; for codecs that built a fresh array. */
    static PyTuple adopt(Object[] items) {
        return items.length == 0 ? EMPTY : new PyTuple(items);
    }

    /** The array itself, for codecs in this package that only read it. */
    Object[] array() {
        return items;
    }

    public int size() {
        return items.length;
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    /** The item at {@code index}; negative indices count from the end, as in Python. */
    public Object get(int index) {
        int i = index < 0 ? index + items.length : index;
        if (i < 0 || i >= items.length) {
            throw new IndexOutOfBoundsException("tuple index out of range: " + index);
        }
        return items[i];
    }

    /** A read-only list view of the items. */
    public List<Object> asList() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    public Object[] toArray() {
        return items.clone();
    }

    @Override
    public Iterator<Object> iterator() {
        return asList().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof PyTuple t && Arrays.equals(items, t.items));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }

    /**
     * Orders as Python compares tuples: item by item, then by length. Items must be mutually
     * {@link Comparable}, as Python requires them to support {@code <}.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compareTo(PyTuple o) {
        int n = Math.min(items.length, o.items.length);
        for (int i = 0; i < n; i++) {
            if (!Objects.equals(items[i], o.items[i])) {
                return ((Comparable) items[i]).compareTo(o.items[i]);
            }
        }
        return Integer.compare(items.length, o.items.length);
    }

    /** Python's {@code repr}, e.g. {@code (1, 'a')} or {@code (1,)}. */
    @Override
    public String toString() {
        return PyRepr.repr(this);
    }
}
