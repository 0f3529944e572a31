package multiprocessing4j.pool;

import multiprocessing4j.ProcessError;

/**
 * A task's result will never come: the worker running it died (killed, out of memory, exited),
 * the pool was terminated first, or the pool broke (a worker's initializer raised). CPython's
 * pool hangs in the first and leaves results unfinished in the second; this one fails the
 * affected results with this error.
 */
public class WorkerLostError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public WorkerLostError(String message) {
        super(message);
    }

    public WorkerLostError(String message, Throwable cause) {
        super(message, cause);
    }
}
