package multiprocessing4j.managers.hosted;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyRuntimeError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * Python's {@code threading.Condition()} as a manager hosts it: its own {@link PyRLock}
 * (owned per client thread), {@code wait(timeout=None)} returning whether it was notified,
 * {@code notify(n=1)} waking the longest waiters first (3.6's proxy sends no {@code n}),
 * {@code notify_all()}, and {@code RuntimeError} when the caller does not hold the lock.
 */
public final class PyCondition implements Exposed {
    private static final List<String> PUBLIC = List.of("acquire", "notify", "notify_all", "notifyAll", "release",
            "wait", "wait_for");

    private final PyRLock lock = new PyRLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    /** {@code threading.Condition()}; a lock of the caller's cannot be used from Java. */
    public static PyCondition make(PyTuple args, Map<String, Object> kwds) {
        Object[] a = Args.bind("Condition", args, kwds, "lock", null);
        if (a[0] != null) throw new PyTypeError("a Java-hosted Condition makes its own RLock; lock must be None");
        return new PyCondition();
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public boolean hasMethod(String name) {
        return PUBLIC.contains(name) && !name.equals("wait_for"); // wait_for takes a Python callable
    }

    @Override
    public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        switch (name) {
            case "acquire": {
                Object[] a = Args.bind(name, args, kwds, "blocking", true, "timeout", -1);
                return lock.acquire(PyTypes.truth(a[0]), PyLock.lockTimeout(a[0], a[1]));
            }
            case "release":
                Args.none(name, args, kwds);
                lock.release();
                return null;
            case "wait":
                return await(Args.timeout(Args.bind(name, args, kwds, "timeout", null)[0]));
            case "notify":
                notify(Args.index(Args.bind(name, args, kwds, "n", 1)[0]));
                return null;
            default: // notify_all, notifyAll
                Args.none(name, args, kwds);
                notify(Integer.MAX_VALUE);
                return null;
        }
    }

    private boolean await(Double timeout) {
        if (!lock.isOwned()) throw new PyRuntimeError("cannot wait on un-acquired lock");
        Waiter w = new Waiter();
        synchronized (waiters) {
            waiters.add(w);
        }
        int held = lock.releaseAll();
        boolean notified;
        try {
            synchronized (w) {
                notified = Deadline.await(w, timeout, () -> w.notified);
            }
        } finally {
            if (!w.notified) {
                synchronized (waiters) {
                    waiters.remove(w);
                }
            }
            lock.restore(held);
        }
        return notified;
    }

    private void notify(int n) {
        if (!lock.isOwned()) throw new PyRuntimeError("cannot notify on un-acquired lock");
        synchronized (waiters) {
            for (int i = 0; i < n && !waiters.isEmpty(); i++) {
                Waiter w = waiters.poll();
                synchronized (w) {
                    w.notified = true;
                    w.notifyAll();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "<Condition(" + lock + ", " + waiters.size() + ")>";
    }

    private static final class Waiter {
        boolean notified;
    }
}
