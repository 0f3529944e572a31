package multiprocessing4j.managers;

import java.util.function.BooleanSupplier;

/**
 * A proxy of a {@code threading.Condition} on the server, as Python's {@code ConditionProxy}.
 *
 * <p>Python's {@code wait} is {@link #await} here and {@code notify_all} is
 * {@link #notifyAllWaiters()}, because {@link Object#wait()} and {@link Object#notifyAll()} are
 * final in Java; {@code notify(n)} keeps its name.
 */
public class ConditionProxy extends AcquirerProxy {

    public ConditionProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /** Python's {@code wait()}: releases the lock, waits for a notification, re-acquires; true. */
    public boolean await() {
        return (Boolean) callMethod("wait", (Object) null);
    }

    /** Python's {@code wait(timeout)}: false if {@code timeout} seconds passed without a notification. */
    public boolean await(double timeout) {
        return (Boolean) callMethod("wait", timeout);
    }

    /**
     * Python's {@code wait_for(predicate)}: waits until {@code predicate} (evaluated here, with
     * the lock held) is true.
     */
    public boolean waitFor(BooleanSupplier predicate) {
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await();
            result = predicate.getAsBoolean();
        }
        return true;
    }

    /**
     * Python's {@code wait_for(predicate, timeout)}: as {@link #waitFor(BooleanSupplier)}, for at
     * most {@code timeout} seconds; returns the predicate's last value.
     */
    public boolean waitFor(BooleanSupplier predicate, double timeout) {
        boolean result = predicate.getAsBoolean();
        long end = System.nanoTime() + (long) (timeout * 1e9);
        while (!result) {
            double left = (end - System.nanoTime()) / 1e9;
            if (left <= 0) break;
            await(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Python's {@code notify(n)}: wakes up to {@code n} waiters. The lock must be held. */
    public void notify(int n) {
        callMethod("notify", n);
    }

    /** Python's {@code notify_all()}. The lock must be held. */
    public void notifyAllWaiters() {
        callMethod("notify_all");
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.ConditionProxy";
    }
}
