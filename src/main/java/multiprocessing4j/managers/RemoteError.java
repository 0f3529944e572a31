package multiprocessing4j.managers;

import java.util.Map;
import multiprocessing4j.PyException;
import multiprocessing4j.reduction.PyTuple;

/**
 * The server failed outside the referent's own code, as Python's
 * {@code multiprocessing.managers.RemoteError}: an unknown method or object, a method that is not
 * exposed, a request it could not read ({@code #TRACEBACK}), or a result it could not pickle
 * ({@code #UNSERIALIZABLE}). It carries the server's formatted traceback.
 *
 * <p>Like CPython's, it is made on the client from the server's text and never crosses the wire.
 */
public class RemoteError extends PyException {
    private static final long serialVersionUID = 1L;
    private static final String RULE = "-".repeat(75);

    /** A RemoteError carrying the server's traceback {@code text}. */
    public RemoteError(String text) {
        super("multiprocessing.managers.RemoteError", PyTuple.of(text), Map.of());
    }

    /** The server's text: a formatted traceback, ending in the error's own line. */
    public String traceback() {
        return (String) args().get(0);
    }

    /** As CPython's {@code str(RemoteError)}: the text between two rules of 75 dashes. */
    @Override
    public String str() {
        return "\n" + RULE + "\n" + traceback() + RULE;
    }
}
