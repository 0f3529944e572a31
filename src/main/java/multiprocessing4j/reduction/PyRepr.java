package multiprocessing4j.reduction;

/**
 * CPython's {@code repr()} of the values of the Python value model.
 *
 * <p>PLACEHOLDER until the reduction layer lands (issue 2): {@code String.valueOf}.
 */
public final class PyRepr {
    private PyRepr() {}

    public static String repr(Object value) {
        if (value instanceof PyTuple t) return t.asList().toString();
        if (value instanceof PyBytes b) return java.util.Arrays.toString(b.toByteArray());
        if (value instanceof PyFrozenSet s) return "frozenset" + new java.util.ArrayList<>(s);
        return String.valueOf(value);
    }
}
