package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code KeyError}: a mapping has no such key ({@code args()} holds the key). */
public class PyKeyError extends PyLookupError {
    private static final long serialVersionUID = 1L;

    /** KeyError(key), as Python code raises it. */
    public PyKeyError(Object key) {
        this(PyTuple.of(key), Map.of());
    }

    /** KeyError with these args and instance attributes (see {@link PyException}). */
    public PyKeyError(PyTuple args, Map<String, Object> state) {
        super("builtins.KeyError", args, state);
    }

    /** As Python: a KeyError with one argument shows its repr ({@code KeyError: 'a'}). */
    @Override
    public String str() {
        return args().size() == 1 ? multiprocessing4j.reduction.PyRepr.repr(args().get(0)) : super.str();
    }
}
