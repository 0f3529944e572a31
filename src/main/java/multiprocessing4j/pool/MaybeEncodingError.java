package multiprocessing4j.pool;

import multiprocessing4j.ProcessError;

/**
 * A worker could not send a result (or the exception a task raised) back: it is not
 * serializable. CPython's {@code multiprocessing.pool.MaybeEncodingError}, with its message.
 */
public class MaybeEncodingError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public MaybeEncodingError(String value, String reason) {
        super("Error sending result: '" + value + "'. Reason: '" + reason + "'");
    }
}
