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
                long left = timeoutSeconds == null ? 0 : end - System.nanoTime(); // wait(0, 0): for ever
                if (timeoutSeconds != null && left <= 0) return false;
                Waits.during(() -> {
                    monitor.wait(left / 1_000_000, (int) (left % 1_000_000));
                    return null;
                });
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the manager's server is stopping", e);
        }
    }
}
