package multiprocessing4j.managers.hosted;

import java.util.List;
import java.util.Map;
import multiprocessing4j.PyRuntimeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * Python's {@code threading.Lock} as a manager's {@code Lock} typeid hosts it: not owned (any
 * client may release it), {@code acquire(blocking=True, timeout=-1)} and {@code RuntimeError}
 * for releasing an unlocked lock.
 */
public final class PyLock implements Exposed {
    private static final List<String> PUBLIC = List.of("acquire", "acquire_lock", "locked", "locked_lock", "release",
            "release_lock");

    private boolean locked;

    /** {@code threading.Lock()}. */
    public static PyLock make(PyTuple args, Map<String, Object> kwds) {
        Args.none("Lock", args, kwds);
        return new PyLock();
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public synchronized Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        switch (name) {
            case "acquire", "acquire_lock" -> {
                Object[] a = Args.bind(name, args, kwds, "blocking", true, "timeout", -1);
                return acquire(PyTypes.truth(a[0]), lockTimeout(a[0], a[1]));
            }
            case "release", "release_lock" -> {
                if (!locked) throw new PyRuntimeError("release unlocked lock");
                locked = false;
                notifyAll();
                return null;
            }
            default -> {
                Args.none(name, args, kwds);
                return locked;
            }
        }
    }

    private boolean acquire(boolean blocking, Double timeout) {
        if (!blocking) {
            if (locked) return false;
        } else if (!Deadline.await(this, timeout, () -> !locked)) {
            return false;
        }
        locked = true;
        return true;
    }

    /**
     * The timeout of {@code _thread.lock.acquire} and {@code RLock.acquire}: -1 (or None, which a
     * proxy never sends) for ever, else a non-negative number of seconds, and none with
     * {@code blocking=False}.
     */
    static Double lockTimeout(Object blocking, Object timeout) {
        if (timeout == null) return null;
        double t = ((Number) timeout).doubleValue();
        if (t == -1) return null;
        if (!PyTypes.truth(blocking)) throw new PyValueError("can't specify a timeout for a non-blocking call");
        if (t < 0) throw new PyValueError("timeout value must be a non-negative number");
        return t;
    }

    @Override
    public String toString() {
        return "<" + (locked ? "locked" : "unlocked") + " _thread.lock object at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
