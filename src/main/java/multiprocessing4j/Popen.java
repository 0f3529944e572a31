package multiprocessing4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;

/**
 * One started child, as CPython's {@code Popen} objects: its exit code, waiting for it, and
 * signalling it. A watcher thread reads the child's channel (a spawned child connects while it
 * boots): the child's report completes the exit code at once (the JVM's own exit, 7&ndash;12 ms,
 * happens in the background); without a report, or without a channel (a JVM that ended before
 * connecting), the OS exit status decides (see {@link ExitCodes}).
 *
 * <p>Watchers are daemon threads, reused from one child to the next. This JVM does not end
 * before a non-daemonic child has, as CPython joins them at exit, through {@link KeepAlive};
 * except for a {@link ServerProcess}, which its owner ends.
 */
final class Popen {
    private static final String WATCHER = "multiprocessing4j-watch";
    private static final ExecutorService WATCHERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, WATCHER);
        t.setDaemon(true);
        return t;
    });

    private final java.lang.Process os;
    private final ChildJvm jvm;
    private final boolean keepsJvmAlive;
    private final CompletableFuture<Integer> exitcode = new CompletableFuture<>();
    private Pipe sentinel; // guarded by this

    private Popen(ChildJvm jvm, boolean keepsJvmAlive) {
        this.os = jvm.os;
        this.jvm = jvm;
        this.keepsJvmAlive = keepsJvmAlive;
    }

    /** Starts watching {@code jvm}, which has its job. */
    static Popen start(ChildJvm jvm, Process process) {
        Popen popen = new Popen(jvm, !process.daemon() && process.parentWaits());
        if (popen.keepsJvmAlive) KeepAlive.childStarted();
        String name = WATCHER + "-" + process.name();
        WATCHERS.execute(() -> {
            Thread.currentThread().setName(name);
            try {
                popen.watch();
            } finally {
                Thread.currentThread().setName(WATCHER);
            }
        });
        return popen;
    }

    private void watch() {
        boolean systemExit = false;
        Connection channel = null;
        try {
            channel = jvm.channel();
            byte[] report = channel.recvBytes(5);
            if (report.length == 1 && report[0] == ParentChannel.WARMED) report = channel.recvBytes(5); // sent while idle
            StartTrace.mark("report");
            if (report.length == 5 && report[0] == ExitCodes.REPORT) {
                ended(((report[1] & 0xFF) << 24) | ((report[2] & 0xFF) << 16)
                        | ((report[3] & 0xFF) << 8) | (report[4] & 0xFF));
            }
            StartTrace.print();
            systemExit = report.length == 1 && report[0] == ExitCodes.SYSTEM_EXIT;
            while (true) channel.recvBytes(5); // until the JVM is gone
        } catch (IOException e) {
            // end of stream: the child JVM has exited (or is exiting), or it never connected
        } catch (RuntimeException e) {
            // a bug here must not leave join() and KeepAlive waiting for ever: the OS status decides
        } finally {
            if (channel != null) channel.close();
        }
        if (!exitcode.isDone()) {
            int status = waitForOs();
            ended(systemExit ? status : ExitCodes.fromUnreported(status));
        }
    }

    /** Runs {@code action} once the child has ended (at once if it has), on the thread that saw it end. */
    void whenEnded(Runnable action) {
        exitcode.thenRun(action);
    }

    private void ended(int code) {
        if (exitcode.complete(code) && keepsJvmAlive) KeepAlive.childEnded();
        synchronized (this) {
            if (sentinel != null) sentinel.right().close();
        }
    }

    private int waitForOs() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return os.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The exit code, or null while the child runs. */
    Integer exitcode() {
        return exitcode.getNow(null);
    }

    long pid() {
        return os.pid();
    }

    /** Waits up to {@code timeoutSeconds} (infinity: for ever); whether the child has ended. */
    boolean await(double timeoutSeconds) {
        if (Double.isNaN(timeoutSeconds)) throw new IllegalArgumentException("timeout is NaN");
        try {
            if (timeoutSeconds == Double.POSITIVE_INFINITY) exitcode.get();
            else exitcode.get((long) Math.max(0, Math.min(timeoutSeconds * 1e9, Long.MAX_VALUE)), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while joining a process", e);
        }
    }

    void terminate() {
        if (!exitcode.isDone()) os.destroy();
    }

    void kill() {
        if (!exitcode.isDone()) os.destroyForcibly();
    }

    /** A connection that reaches end of stream once the child has ended. */
    synchronized Connection sentinel() {
        if (sentinel == null) {
            try {
                sentinel = Connection.Pipe(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (exitcode.isDone()) sentinel.right().close();
        }
        return sentinel.left();
    }

    synchronized void close() {
        if (sentinel != null) {
            sentinel.left().close();
            sentinel.right().close();
        }
    }
}
