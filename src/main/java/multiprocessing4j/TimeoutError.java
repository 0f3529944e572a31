package multiprocessing4j;

/** A blocking call ran out of time, as Python's {@code multiprocessing.TimeoutError}. */
public class TimeoutError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public TimeoutError(String message) {
        super(message);
    }
}
