package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code IndexError}: a sequence index is out of range. */
public class PyIndexError extends PyLookupError {
    private static final long serialVersionUID = 1L;

    /** IndexError(message), as Python code raises it. */
    public PyIndexError(String message) {
        this(PyTuple.of(message), Map.of());
    }

    /** IndexError with these args and instance attributes (see {@link PyException}). */
    public PyIndexError(PyTuple args, Map<String, Object> state) {
        super("builtins.IndexError", args, state);
    }
}
