package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code queue.Empty}: a non-blocking or timed {@code get} found no item. */
public class Empty extends PyException {
    private static final long serialVersionUID = 1L;

    /** Empty with these args and instance attributes (see {@link PyException}). */
    public Empty(PyTuple args, Map<String, Object> state) {
        this("queue.Empty", args, state);
    }

    /** Empty as raised by the C accelerator of newer Pythons, whose type is {@code _queue.Empty}. */
    protected Empty(String pythonType, PyTuple args, Map<String, Object> state) {
        super(pythonType, args, state);
    }
}
