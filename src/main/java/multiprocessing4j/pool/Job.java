package multiprocessing4j.pool;

/**
 * What a pool's cache holds for one call ({@code applyAsync}, {@code mapAsync}, {@code imap}…):
 * the sink its tasks' results go to. A job is told each task's outcome exactly once, in any
 * order, from any thread; implementations are thread-safe.
 */
abstract class Job {
    final long id;

    Job(long id) {
        this.id = id;
    }

    /** Task {@code index} finished: {@code value} is its result, or the {@link Throwable} it raised when {@code !ok}. */
    abstract void taskDone(int index, boolean ok, Object value);

    /** The pool will deliver nothing more (terminated or broken): the job fails with {@code why} if not done. */
    abstract void abandon(Throwable why);

    /** The job's task source ended after {@code count} tasks (lazy sources only). */
    void tasksKnown(int count) {
    }
}
