package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code TypeError}: an operation applied to a value of the wrong type. */
public class PyTypeError extends PyException {
    private static final long serialVersionUID = 1L;

    /** TypeError(message), as Python code raises it. */
    public PyTypeError(String message) {
        this(PyTuple.of(message), Map.of());
    }

    /** TypeError with these args and instance attributes (see {@link PyException}). */
    public PyTypeError(PyTuple args, Map<String, Object> state) {
        super("builtins.TypeError", args, state);
    }
}
