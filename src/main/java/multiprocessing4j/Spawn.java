package multiprocessing4j;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The entry point of every child JVM, as CPython's {@code spawn.spawn_main}; not for
 * applications. The child reads from stdin where and how to connect to its parent, connects,
 * (if {@value #WARM}) waits for its job, runs it, reports its exit code on the channel and exits.
 *
 * <p>Signals: {@code SIGTERM}, {@code SIGINT} and {@code SIGHUP} get their default action back,
 * so they end the child at once, without shutdown hooks, and its parent sees the signal, as a
 * CPython child's do. The child exits on its own when its channel reaches end of stream, that
 * is when its parent has died.
 */
public final class Spawn {
    /** The argument that makes a warm child: it warms up before connecting, then waits. */
    static final String WARM = "--warm";
    private static final int PARENT_DIED = 1;
    /** Whether this child has sent its one report. */
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private Spawn() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals(ClassDataSharing.TRAIN)) {
            train();
            return;
        }
        // jdk.unsupported's sun.misc.Signal is the only way to restore a default action (javac warns
        // about it); without it the JVM turns these signals into a normal exit with shutdown hooks.
        for (String name : new String[] {"TERM", "INT", "HUP"}) Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
        StartTrace.mark("main");
        DataInputStream header = new DataInputStream(new FileInputStream(FileDescriptor.in));
        String path;
        long token;
        byte[] key;
        String parentClassPath;
        try {
            path = header.readUTF();
            token = header.readLong();
            key = header.readNBytes(header.readShort());
            parentClassPath = new String(header.readNBytes(header.readInt()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Runtime.getRuntime().halt(PARENT_DIED); // the parent exited while this JVM booted
            return;
        }
        if (!parentClassPath.isEmpty()) System.setProperty("java.class.path", parentClassPath); // not the CDS jar view
        System.setIn(InputStream.nullInputStream()); // as CPython gives a child /dev/null
        if (args.length > 0 && args[0].equals(WARM)) WarmUp.run();
        Connection channel;
        byte[] job;
        CountDownLatch jobArrived = new CountDownLatch(1);
        try {
            channel = Client.connect(UnixDomainSocketAddress.of(path));
            channel.sendBytes(ByteBuffer.allocate(Long.BYTES + key.length).putLong(token).put(key).array());
            StartTrace.mark("connected");
            // Threads and hooks are made before the job arrives, so that a warm JVM has them
            // ready: starting a thread costs a millisecond or more on a busy machine.
            new ParentWatcher(channel, jobArrived).start();
            Runtime.getRuntime().addShutdownHook(new SystemExitReport(channel));
            job = channel.recvBytes();
            while (Preload.is(job)) { // a warm JVM, idle: the parent's hint of classes to come
                Preload.run(job);
                job = channel.recvBytes();
            }
            StartTrace.mark("received");
        } catch (IOException e) {
            Runtime.getRuntime().halt(PARENT_DIED); // the parent exited, or discarded this warm JVM
            return;
        }
        jobArrived.countDown();
        int exitcode = runJob(job);
        StartTrace.mark("ran");
        report(channel, new byte[] {ExitCodes.REPORT, (byte) (exitcode >>> 24), (byte) (exitcode >>> 16),
                (byte) (exitcode >>> 8), (byte) exitcode});
        StartTrace.print();
        System.exit(exitcode);
    }

    private static int runJob(byte[] job) throws IOException {
        PreparationData prep = PreparationData.deserialize(job);
        StartTrace.mark("prepared");
        if (prep.runtimeState() != null) prep.runtimeState().apply();
        Multiprocessing.setStartMethod(prep.startMethod(), true);
        Process self;
        try {
            self = TargetPickler.loads(prep.process());
        } catch (Throwable e) {
            Bootstrap.printTraceback(prep.name(), e);
            return 1;
        }
        StartTrace.mark("target-loaded");
        Process.becomeChild(self, prep.authkey(), new ParentProcess(prep.parentName(), prep.parentPid(), prep.authkey()));
        return Bootstrap.run(self);
    }

    private static void report(Connection channel, byte[] message) {
        if (!REPORTED.compareAndSet(false, true)) return;
        try {
            channel.sendBytes(message);
        } catch (IOException e) {
            // the parent is gone: nobody to tell
        }
    }

    /**
     * The thread that exits the JVM when the channel reaches end of stream (the parent has died)
     * once the job has arrived; until then the main thread reads the channel and sees that itself.
     *
     * <p>This and {@link SystemExitReport} are classes, not lambdas: a lambda's call site costs a
     * fresh (spawned) JVM a proxy class spun at run time on its way to the target, where CDS only
     * archives the proxies that {@link #train} creates.
     */
    private static final class ParentWatcher extends Thread {
        private final Connection channel;
        private final CountDownLatch jobArrived;

        ParentWatcher(Connection channel, CountDownLatch jobArrived) {
            super("multiprocessing4j-parent-watcher");
            setDaemon(true);
            this.channel = channel;
            this.jobArrived = jobArrived;
        }

        @Override
        public void run() {
            try {
                jobArrived.await();
                while (true) channel.recvBytes();
            } catch (IOException | InterruptedException e) {
                Runtime.getRuntime().halt(PARENT_DIED);
            }
        }
    }

    /** The shutdown hook that tells the parent this child exits through {@code System.exit}. */
    private static final class SystemExitReport extends Thread {
        private final Connection channel;

        SystemExitReport(Connection channel) {
            super("multiprocessing4j-system-exit");
            this.channel = channel;
        }

        @Override
        public void run() {
            if (!REPORTED.get()) report(channel, new byte[] {ExitCodes.SYSTEM_EXIT});
        }
    }

    /**
     * The run that {@link ClassDataSharing} archives the classes of: what every child loads
     * (the warm-up's job round, a Unix-socket channel, signals, the parent watcher, the exit
     * hook and the report, {@link StartTrace}) and then exits.
     */
    private static void train() throws IOException {
        // A training JVM whose parent has gone has nobody to build for: no orphan is left behind.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(PARENT_DIED)));
        for (String name : new String[] {"TERM", "INT", "HUP"}) Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
        StartTrace.mark("main");
        WarmUp.run();
        try (Listener listener = new Listener(null, 1, null)) {
            Thread server = new Thread(() -> {
                try (Connection c = listener.accept()) {
                    c.sendBytes(c.recvBytes());
                    c.recvBytes(); // the report
                } catch (IOException e) {
                    // the client below reports the failure
                }
            }, "multiprocessing4j-cds-training");
            server.start();
            try (Connection c = Client.connect(listener.address())) {
                c.sendBytes(new byte[] {ExitCodes.REPORT});
                if (c.recvBytes().length != 1) throw new IOException("the training echo failed");
                Runtime.getRuntime().addShutdownHook(new SystemExitReport(c));
                new ParentWatcher(c, new CountDownLatch(1)).start();
                report(c, new byte[] {ExitCodes.REPORT, 0, 0, 0, 0});
            }
        }
        System.exit(0);
    }
}
