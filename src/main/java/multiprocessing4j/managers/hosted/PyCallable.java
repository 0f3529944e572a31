package multiprocessing4j.managers.hosted;

import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/**
 * What a manager's registry calls to make an object of a typeid, as the {@code callable} of
 * CPython's {@code BaseManager.register}: Python's positional arguments and keyword arguments
 * in, the new referent out (usually an {@link Exposed}).
 */
@FunctionalInterface
public interface PyCallable {
    Object call(PyTuple args, Map<String, Object> kwds);
}
