package multiprocessing4j;

/**
 * Lets a checked exception leave a method that does not declare it, unchanged: how the
 * serializable functional interfaces here let a lambda throw what Python code may raise while
 * still being a {@code Runnable}, {@code Supplier} or {@code Function}.
 */
final class Undeclared {
    private Undeclared() {}

    /** Throws {@code e} as it is; declared to return so that callers can write {@code throw Undeclared.raise(e)}. */
    static RuntimeException raise(Exception e) {
        throw Undeclared.<RuntimeException>cast(e);
    }

    /** The cast to {@code X} is erased: the compiler's checked-exception rule is all it bypasses. */
    @SuppressWarnings("unchecked")
    private static <X extends Exception> X cast(Exception e) throws X {
        throw (X) e;
    }
}
