package multiprocessing4j.reduction;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Python's {@code frozenset}: an immutable, hashable set. As in Python, it equals any set with
 * the same members ({@code frozenset({1}) == {1}}), which is also {@link Set}'s contract; what
 * sets it apart is that it pickles back as a {@code frozenset}.
 *
 * <p>Iteration follows the order the members were given in (for a set received from CPython,
 * CPython's own iteration order, so its {@code repr} matches).
 */
public final class PyFrozenSet extends AbstractSet<Object> {
    private static final PyFrozenSet EMPTY = new PyFrozenSet(Collections.emptySet());

    private final Set<Object> members;

    private PyFrozenSet(Set<Object> members) {
        this.members = members;
    }

    public static PyFrozenSet of(Object... members) {
        return copyOf(java.util.Arrays.asList(members));
    }

    public static PyFrozenSet copyOf(Iterable<?> members) {
        if (members instanceof PyFrozenSet f) return f;
        LinkedHashSet<Object> set = new LinkedHashSet<>();
        for (Object o : members) set.add(o);
        return set.isEmpty() ? EMPTY : new PyFrozenSet(Collections.unmodifiableSet(set));
    }

    @Override
    public Iterator<Object> iterator() {
        return members.iterator();
    }

    @Override
    public int size() {
        return members.size();
    }

    @Override
    public boolean contains(Object o) {
        return members.contains(o);
    }

    /** Python's {@code repr}, e.g. {@code frozenset({1, 2})}. */
    @Override
    public String toString() {
        return PyRepr.repr(this);
    }
}
