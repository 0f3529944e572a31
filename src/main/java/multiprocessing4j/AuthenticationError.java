package multiprocessing4j;

/**
 * The HMAC handshake failed, as Python's {@code multiprocessing.AuthenticationError}: the peer
 * used another authkey, answered with an unknown digest, or did not speak the handshake at all.
 */
public class AuthenticationError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public AuthenticationError(String message) {
        super(message);
    }

    public AuthenticationError(String message, Throwable cause) {
        super(message, cause);
    }
}
