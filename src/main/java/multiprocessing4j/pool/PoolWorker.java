package multiprocessing4j.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The pool's side of one worker: what it was given and has not answered, and how to reach it.
 * The bookkeeping fields are guarded by the pool's lock; {@link #enqueue} is called under it
 * (so tasks and the stop order keep their order) and {@link #flush} outside it, because a send
 * can block on a busy worker and the pool's other threads must go on meanwhile.
 */
abstract class PoolWorker {
    /** Tasks a worker may hold at once: one running, one waiting, so it never idles between tasks. */
    static final int WINDOW = 2;
    /** What {@link #enqueue} receives to tell the worker to finish its tasks and exit. */
    static final Object STOP = new Object() {
        @Override
        public String toString() {
            return "STOP";
        }
    };

    final Pool pool;
    final int number;
    boolean ready;
    boolean stopSent;
    int assigned;
    private final ArrayDeque<Task> outstanding = new ArrayDeque<>();

    PoolWorker(Pool pool, int number) {
        this.pool = pool;
        this.number = number;
    }

    /** Starts the worker; it calls {@link Pool#onWorkerReady} when it can take tasks. */
    abstract void start();

    /** Queues a {@link Task} or {@link #STOP} for the worker, in order; does not block. */
    abstract void enqueue(Object taskOrStop);

    /** Sends what was queued, if this thread can; never under the pool's lock. */
    abstract void flush();

    /** Stops the worker now (terminate): its thread or process ends without finishing its tasks. */
    abstract void kill();

    /** The worker's name, and pid for a process, for messages. */
    abstract String describe();

    boolean canTake(Integer maxtasks) {
        return ready && !stopSent && outstanding.size() < WINDOW && (maxtasks == null || assigned < maxtasks);
    }

    void assign(Task task) {
        outstanding.add(task);
        assigned++;
        enqueue(task);
    }

    void stop() {
        stopSent = true;
        enqueue(STOP);
    }

    /** The worker answered task {@code index} of job {@code job}. */
    void answered(long job, int index) {
        Task head = outstanding.peek();
        if (head != null && head.job() == job && head.index() == index) {
            outstanding.poll();
            return;
        }
        for (Iterator<Task> it = outstanding.iterator(); it.hasNext(); ) {
            Task t = it.next();
            if (t.job() == job && t.index() == index) {
                it.remove();
                return;
            }
        }
    }

    /** The tasks the worker will now never answer. */
    List<Task> drainOutstanding() {
        List<Task> lost = new ArrayList<>(outstanding);
        outstanding.clear();
        return lost;
    }
}
