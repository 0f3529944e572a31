package multiprocessing4j.managers.hosted;

/**
 * Waiting on an object's monitor until a condition holds or a timeout in seconds passes
 * (null: for ever), as Python's {@code Condition.wait_for}. An interrupt (the server closing)
 * ends the wait with an {@link IllegalStateException}.
 */
final class Deadline {
    @FunctionalInterface
    interface Check {
        boolean holds();
    }

    private Deadline() {}

    /** Waits on {@code monitor} (held by the caller) until {@code check} holds; false on timeout. */
    static boolean await(Object monitor, Double timeoutSeconds, Check check) {
        long end = timeoutSeconds == null ? 0 : System.nanoTime() + Args.nanos(timeoutSeconds);
        try {
            while (!check.holds()) {
                if (timeoutSeconds == null) {
                    Waits.monitorWait(monitor, 0, 0);
                } else {
                    long left = end - System.nanoTime();
                    if (left <= 0) return false;
                    Waits.monitorWait(monitor, left / 1_000_000, (int) (left % 1_000_000));
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the manager's server is stopping", e);
        }
    }
}
