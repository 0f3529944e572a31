package multiprocessing4j.managers.hosted;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyRuntimeError;
import multiprocessing4j.PyStopIteration;
import multiprocessing4j.reduction.PyTuple;

/**
 * An iterator a manager shares as its {@code Iterator} typeid (what {@code iter(dict_proxy)}
 * gets): {@code __next__} until {@code StopIteration}, and CPython's {@code RuntimeError} when
 * the dict changed size meanwhile. Like CPython's dict iterators it has no {@code send},
 * {@code throw} or {@code close}, though the {@code Iterator} typeid exposes them.
 */
public final class PyIterator implements Exposed {
    private final PyDict source;
    private final Iterator<Object> items;
    private final String what;
    private final int version;
    private boolean failed;

    PyIterator(PyDict source, Iterator<Object> items, String what) {
        this.source = source;
        this.items = items;
        this.what = what;
        this.version = source.version();
    }

    @Override
    public List<String> publicMethods() {
        return List.of();
    }

    @Override
    public boolean hasMethod(String name) {
        return name.equals("__next__");
    }

    @Override
    public synchronized Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        Args.none(name, args, kwds);
        if (failed || !items.hasNext()) throw new PyStopIteration(PyTuple.of(), Map.of());
        if (source.version() != version) {
            failed = true; // as CPython: once it has complained, the iterator is exhausted
            throw new PyRuntimeError(what + " changed size during iteration");
        }
        return items.next();
    }

    @Override
    public String toString() {
        return "<dict_keyiterator>";
    }
}
