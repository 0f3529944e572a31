package multiprocessing4j.managers;

/**
 * A proxy of a {@code Value} on the server, as Python's {@code ValueProxy}:
 * {@code v.value} → {@link #value()}, {@code v.value = x} → {@link #value(Object)}.
 * The manager's {@code Value} is a plain holder: the typecode is not enforced and there is no
 * lock (each call is atomic on the server).
 */
public class ValueProxy extends BaseProxy {

    public ValueProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /** Python's {@code v.value} (the exposed {@code get()}). */
    public Object value() {
        return callMethod("get");
    }

    /** Python's {@code v.value = value} (the exposed {@code set(value)}). */
    public void value(Object value) {
        callMethod("set", value);
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.ValueProxy";
    }
}
