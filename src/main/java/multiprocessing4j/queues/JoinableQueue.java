package multiprocessing4j.queues;

import multiprocessing4j.PyValueError;
import multiprocessing4j.synchronize.Backoff;

/**
 * A {@link Queue} that counts unfinished tasks: CPython's {@code multiprocessing.JoinableQueue}.
 * Every {@code put} adds a task, every {@link #taskDone()} finishes one, and {@link #join()}
 * waits until none is unfinished, across all processes sharing the queue (the count lives in
 * the queue's segment, {@link RingLayout}).
 *
 * <p>{@code join()} polls the count with the queues' back-off (it cannot be woken across
 * processes), so it returns within about a millisecond of the last {@code taskDone()}.
 */
public class JoinableQueue extends Queue {
    private static final long serialVersionUID = 1L;

    /** An unbounded joinable queue. */
    public JoinableQueue() {
        super();
    }

    /** A joinable queue holding at most {@code maxsize} items ({@code <= 0}: unbounded). */
    public JoinableQueue(int maxsize) {
        super(maxsize);
    }

    JoinableQueue(int maxsize, int ringCapacity) {
        super(maxsize, ringCapacity);
    }

    JoinableQueue(RingChannel channel) {
        super(channel);
    }

    @Override
    void accepted() {
        channel.counters().taskAdded();
    }

    /**
     * Marks one task, taken with {@code get}, as done (CPython's {@code task_done()}).
     *
     * @throws PyValueError "task_done() called too many times" when no task is unfinished
     */
    public void taskDone() {
        if (!channel.counters().taskDone()) throw new PyValueError("task_done() called too many times");
    }

    /** Waits until every task put so far, by any process, is done (CPython's {@code join()}). */
    public void join() {
        Backoff wait = Backoff.until(Long.MAX_VALUE);
        while (channel.counters().unfinished() > 0) wait.pause();
    }
}
