package multiprocessing4j;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code threading.BrokenBarrierError}: the barrier was aborted or reset, or a wait timed out. */
public class BrokenBarrierError extends PyRuntimeError {
    private static final long serialVersionUID = 1L;

    /** BrokenBarrierError with these args and instance attributes (see {@link PyException}). */
    public BrokenBarrierError(PyTuple args, Map<String, Object> state) {
        super("threading.BrokenBarrierError", args, state);
    }
}
