package multiprocessing4j.managers;

import java.util.Iterator;
import java.util.NoSuchElementException;
import multiprocessing4j.PyStopIteration;

/**
 * A proxy of an iterator on the server, as Python's {@code IteratorProxy}: what a dict's
 * {@code __iter__} and a pool's {@code imap} return. Each {@link #next()} is one {@code __next__}
 * call; the server's {@code StopIteration} ends the iteration.
 *
 * <p>Not thread-safe: one reader at a time, as any {@link Iterator}.
 */
public class IteratorProxy extends BaseProxy implements Iterator<Object> {
    private static final Object NONE_YET = new Object();
    private Object lookahead = NONE_YET;
    private boolean exhausted;

    public IteratorProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    @Override
    public boolean hasNext() {
        if (exhausted) return false;
        if (lookahead == NONE_YET) {
            try {
                lookahead = callMethod("__next__");
            } catch (PyStopIteration e) {
                exhausted = true;
                close();
                return false;
            }
        }
        return true;
    }

    @Override
    public Object next() {
        if (!hasNext()) throw new NoSuchElementException();
        Object item = lookahead;
        lookahead = NONE_YET;
        return item;
    }

    /** The generator's {@code send(value)}: resumes it with {@code value} and returns what it yields next. */
    public Object send(Object value) {
        return callMethod("send", value);
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.IteratorProxy";
    }
}
