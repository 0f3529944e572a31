package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code LookupError}: the base of {@link PyKeyError} and {@link PyIndexError}. */
public class PyLookupError extends PyException {
    private static final long serialVersionUID = 1L;

    /** LookupError(message), as Python code raises it. */
    public PyLookupError(String message) {
        this(PyTuple.of(message), Map.of());
    }

    /** LookupError with these args and instance attributes (see {@link PyException}). */
    public PyLookupError(PyTuple args, Map<String, Object> state) {
        super("builtins.LookupError", args, state);
    }

    /** For subclasses: an exception of a Python subtype of LookupError. */
    protected PyLookupError(String pythonType, PyTuple args, Map<String, Object> state) {
        super(pythonType, args, state);
    }
}
