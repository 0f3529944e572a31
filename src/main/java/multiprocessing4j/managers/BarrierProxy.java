package multiprocessing4j.managers;

import multiprocessing4j.BrokenBarrierError;

/**
 * A proxy of a {@code threading.Barrier} on the server, as Python's {@code BarrierProxy}.
 * Python's {@code wait} is {@link #await} here ({@link Object#wait()} is final in Java).
 */
public class BarrierProxy extends BaseProxy {

    public BarrierProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /**
     * Python's {@code wait()}: blocks until all parties wait; returns this party's index (0 to
     * {@code parties() - 1}).
     *
     * @throws BrokenBarrierError if the barrier is or becomes broken
     */
    public int await() {
        return ((Number) callMethod("wait", (Object) null)).intValue();
    }

    /**
     * Python's {@code wait(timeout)}.
     *
     * @throws BrokenBarrierError if the barrier is or becomes broken, or the wait times out (which
     *     breaks it)
     */
    public int await(double timeout) {
        return ((Number) callMethod("wait", timeout)).intValue();
    }

    /** Python's {@code abort()}: breaks the barrier. */
    public void abort() {
        callMethod("abort");
    }

    /** Python's {@code reset()}: back to the initial state; current waiters get {@link BrokenBarrierError}. */
    public void reset() {
        callMethod("reset");
    }

    /** Python's {@code parties}. */
    public int parties() {
        return ((Number) callMethod("__getattribute__", "parties")).intValue();
    }

    /** Python's {@code n_waiting}. */
    public int nWaiting() {
        return ((Number) callMethod("__getattribute__", "n_waiting")).intValue();
    }

    /** Python's {@code broken}. */
    public boolean broken() {
        return (Boolean) callMethod("__getattribute__", "broken");
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.BarrierProxy";
    }
}
