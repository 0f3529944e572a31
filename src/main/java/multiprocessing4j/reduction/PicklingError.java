package multiprocessing4j.reduction;

/** A value could not be pickled, as Python's {@code pickle.PicklingError}. */
public class PicklingError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PicklingError(String message) {
        super(message);
    }

    public PicklingError(String message, Throwable cause) {
        super(message, cause);
    }
}
