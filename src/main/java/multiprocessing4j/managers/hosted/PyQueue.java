package multiprocessing4j.managers.hosted;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import multiprocessing4j.Empty;
import multiprocessing4j.Full;
import multiprocessing4j.PyException;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.PyTypes;

/**
 * Python's {@code queue.Queue(maxsize=0)} as a manager's {@code Queue} and
 * {@code JoinableQueue} typeids host it: FIFO, blocking and timed {@code get}/{@code put},
 * {@code queue.Empty}/{@code queue.Full}, {@code task_done}/{@code join} counting the items
 * put, and CPython 3.13's {@code shutdown(immediate=False)}: afterwards {@code put} raises
 * {@code queue.ShutDown}, and so does {@code get} once the queue is empty; an immediate shutdown
 * also drops the items left (each counting as done) and releases {@code join}. Its public
 * methods are 3.13's; older clients never call {@code shutdown}, so they see 3.6–3.12's queue.
 */
public final class PyQueue implements Exposed {
    private static final List<String> PUBLIC = List.of("empty", "full", "get", "get_nowait", "join", "put",
            "put_nowait", "qsize", "shutdown", "task_done");

    /** Stands for None in the deque, which refuses null. */
    private static final Object NONE = new Object();

    private final int maxsize;
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private long unfinished;
    private boolean shutdown;

    private PyQueue(int maxsize) {
        this.maxsize = maxsize;
    }

    /** {@code queue.Queue(maxsize=0)}; zero or less means no limit. */
    public static PyQueue make(PyTuple args, Map<String, Object> kwds) {
        return new PyQueue(Args.index(Args.bind("Queue", args, kwds, "maxsize", 0)[0]));
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        Object[] a;
        switch (name) {
            case "get":
                a = Args.bind(name, args, kwds, "block", true, "timeout", null);
                return get(PyTypes.truth(a[0]), Args.timeout(a[1]));
            case "get_nowait":
                Args.none(name, args, kwds);
                return get(false, null);
            case "put":
                a = Args.bind(name, args, kwds, "item", Args.REQUIRED, "block", true, "timeout", null);
                put(a[0], PyTypes.truth(a[1]), Args.timeout(a[2]));
                return null;
            case "put_nowait":
                put(Args.bind(name, args, kwds, "item", Args.REQUIRED)[0], false, null);
                return null;
            case "shutdown":
                shutdown(PyTypes.truth(Args.bind(name, args, kwds, "immediate", false)[0]));
                return null;
            case "task_done":
                Args.none(name, args, kwds);
                taskDone();
                return null;
            case "join":
                Args.none(name, args, kwds);
                synchronized (this) {
                    Deadline.await(this, null, () -> unfinished == 0);
                }
                return null;
            default:
                Args.none(name, args, kwds);
                synchronized (this) {
                    return switch (name) {
                        case "qsize" -> items.size();
                        case "empty" -> items.isEmpty();
                        default -> maxsize > 0 && items.size() >= maxsize; // full
                    };
                }
        }
    }

    private synchronized Object get(boolean block, Double timeout) {
        if (shutdown && items.isEmpty()) throw shutDown();
        if (block) Deadline.await(this, timeout, () -> !items.isEmpty() || shutdown);
        if (items.isEmpty()) throw shutdown ? shutDown() : new Empty(PyTuple.of(), Map.of());
        Object item = items.poll();
        notifyAll();
        return item == NONE ? null : item;
    }

    private synchronized void put(Object item, boolean block, Double timeout) {
        if (shutdown) throw shutDown();
        if (maxsize > 0) {
            if (block) Deadline.await(this, timeout, () -> items.size() < maxsize || shutdown);
            if (shutdown) throw shutDown(); // woken by shutdown while waiting for room
            if (items.size() >= maxsize) throw new Full(PyTuple.of(), Map.of());
        }
        items.add(item == null ? NONE : item);
        unfinished++;
        notifyAll();
    }

    private synchronized void taskDone() {
        if (unfinished <= 0) throw new PyValueError("task_done() called too many times");
        if (--unfinished == 0) notifyAll();
    }

    /** Python's {@code shutdown}: no more puts; gets drain what is left, or nothing if immediate. */
    private synchronized void shutdown(boolean immediate) {
        shutdown = true;
        if (immediate) {
            while (items.poll() != null) {
                if (unfinished > 0) unfinished--;
            }
        }
        notifyAll(); // getters, putters and (after an immediate shutdown) joiners look again
    }

    private static PyException shutDown() {
        return new PyException("queue.ShutDown", PyTuple.of());
    }

    @Override
    public String toString() {
        return "<queue.Queue object at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
