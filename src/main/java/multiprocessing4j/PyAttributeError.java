package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code AttributeError}: an object has no such attribute (or it cannot be set or deleted). */
public class PyAttributeError extends PyException {
    private static final long serialVersionUID = 1L;

    /** AttributeError(message), as Python code raises it. */
    public PyAttributeError(String message) {
        this(PyTuple.of(message), Map.of());
    }

    /** AttributeError with these args and instance attributes (see {@link PyException}). */
    public PyAttributeError(PyTuple args, Map<String, Object> state) {
        super("builtins.AttributeError", args, state);
    }
}
