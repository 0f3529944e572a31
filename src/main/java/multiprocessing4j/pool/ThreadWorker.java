package multiprocessing4j.pool;

import java.util.concurrent.LinkedBlockingQueue;

/** A worker thread of a {@link ThreadPool}: runs tasks in this process, no serialization. */
final class ThreadWorker extends PoolWorker {
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Runnable initializer;
    private volatile Thread thread;

    ThreadWorker(Pool pool, int number, Runnable initializer) {
        super(pool, number);
        this.initializer = initializer;
    }

    @Override
    void start() {
        thread = new Thread(this::run, "ThreadPoolWorker-" + number);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    void enqueue(Object taskOrStop) {
        inbox.add(taskOrStop);
    }

    @Override
    void flush() {
        // the thread takes from the inbox itself
    }

    /** Drops the queued tasks and interrupts the running one (CPython's ThreadPool waits for it instead). */
    @Override
    void kill() {
        inbox.clear();
        inbox.add(STOP);
        Thread t = thread;
        if (t != null) t.interrupt();
    }

    @Override
    String describe() {
        return thread.getName();
    }

    private void run() {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                pool.onInitializerFailed(this, t);
                pool.onWorkerExit(this, null);
                return;
            }
        }
        pool.onWorkerReady(this);
        String how = null;
        try {
            for (Object o; (o = inbox.take()) != STOP; ) {
                Task t = (Task) o;
                Object value;
                boolean ok = false;
                try {
                    value = t.kind().run(t.function().function(), t.items(), t.from(), t.to());
                    ok = true;
                } catch (Throwable e) {
                    value = e;
                }
                pool.onResult(this, t.job(), t.index(), ok, value);
            }
        } catch (InterruptedException e) {
            how = describe() + " was interrupted";
        }
        pool.onWorkerExit(this, how);
    }
}
