package multiprocessing4j.reduction;

import java.util.LinkedHashMap;

/**
 * A {@link LinkedHashMap} that prints as Python's {@code repr}: what an unpickled {@code dict} is
 * ({@code {'k': [1, 's']}}, not {@code {k=[1, s]}}). Insertion order is kept, as a Python dict
 * keeps it; in every other way it is a {@code LinkedHashMap}.
 */
public final class ReprDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    /** Python's {@code repr} of the dict ({@link PyRepr}). */
    @Override
    public String toString() {
        return PyRepr.repr(this);
    }
}
