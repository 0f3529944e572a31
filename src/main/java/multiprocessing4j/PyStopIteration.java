package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code StopIteration}: an iterator has no more items ({@code args()} may hold a generator's return value). */
public class PyStopIteration extends PyException {
    private static final long serialVersionUID = 1L;

    /** StopIteration with these args and instance attributes (see {@link PyException}). */
    public PyStopIteration(PyTuple args, Map<String, Object> state) {
        super("builtins.StopIteration", args, state);
    }
}
