package multiprocessing4j.pool;

/**
 * One unit a worker runs and answers: task {@code index} of job {@code job}. For a map, a task
 * is a chunk of {@code items}; for {@code apply}, {@code items} is null.
 *
 * @param function the job's function, with its serialized form for process workers
 */
record Task(long job, int index, TaskKind kind, JobFunction function, Object[] items) {
}
