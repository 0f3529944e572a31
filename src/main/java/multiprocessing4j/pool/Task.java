package multiprocessing4j.pool;

/**
 * One unit a worker runs and answers: task {@code index} of job {@code job}. For a map, a task
 * is a chunk, {@code items[from, to)} (a slice of the map's input, which is not copied); for
 * {@code apply}, {@code items} is null.
 *
 * @param function the job's function, with its serialized form for process workers
 */
record Task(long job, int index, TaskKind kind, JobFunction function, Object[] items, int from, int to) {
    /** A task over all of {@code items} (null for none). */
    Task(long job, int index, TaskKind kind, JobFunction function, Object[] items) {
        this(job, index, kind, function, items, 0, items == null ? 0 : items.length);
    }
}
