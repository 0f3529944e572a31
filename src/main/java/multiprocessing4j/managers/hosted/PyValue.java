package multiprocessing4j.managers.hosted;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import multiprocessing4j.reduction.PyGlobal;
import multiprocessing4j.reduction.PyObject;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;

/**
 * CPython's {@code multiprocessing.managers.Value(typecode, value, lock=True)} as a manager
 * hosts it: a holder of one value; the typecode is recorded, not enforced, and the lock
 * ignored, as in CPython. Repr {@code Value('i', 5)}.
 */
public final class PyValue implements Exposed, PyRepr.Reprable {
    private static final PyGlobal VALUE = new PyGlobal("multiprocessing.managers", "Value");
    private static final List<String> PUBLIC = List.of("get", "set");

    private final Object typecode;
    private volatile Object value;

    private PyValue(Object typecode, Object value) {
        this.typecode = typecode;
        this.value = value;
    }

    /** {@code Value(typecode, value, lock=True)}. */
    public static PyValue make(PyTuple args, Map<String, Object> kwds) {
        Object[] a = Args.bind("Value", args, kwds, "typecode", Args.REQUIRED, "value", Args.REQUIRED, "lock", true);
        return new PyValue(a[0], a[1]);
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        if (name.equals("get")) {
            Args.none(name, args, kwds);
            return value;
        }
        value = Args.bind(name, args, kwds, "value", Args.REQUIRED)[0];
        return null;
    }

    /** CPython's pickle of a Value: the class, then {@code {'_typecode': …, '_value': …}}. */
    @Override
    public Object value() {
        PyObject v = PyObject.newObj(VALUE, PyTuple.of());
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put("_typecode", typecode);
        state.put("_value", value);
        v.setState(state);
        return v;
    }

    @Override
    public String pyRepr() {
        return "Value(" + PyRepr.repr(typecode) + ", " + PyRepr.repr(value) + ")";
    }
}
