package multiprocessing4j.pool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import multiprocessing4j.Process;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.reduction.PicklingError;
import multiprocessing4j.reduction.UnpicklingError;

/**
 * A worker process, seen from the pool: its connection, the frames queued for it, and a thread
 * that reads its results until its connection ends, then reaps the process and tells the pool
 * how it ended.
 */
final class ProcessWorker extends PoolWorker {
    private final ProcessWorkers home;
    private final ConcurrentLinkedQueue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sending = new ReentrantLock();
    /** The frames to the worker, built here; guarded by {@link #sending}. */
    private final ValueCodec.Writer out = new ValueCodec.Writer();
    private volatile Process process;
    private volatile Connection connection;
    private volatile Long pid;
    private volatile boolean killed;

    ProcessWorker(Pool pool, int number, ProcessWorkers home) {
        super(pool, number);
        this.home = home;
    }

    @Override
    void start() {
        Process p = home.process(number);
        process = p;
        p.start();
        pid = p.pid();
        if (killed) kill(); // terminate() came between the pool adding this worker and its start
        Thread handler = new Thread(this::serve, p.name() + "-results");
        handler.setDaemon(true);
        handler.start();
    }

    @Override
    void enqueue(Object taskOrStop) {
        outbox.add(taskOrStop);
    }

    /**
     * Sends the queued tasks as one frame. Whoever holds {@link #sending} drains the queue; a
     * thread that finds it held leaves its tasks to the holder, which re-checks the queue after
     * unlocking, so no task is left behind.
     */
    @Override
    void flush() {
        while (!outbox.isEmpty() && sending.tryLock()) {
            try {
                List<Task> batch = new ArrayList<>();
                boolean stop = false;
                for (Object o; (o = outbox.poll()) != null; ) {
                    if (o == STOP) {
                        stop = true;
                        break;
                    }
                    batch.add((Task) o);
                }
                if (!batch.isEmpty()) sendTasks(batch);
                if (stop) send(Frames.stop());
            } finally {
                sending.unlock();
            }
        }
    }

    @Override
    void kill() {
        killed = true;
        Process p = process;
        if (p != null) {
            try {
                p.terminate();
            } catch (RuntimeException e) {
                // already reaped
            }
        }
    }

    @Override
    String describe() {
        Process p = process;
        return (p == null ? "worker " + number : p.name()) + " (pid " + pid + ")";
    }

    private void sendTasks(List<Task> batch) {
        int length;
        try {
            length = Frames.tasks(out, batch);
        } catch (IOException e) {
            sendOneByOne(batch);
            return;
        }
        send(out.buffer(), length);
    }

    /** An item that does not serialize fails its own task, not the others in the frame. */
    private void sendOneByOne(List<Task> batch) {
        for (Task t : batch) {
            try {
                int length = Frames.tasks(out, List.of(t));
                send(out.buffer(), length);
            } catch (IOException e) {
                pool.onResult(this, t.job(), t.index(), false,
                        new PicklingError("cannot send task " + t.index() + " to a worker: " + e, e));
            }
        }
    }

    private void send(byte[] frame) {
        send(frame, frame.length);
    }

    private void send(byte[] frame, int length) {
        try {
            connection.sendBytes(frame, 0, length);
        } catch (IOException e) {
            // the worker is gone; its handler thread sees the end and fails its tasks
        }
    }

    private void serve() {
        Connection c = home.awaitConnection(number, process);
        if (c != null) {
            connection = c;
            pool.onWorkerReady(this);
            FrameInbox inbox = new FrameInbox();
            try {
                while (true) {
                    int length = inbox.receive(c);
                    try {
                        receive(inbox.frame(), length);
                    } catch (RuntimeException e) {
                        // a frame this side cannot make sense of: say so, and keep serving the rest
                        System.err.println("pool: bad frame from " + describe() + ":");
                        e.printStackTrace();
                    }
                }
            } catch (IOException e) {
                // end of stream: the worker exited or died
            }
            c.close();
        }
        pool.onWorkerExit(this, reap());
    }

    private void receive(byte[] frame, int length) throws IOException {
        ValueCodec.Reader in = Frames.reader(frame, length);
        if (frame[0] == Frames.INIT_FAILED) {
            Object error = in.getValue();
            Exception unreadable = in.takeError();
            Throwable t = error instanceof Throwable e ? e
                    : new UnpicklingError("cannot read the exception from " + describe() + ": " + unreadable, unreadable);
            attachTraceback(t);
            pool.onInitializerFailed(this, t);
            return;
        }
        long job = in.getLong();
        int index = in.getInt();
        boolean ok = in.getByte() == 1;
        Object value = in.getValue();
        Exception unreadable = in.takeError();
        if (unreadable != null) {
            ok = false;
            value = new UnpicklingError("cannot read the result of task " + index + " from " + describe() + ": "
                    + unreadable, unreadable);
        }
        if (!ok && value instanceof Throwable t) attachTraceback(t);
        pool.onResult(this, job, index, ok, value);
    }

    private void attachTraceback(Throwable t) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            t.printStackTrace(new java.io.PrintWriter(text));
        } catch (RuntimeException e) {
            text.write(t.getClass().getName() + " (its message fails: " + e + ")\n");
        }
        t.addSuppressed(new RemoteTraceback("raised in " + describe() + "\n\"\"\"\n" + text + "\"\"\""));
    }

    /** Waits for the process to end; null if it exited 0, else how it ended. */
    private String reap() {
        Process p = process;
        p.join(10);
        if (p.isAlive()) {
            p.kill();
            p.join();
        }
        Integer code = p.exitcode();
        awaitGone(pid); // join() returns on the child's report; wait for the OS to remove it too
        String how = code != null && code == 0 ? null : describe() + " exited prematurely: " + exit(code);
        try {
            p.close();
        } catch (RuntimeException e) {
            // not closable yet; the reaper will
        }
        return how;
    }

    private static void awaitGone(Long pid) {
        if (pid == null) return;
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // still there after 10 s: leave it to the OS
            }
        });
    }

    private static String exit(Integer code) {
        if (code == null) return "exit code unknown";
        if (code >= 0) return "exitcode " + code;
        return switch (-code) {
            case 9 -> "signal 9 (SIGKILL)";
            case 15 -> "signal 15 (SIGTERM)";
            case 6 -> "signal 6 (SIGABRT)";
            case 11 -> "signal 11 (SIGSEGV)";
            default -> "signal " + (-code);
        };
    }
}
