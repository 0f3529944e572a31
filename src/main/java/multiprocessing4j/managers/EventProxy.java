package multiprocessing4j.managers;

/**
 * A proxy of a {@code threading.Event} on the server, as Python's {@code EventProxy}.
 * Python's {@code wait} is {@link #await} here ({@link Object#wait()} is final in Java).
 */
public class EventProxy extends BaseProxy {

    public EventProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /** Python's {@code is_set()}. */
    public boolean isSet() {
        return (Boolean) callMethod("is_set");
    }

    /** Python's {@code set()}: wakes every waiter. */
    public void set() {
        callMethod("set");
    }

    /** Python's {@code clear()}. */
    public void clear() {
        callMethod("clear");
    }

    /** Python's {@code wait()}: blocks until the flag is set; true. */
    public boolean await() {
        return (Boolean) callMethod("wait", (Object) null);
    }

    /** Python's {@code wait(timeout)}: the flag after waiting at most {@code timeout} seconds. */
    public boolean await(double timeout) {
        return (Boolean) callMethod("wait", timeout);
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.EventProxy";
    }
}
