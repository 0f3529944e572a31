package multiprocessing4j.managers.hosted;

import java.util.List;
import java.util.Map;
import multiprocessing4j.BrokenBarrierError;
import multiprocessing4j.PyAttributeError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyTuple;

/**
 * Python's {@code threading.Barrier(parties, action=None, timeout=None)} as a manager hosts it,
 * following CPython's state machine: {@code wait} returns the arrival index (0 first), a
 * timeout or {@code abort()} breaks the barrier ({@code threading.BrokenBarrierError} for every
 * waiter, now and until {@code reset()}), and {@code parties}, {@code n_waiting} and
 * {@code broken} are read through {@code __getattribute__}.
 */
public final class PyBarrier implements Exposed {
    private static final List<String> PUBLIC = List.of("abort", "broken", "n_waiting", "parties", "reset", "wait");
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final int parties;
    private final Double defaultTimeout;
    private int state = FILLING;
    private int count;

    private PyBarrier(int parties, Double defaultTimeout) {
        this.parties = parties;
        this.defaultTimeout = defaultTimeout;
    }

    /** {@code threading.Barrier(parties, action=None, timeout=None)}; an action cannot run in Java. */
    public static PyBarrier make(PyTuple args, Map<String, Object> kwds) {
        Object[] a = Args.bind("Barrier", args, kwds, "parties", Args.REQUIRED, "action", null, "timeout", null);
        int parties = Args.index(a[0]);
        if (parties < 1) throw new PyValueError("parties must be > 0");
        if (a[1] != null) throw new PyTypeError("a Java-hosted Barrier cannot call an action; action must be None");
        return new PyBarrier(parties, Args.timeout(a[2]));
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public boolean hasMethod(String name) {
        return name.equals("__getattribute__") || name.equals("wait") || name.equals("abort") || name.equals("reset");
    }

    @Override
    public synchronized Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        switch (name) {
            case "wait": {
                Double timeout = Args.timeout(Args.bind(name, args, kwds, "timeout", null)[0]);
                return await(timeout != null ? timeout : defaultTimeout);
            }
            case "abort":
                Args.none(name, args, kwds);
                breakBarrier();
                return null;
            case "reset":
                Args.none(name, args, kwds);
                if (count > 0) {
                    if (state == FILLING || state == BROKEN) state = RESETTING;
                } else {
                    state = FILLING;
                }
                notifyAll();
                return null;
            default: { // __getattribute__
                Object attr = Args.bind(name, args, kwds, "name", Args.REQUIRED)[0];
                if ("parties".equals(attr)) return parties;
                if ("n_waiting".equals(attr)) return state == FILLING ? count : 0;
                if ("broken".equals(attr)) return state == BROKEN;
                throw new PyAttributeError("'Barrier' object has no attribute " + multiprocessing4j.reduction.PyRepr.repr(attr));
            }
        }
    }

    private int await(Double timeout) {
        Deadline.await(this, null, () -> state != RESETTING && state != DRAINING);
        if (state < 0) throw broken();
        int index = count++;
        try {
            if (index + 1 == parties) {
                state = DRAINING;
                notifyAll();
            } else {
                if (!Deadline.await(this, timeout, () -> state != FILLING)) {
                    breakBarrier();
                    throw broken();
                }
                if (state < 0) throw broken();
            }
            return index;
        } finally {
            count--;
            if (count == 0 && (state == RESETTING || state == DRAINING)) {
                state = FILLING;
                notifyAll();
            }
        }
    }

    private void breakBarrier() {
        state = BROKEN;
        notifyAll();
    }

    private static BrokenBarrierError broken() {
        return new BrokenBarrierError(PyTuple.of(), Map.of());
    }

    @Override
    public synchronized String toString() {
        if (state == BROKEN) return "<threading.Barrier at 0x" + Integer.toHexString(System.identityHashCode(this)) + ": broken>";
        return "<threading.Barrier at 0x" + Integer.toHexString(System.identityHashCode(this)) + ": waiters="
                + (state == FILLING ? count : 0) + "/" + parties + ">";
    }
}
