package multiprocessing4j.reduction;

/**
 * A pickle was malformed, refused (a global outside the allow-list, a length beyond the data)
 * or truncated, as Python's {@code pickle.UnpicklingError}. Every failure of the underlying
 * engine, whatever its Java type, arrives as this.
 */
public class UnpicklingError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnpicklingError(String message) {
        super(message);
    }

    public UnpicklingError(String message, Throwable cause) {
        super(message, cause);
    }
}
