package multiprocessing4j.pool;

/**
 * Attached (as a suppressed exception) to an exception that a task raised in a worker process:
 * names the worker and holds its stack trace as text, as CPython's {@code RemoteTraceback}
 * cause does. The exception's own stack trace is the worker's too; this one's is empty.
 */
public final class RemoteTraceback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemoteTraceback(String text) {
        super(text, null, false, false);
    }
}
