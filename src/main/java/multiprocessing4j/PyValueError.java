package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code ValueError}: the right type, but an unacceptable value. */
public class PyValueError extends PyException {
    private static final long serialVersionUID = 1L;

    /** ValueError(message), as Python code raises it. */
    public PyValueError(String message) {
        this(PyTuple.of(message), Map.of());
    }

    /** ValueError with these args and instance attributes (see {@link PyException}). */
    public PyValueError(PyTuple args, Map<String, Object> state) {
        super("builtins.ValueError", args, state);
    }
}
