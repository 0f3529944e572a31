package multiprocessing4j.pool;

/** Rethrowing a worker's exception as itself, checked or not (CPython raises the worker's exception). */
final class Throwables {
    private Throwables() {}

    /** Throws {@code t} unchanged; declared to return so that callers can write {@code throw sneaky(t)}. */
    static RuntimeException sneaky(Throwable t) {
        throw Throwables.<RuntimeException>raise(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E raise(Throwable t) throws E {
        throw (E) t;
    }
}
