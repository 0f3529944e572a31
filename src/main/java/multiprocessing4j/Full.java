package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code queue.Full}: a non-blocking or timed {@code put} found no room. */
public class Full extends PyException {
    private static final long serialVersionUID = 1L;

    /** Full with these args and instance attributes (see {@link PyException}). */
    public Full(PyTuple args, Map<String, Object> state) {
        super("queue.Full", args, state);
    }
}
