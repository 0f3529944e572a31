package multiprocessing4j.managers.hosted;

import java.util.List;
import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/** Python's {@code threading.Event()} as a manager hosts it. */
public final class PyEvent implements Exposed {
    private static final List<String> PUBLIC = List.of("clear", "isSet", "is_set", "set", "wait");

    private boolean flag;

    /** {@code threading.Event()}. */
    public static PyEvent make(PyTuple args, Map<String, Object> kwds) {
        Args.none("Event", args, kwds);
        return new PyEvent();
    }

    @Override
    public List<String> publicMethods() {
        return PUBLIC;
    }

    @Override
    public synchronized Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
        if (name.equals("wait")) {
            Double timeout = Args.timeout(Args.bind(name, args, kwds, "timeout", null)[0]);
            Deadline.await(this, timeout, () -> flag);
            return flag;
        }
        Args.none(name, args, kwds);
        switch (name) {
            case "set" -> {
                flag = true;
                notifyAll();
            }
            case "clear" -> flag = false;
            default -> {
                return flag; // is_set, isSet
            }
        }
        return null;
    }

    @Override
    public synchronized String toString() {
        return "<threading.Event at 0x" + Integer.toHexString(System.identityHashCode(this)) + ": "
                + (flag ? "set" : "unset") + ">";
    }
}
