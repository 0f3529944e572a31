package multiprocessing4j;

/**
 * {@code Connection.recvBytesInto} was given a buffer smaller than the message, as Python's
 * {@code multiprocessing.BufferTooShort}. The whole message is kept in {@link #message()}, so
 * nothing is lost.
 */
public class BufferTooShort extends ProcessError {
    private static final long serialVersionUID = 1L;
    private final byte[] message;

    public BufferTooShort(byte[] message) {
        super("message of " + message.length + " bytes does not fit the buffer");
        this.message = message;
    }

    /** The complete message that did not fit. */
    public byte[] message() {
        return message;
    }
}
