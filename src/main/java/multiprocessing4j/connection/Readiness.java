package multiprocessing4j.connection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Waiting on a {@link Selector} with a timeout in seconds, as Python's {@code selectors}
 * wait: zero or a negative timeout only looks, {@link Double#POSITIVE_INFINITY} waits for ever.
 */
final class Readiness {
    private Readiness() {}

    /**
     * Selects until a key is ready, the timeout passes, or {@code abandoned} becomes true.
     *
     * @param onReady called once for each ready key
     * @return the number of ready keys; 0 when the timeout passed or the wait was abandoned
     * @throws InterruptedIOException if the thread is interrupted (its interrupt flag stays set)
     * @throws IllegalArgumentException if the timeout is NaN
     */
    static int await(Selector selector, double timeoutSeconds, BooleanSupplier abandoned,
                     Consumer<SelectionKey> onReady) throws IOException {
        if (Double.isNaN(timeoutSeconds)) throw new IllegalArgumentException("timeout is NaN");
        if (timeoutSeconds <= 0) return selector.selectNow(onReady);
        boolean forever = timeoutSeconds >= Long.MAX_VALUE / 4 / 1e9;
        long deadline = forever ? 0 : System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (true) {
            long millis = 0; // select's "no timeout"
            if (!forever) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return selector.selectNow(onReady);
                millis = Math.max(1, (left + 999_999) / 1_000_000);
            }
            int ready = selector.select(onReady, millis);
            if (ready > 0) return ready;
            if (abandoned.getAsBoolean()) return 0;
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for a connection");
            }
        }
    }
}
