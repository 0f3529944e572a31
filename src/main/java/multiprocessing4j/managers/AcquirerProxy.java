package multiprocessing4j.managers;

/**
 * A proxy of a lock or semaphore on the server ({@code Lock}, {@code RLock},
 * {@code Semaphore}, {@code BoundedSemaphore}), as Python's {@code AcquirerProxy}.
 *
 * <p>Python's {@code with lock:} is
 * <pre>{@code
 * try (AcquirerProxy.Held held = lock.hold()) {
 *     ...
 * }
 * }</pre>
 * ({@link #close()}, as for every proxy, releases the proxy's reference, not the lock.)
 *
 * <p>The server's lock is owned by the server thread serving the calling Java thread's
 * connection, so an {@code RLock} is re-entrant per Java thread, as per Python thread.
 */
public class AcquirerProxy extends BaseProxy {

    public AcquirerProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /** Python's {@code acquire()}: blocks until acquired; true. */
    public boolean acquire() {
        return acquire(true);
    }

    /** Python's {@code acquire(blocking)}: false at once if not blocking and not available. */
    public boolean acquire(boolean blocking) {
        return (Boolean) callMethod("acquire", blocking);
    }

    /** Python's {@code acquire(blocking, timeout)}: waits at most {@code timeout} seconds (-1: for ever); false if it timed out. */
    public boolean acquire(boolean blocking, double timeout) {
        return (Boolean) callMethod("acquire", blocking, timeout);
    }

    /**
     * Python's {@code release()}.
     *
     * @throws multiprocessing4j.PyRuntimeError if the lock is not held ({@code ValueError} for a
     *     {@code BoundedSemaphore} released too often)
     */
    public void release() {
        callMethod("release");
    }

    /** Acquires (blocking), as Python's {@code with} does; closing the result releases (the name of {@code SemLock.hold()}). */
    public Held hold() {
        callMethod("acquire");
        return new Held(this);
    }

    /** A held lock; {@link #close()} releases it (once). */
    public static final class Held implements AutoCloseable {
        private AcquirerProxy lock;

        private Held(AcquirerProxy lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            AcquirerProxy l = lock;
            if (l != null) {
                lock = null;
                l.release();
            }
        }
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.AcquirerProxy";
    }
}
