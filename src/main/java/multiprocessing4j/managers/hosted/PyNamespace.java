package multiprocessing4j.managers.hosted;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyAttributeError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.reduction.PyGlobal;
import multiprocessing4j.reduction.PyObject;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * CPython's {@code multiprocessing.managers.Namespace} as a manager hosts it: attributes got,
 * set and deleted by name, {@code AttributeError} for missing ones, and its repr
 * {@code Namespace(a=1, b='x')} (sorted).
 */
public final class PyNamespace implements Exposed, PyRepr.Reprable {
    private static final PyGlobal NAMESPACE = new PyGlobal("multiprocessing.managers", "Namespace");
    private static final List<String> METHODS = List.of("__getattribute__", "__setattr__", "__delattr__");

    private final LinkedHashMap<String, Object> attributes = new LinkedHashMap<>();

    /** {@code Namespace(**kwds)}. */
    public static PyNamespace make(PyTuple args, Map<String, Object> kwds) {
        if (!args.isEmpty()) throw new PyTypeError("Namespace() takes 0 positional arguments but " + args.size() + " were given");
        PyNamespace ns = new PyNamespace();
        ns.attributes.putAll(kwds);
        return ns;
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
        Object[] a = name.equals("__setattr__")
                ? Args.bind(name, args, kwds, "name", Args.REQUIRED, "value", Args.REQUIRED)
                : Args.bind(name, args, kwds, "name", Args.REQUIRED);
        if (!(a[0] instanceof String attr)) {
            throw new PyTypeError("attribute name must be string, not '" + PyTypes.name(a[0]) + "'");
        }
        switch (name) {
            case "__getattribute__":
                if (!attributes.containsKey(attr)) throw missing(attr);
                return attributes.get(attr);
            case "__setattr__":
                attributes.put(attr, a[1]);
                return null;
            default:
                if (!attributes.containsKey(attr)) throw missing(attr);
                attributes.remove(attr);
                return null;
        }
    }

    /** CPython's pickle of a Namespace: the class, then its {@code __dict__} as state. */
    @Override
    public synchronized Object value() {
        PyObject ns = PyObject.newObj(NAMESPACE, PyTuple.of());
        ns.setState(new LinkedHashMap<Object, Object>(attributes));
        return ns;
    }

    @Override
    public synchronized String pyRepr() {
        List<String> parts = new ArrayList<>();
        attributes.forEach((k, v) -> {
            if (!k.startsWith("_")) parts.add(k + "=" + PyRepr.repr(v));
        });
        parts.sort(null);
        return "Namespace(" + String.join(", ", parts) + ")";
    }

    private static PyAttributeError missing(String attr) {
        return new PyAttributeError("'Namespace' object has no attribute '" + attr + "'");
    }
}
