package multiprocessing4j;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The entry point of every child JVM, as CPython's {@code spawn.spawn_main}; not for
 * applications. The child reads from stdin where and how to connect to its parent. A spawned
 * child also reads its job there, connects on another thread meanwhile (see {@link ChildJvm}),
 * and runs the job; a warm one ({@value #WARM}) warms up, connects and waits for its job on the
 * channel. Either reports its exit code on the channel and exits.
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
    /** A warm child is greeted before it gets its job: sending the job is the greeting. */
    private static final CompletableFuture<Void> GREETED = CompletableFuture.completedFuture(null);

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
        UnixDomainSocketAddress path;
        byte[] hello;
        String parentClassPath;
        try {
            path = UnixDomainSocketAddress.of(header.readUTF());
            long token = header.readLong();
            byte[] key = header.readNBytes(header.readShort());
            hello = ByteBuffer.allocate(Long.BYTES + key.length).putLong(token).put(key).array();
            parentClassPath = new String(header.readNBytes(header.readInt()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Runtime.getRuntime().halt(PARENT_DIED); // the parent exited while this JVM booted
            return;
        }
        if (!parentClassPath.isEmpty()) System.setProperty("java.class.path", parentClassPath); // not the CDS jar view
        if (args.length > 0 && args[0].equals(WARM)) {
            System.setIn(InputStream.nullInputStream()); // as CPython gives a child /dev/null
            warm(path, hello);
        } else {
            spawned(path, hello, header);
        }
    }

    /** A spawned child: connects on its own thread while it reads and runs its job. */
    private static void spawned(UnixDomainSocketAddress path, byte[] hello, DataInputStream header) throws IOException {
        Connector connector = new Connector(path, hello);
        connector.start();
        byte[] job;
        try {
            job = header.readNBytes(header.readInt());
        } catch (IOException e) {
            Runtime.getRuntime().halt(PARENT_DIED); // the parent died before it had written the job
            return;
        }
        System.setIn(InputStream.nullInputStream()); // as CPython gives a child /dev/null
        StartTrace.mark("received");
        Runtime.getRuntime().addShutdownHook(new SystemExitReport(connector.channel, connector.greeted));
        int exitcode = runJob(job, connector.greeted);
        finish(connector.channel.join(), exitcode, connector.greeted);
    }

    /** A warm child: connects, then waits for its job (taking the parent's preload hints meanwhile). */
    private static void warm(UnixDomainSocketAddress path, byte[] hello) throws IOException {
        WarmUp.run();
        Connection channel;
        byte[] job;
        CountDownLatch jobArrived = new CountDownLatch(1);
        try {
            channel = Client.connect(path);
            channel.sendBytes(hello);
            StartTrace.mark("connected");
            // Threads and hooks are made before the job arrives, so that a warm JVM has them
            // ready: starting a thread costs a millisecond or more on a busy machine.
            watchParent(channel, jobArrived);
            Runtime.getRuntime().addShutdownHook(new SystemExitReport(CompletableFuture.completedFuture(channel), GREETED));
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
        finish(channel, runJob(job, GREETED), GREETED);
    }

    /** Reports {@code exitcode} and exits with it, once the parent has {@code greeted} this child. */
    private static void finish(Connection channel, int exitcode, CompletableFuture<Void> greeted) {
        StartTrace.mark("ran");
        report(channel, new byte[] {ExitCodes.REPORT, (byte) (exitcode >>> 24), (byte) (exitcode >>> 16),
                (byte) (exitcode >>> 8), (byte) exitcode});
        StartTrace.print();
        greeted.join();
        System.exit(exitcode);
    }

    /** Runs {@code job}: its target's own code only once the parent has {@code greeted} this child. */
    private static int runJob(byte[] job, CompletableFuture<Void> greeted) throws IOException {
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
        greeted.join();
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
     * Starts the thread that exits when the channel reaches end of stream (the parent has died)
     * once the job has arrived; until then the main thread reads the channel and sees that itself.
     */
    private static void watchParent(Connection channel, CountDownLatch jobArrived) {
        Thread watcher = new Thread(() -> {
            try {
                jobArrived.await();
                while (true) channel.recvBytes();
            } catch (IOException | InterruptedException e) {
                Runtime.getRuntime().halt(PARENT_DIED);
            }
        }, "multiprocessing4j-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * The thread that connects a spawned child to its parent, takes the parent's greeting (its
     * first frame: the parent has accepted this child, see {@link ChildJvm#spawn}), then exits
     * the JVM when the channel reaches end of stream (the parent has died). This child runs its
     * target's code and exits only once greeted: a parent that saw it exit first would take it
     * for a JVM that died before connecting, and fail {@code start()}.
     *
     * <p>This and {@link SystemExitReport} are classes, not lambdas: a lambda's call site costs a
     * fresh JVM a proxy class spun at run time (CDS only archives those that {@link #train}
     * creates) on the way to its target.
     */
    private static final class Connector extends Thread {
        final CompletableFuture<Connection> channel = new CompletableFuture<>();
        final CompletableFuture<Void> greeted = new CompletableFuture<>();
        private final SocketAddress parent;
        private final byte[] hello;

        Connector(SocketAddress parent, byte[] hello) {
            super("multiprocessing4j-parent-watcher");
            setDaemon(true);
            this.parent = parent;
            this.hello = hello;
        }

        @Override
        public void run() {
            try {
                Connection c = Client.connect(parent);
                c.sendBytes(hello);
                StartTrace.mark("connected");
                channel.complete(c);
                c.recvBytes();
                greeted.complete(null);
                while (true) c.recvBytes();
            } catch (IOException e) {
                Runtime.getRuntime().halt(PARENT_DIED);
            }
        }
    }

    /**
     * The shutdown hook that tells the parent this child exits through {@code System.exit} (and
     * holds the exit until the parent has greeted this child).
     */
    private static final class SystemExitReport extends Thread {
        private final CompletableFuture<Connection> channel;
        private final CompletableFuture<Void> greeted;

        SystemExitReport(CompletableFuture<Connection> channel, CompletableFuture<Void> greeted) {
            super("multiprocessing4j-system-exit");
            this.channel = channel;
            this.greeted = greeted;
        }

        @Override
        public void run() {
            if (!REPORTED.get()) report(channel.join(), new byte[] {ExitCodes.SYSTEM_EXIT});
            greeted.join();
        }
    }

    /**
     * The run that {@link ClassDataSharing} archives the classes of: what every child loads (the
     * warm-up's job round, signals) and a spawned child's way from connecting to its report, on
     * a Unix-socket channel to this JVM itself; then it exits.
     */
    private static void train() throws IOException {
        // A training JVM whose parent has gone has nobody to build for: no orphan is left behind.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(PARENT_DIED)));
        for (String name : new String[] {"TERM", "INT", "HUP"}) Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
        StartTrace.mark("main");
        WarmUp.run();
        Connector connector;
        Connection parent; // left open until the exit: at its end of stream the connector halts this JVM, with no archive
        try (Listener listener = new Listener(null, 1, null)) {
            connector = new Connector(listener.address(), new byte[] {ExitCodes.REPORT});
            connector.start();
            parent = listener.accept();
        }
        if (parent.recvBytes().length != 1) throw new IOException("the training hello was not received");
        parent.sendBytes(ChildJvm.GREETING);
        Runtime.getRuntime().addShutdownHook(new SystemExitReport(connector.channel, connector.greeted));
        finish(connector.channel.join(), 0, connector.greeted);
    }
}
