package multiprocessing4j.pool;

/**
 * A pool of worker threads with {@link Pool}'s API: CPython's {@code multiprocessing.pool.ThreadPool}
 * ({@code multiprocessing.dummy.Pool}). Functions and their items are not serialized. Unlike
 * CPython's, the threads run Java code in parallel (there is no GIL), so it suits CPU-bound
 * work as well as waiting.
 *
 * <p>{@link #close()} is Python's {@code close()} here too: submitted work finishes, so leaving a
 * try-with-resources block does not lose it; {@link #terminate()} interrupts the running tasks.
 * The threads are daemon threads: they do not keep the JVM alive.
 */
public class ThreadPool extends Pool {

    /** CPython's {@code ThreadPool()}: one thread per CPU. */
    public ThreadPool() {
        this(null, null);
    }

    /** CPython's {@code ThreadPool(processes)}. */
    public ThreadPool(Integer processes) {
        this(processes, null);
    }

    /**
     * CPython's {@code ThreadPool(processes, initializer, initargs)}, with {@code initargs}
     * captured by the {@code initializer}.
     */
    public ThreadPool(Integer processes, Runnable initializer) {
        super(processes, null, new Threads(initializer));
    }

    private record Threads(Runnable initializer) implements WorkerFactory {
        @Override
        public JobFunction prepare(Object function) {
            return new JobFunction(function, null);
        }

        @Override
        public PoolWorker create(Pool pool, int number) {
            return new ThreadWorker(pool, number, initializer);
        }

        @Override
        public void close() {
        }
    }
}
