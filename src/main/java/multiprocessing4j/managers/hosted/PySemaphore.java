package multiprocessing4j.managers.hosted;

import java.util.List;
import java.util.Map;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * Python's {@code threading.Semaphore(value=1)} and {@code threading.BoundedSemaphore(value=1)}
 * as a manager hosts them: {@code acquire(blocking=True, timeout=None)}, {@code release(n=1)},
 * and for the bounded kind {@code ValueError("Semaphore released too many times")}.
 */
public final class PySemaphore implements Exposed {
    private static final List<String> PUBLIC = List.of("acquire", "release");

    private final Integer bound;
    private long value;

    private PySemaphore(long value, Integer bound) {
        this.value = value;
        this.bound = bound;
    }

    /** {@code threading.Semaphore(value=1)}. */
    public static PySemaphore make(PyTuple args, Map<String, Object> kwds) {
        return new PySemaphore(initial("Semaphore", args, kwds), null);
    }

    /** {@code threading.BoundedSemaphore(value=1)}. */
    public static PySemaphore makeBounded(PyTuple args, Map<String, Object> kwds) {
        int value = initial("BoundedSemaphore", args, kwds);
        return new PySemaphore(value, value);
    }

    private static int initial(String type, PyTuple args, Map<String, Object> kwds) {
        int value = Args.index(Args.bind(type, args, kwds, "value", 1)[0]);
        if (value < 0) throw new PyValueError("semaphore initial value must be >= 0");
        return value;
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public synchronized Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        if (name.equals("acquire")) {
            Object[] a = Args.bind(name, args, kwds, "blocking", true, "timeout", null);
            boolean blocking = PyTypes.truth(a[0]);
            if (!blocking && a[1] != null) throw new PyValueError("can't specify timeout for non-blocking acquire");
            if (!blocking ? value == 0 : !Deadline.await(this, Args.timeout(a[1]), () -> value > 0)) return false;
            value--;
            return true;
        }
        int n = Args.index(Args.bind(name, args, kwds, "n", 1)[0]);
        if (n < 1) throw new PyValueError("n must be one or more");
        if (bound != null && value + n > bound) throw new PyValueError("Semaphore released too many times");
        value += n;
        notifyAll();
        return null;
    }

    @Override
    public synchronized String toString() {
        return "<threading." + (bound == null ? "Semaphore" : "BoundedSemaphore") + " at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ": value=" + value + ">";
    }
}
