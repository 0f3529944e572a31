package multiprocessing4j;

/**
 * Base of multiprocessing's own errors, as Python's {@code multiprocessing.ProcessError}.
 *
 * <p>Unchecked, so that it can cross the {@code java.util} interfaces that proxies implement.
 */
public class ProcessError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessError(String message) {
        super(message);
    }

    public ProcessError(String message, Throwable cause) {
        super(message, cause);
    }
}
