package multiprocessing4j.connection;

/**
 * The two ends that {@link Connection#Pipe(boolean)} returns, as the pair CPython's
 * {@code Pipe()} returns. For a simplex pipe, {@link #left()} is the reader and {@link #right()}
 * the writer, in CPython's order.
 *
 * @param left the first end (the reader of a simplex pipe)
 * @param right the second end (the writer of a simplex pipe)
 */
public record Pipe(Connection left, Connection right) implements AutoCloseable {

    /** Closes both ends. */
    @Override
    public void close() {
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
