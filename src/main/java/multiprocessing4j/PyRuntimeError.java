package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code RuntimeError}, e.g. releasing a lock that is not held. */
public class PyRuntimeError extends PyException {
    private static final long serialVersionUID = 1L;

    /** RuntimeError(message), as Python code raises it. */
    public PyRuntimeError(String message) {
        this(PyTuple.of(message), Map.of());
    }

    /** RuntimeError with these args and instance attributes (see {@link PyException}). */
    public PyRuntimeError(PyTuple args, Map<String, Object> state) {
        super("builtins.RuntimeError", args, state);
    }

    /** For subclasses: an exception of a Python subtype of RuntimeError. */
    protected PyRuntimeError(String pythonType, PyTuple args, Map<String, Object> state) {
        super(pythonType, args, state);
    }
}
