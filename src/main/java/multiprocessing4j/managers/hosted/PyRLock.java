package multiprocessing4j.managers.hosted;

import java.util.List;
import java.util.Map;
import multiprocessing4j.PyRuntimeError;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * Python's {@code threading.RLock} as a manager's {@code RLock} typeid hosts it (and the lock
 * of its {@code Condition}): re-entrant and owned. The owner is the server thread serving the
 * caller's connection; CPython clients keep one serving connection per thread, so ownership is
 * per client thread, as with CPython's manager. Releasing a lock the caller does not own raises
 * {@code RuntimeError("cannot release un-acquired lock")}.
 */
public final class PyRLock implements Exposed {
    private static final List<String> PUBLIC = List.of("acquire", "release");

    private Thread owner;
    private int count;

    /** {@code threading.RLock()}. */
    public static PyRLock make(PyTuple args, Map<String, Object> kwds) {
        Args.none("RLock", args, kwds);
        return new PyRLock();
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        if (name.equals("acquire")) {
            Object[] a = Args.bind(name, args, kwds, "blocking", true, "timeout", -1);
            return acquire(PyTypes.truth(a[0]), PyLock.lockTimeout(a[0], a[1]));
        }
        release();
        return null;
    }

    synchronized boolean acquire(boolean blocking, Double timeout) {
        Thread me = Thread.currentThread();
        if (owner == me) {
            count++;
            return true;
        }
        if (!blocking) {
            if (owner != null) return false;
        } else if (!Deadline.await(this, timeout, () -> owner == null)) {
            return false;
        }
        owner = me;
        count = 1;
        return true;
    }

    synchronized void release() {
        if (owner != Thread.currentThread()) throw new PyRuntimeError("cannot release un-acquired lock");
        if (--count == 0) {
            owner = null;
            notifyAll();
        }
    }

    synchronized boolean isOwned() {
        return owner == Thread.currentThread();
    }

    /** Releases every level the caller holds and returns how many, for {@code Condition.wait}. */
    synchronized int releaseAll() {
        int held = count;
        count = 0;
        owner = null;
        notifyAll();
        return held;
    }

    /** Takes the lock back with the levels {@link #releaseAll} returned. */
    synchronized void restore(int held) {
        Deadline.await(this, null, () -> owner == null);
        owner = Thread.currentThread();
        count = held;
    }

    @Override
    public synchronized String toString() {
        return "<" + (owner != null ? "locked" : "unlocked") + " _thread.RLock object owner=0 count=" + count
                + " at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
