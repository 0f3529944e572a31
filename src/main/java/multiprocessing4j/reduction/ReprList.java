package multiprocessing4j.reduction;

import java.util.ArrayList;
import java.util.Collection;

/**
 * An {@link ArrayList} that prints as Python's {@code repr}: what an unpickled {@code list} is,
 * so that printing a value that came from Python, or through a queue, a pipe or a manager, shows
 * what CPython's {@code print} shows ({@code [42, None, 'hello']}, not {@code [42, null, hello]}).
 * In every other way it is an {@code ArrayList}: equal to any list with equal elements.
 */
public final class ReprList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    public ReprList() {}

    public ReprList(int initialCapacity) {
        super(initialCapacity);
    }

    public ReprList(Collection<?> items) {
        super(items);
    }

    /** Python's {@code repr} of the list ({@link PyRepr}). */
    @Override
    public String toString() {
        return PyRepr.repr(this);
    }
}
