package multiprocessing4j.reduction;

import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * A {@link LinkedHashSet} that prints as Python's {@code repr}: what an unpickled {@code set} is
 * ({@code {1, 'a'}}, and {@code set()} when empty). In every other way it is a
 * {@code LinkedHashSet}.
 */
public final class ReprSet extends LinkedHashSet<Object> {
    private static final long serialVersionUID = 1L;

    public ReprSet() {}

    public ReprSet(Collection<?> items) {
        super(items);
    }

    /** Python's {@code repr} of the set ({@link PyRepr}). */
    @Override
    public String toString() {
        return PyRepr.repr(this);
    }
}
