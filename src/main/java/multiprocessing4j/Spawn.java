package multiprocessing4j;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The entry point of every child JVM, as CPython's {@code spawn.spawn_main}; not for
 * applications. The child reads from stdin where and how to reach its parent and, if spawned,
 * its job; it connects back ({@link ParentChannel}: a spawned child on a second thread while it
 * loads its target, a warm one ({@value #WARM}) after warming up, and then it waits for its job
 * on the channel), runs the job, reports its exit code on the channel and exits.
 *
 * <p>Signals: {@code SIGTERM}, {@code SIGINT} and {@code SIGHUP} get their default action back,
 * so they end the child at once, without shutdown hooks, and its parent sees the signal, as a
 * CPython child's do. The child exits on its own when its channel reaches end of stream, that
 * is when its parent has died.
 */
public final class Spawn {
    /** The argument that makes a warm child: it warms up before connecting, then waits. */
    static final String WARM = "--warm";

    private Spawn() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals(ClassDataSharing.TRAIN)) {
            train(args.length > 1 ? Files.readAllLines(Path.of(args[1])) : List.of());
            return;
        }
        boolean warm = args.length > 0 && args[0].equals(WARM);
        // jdk.unsupported's sun.misc.Signal is the only way to restore a default action (javac warns
        // about it); without it the JVM turns these signals into a normal exit with shutdown hooks.
        for (String name : new String[] {"TERM", "INT", "HUP"}) Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
        StartTrace.mark("main");
        DataInputStream stdin = new DataInputStream(new FileInputStream(FileDescriptor.in));
        ParentChannel parent;
        String parentClassPath;
        byte[] job = null;
        try {
            // readFully, not readNBytes: a parent that dies mid-write must not leave a truncated job
            InetSocketAddress address = new InetSocketAddress(
                    InetAddress.getByAddress(readFully(stdin, stdin.readUnsignedByte())), stdin.readUnsignedShort());
            parent = new ParentChannel(address, stdin.readLong(), readFully(stdin, stdin.readShort()), stdin.readUTF());
            parentClassPath = new String(readFully(stdin, stdin.readInt()), StandardCharsets.UTF_8);
            if (!warm) job = readFully(stdin, stdin.readInt());
        } catch (IOException e) {
            ParentChannel.parentDied(); // the parent exited while this JVM booted
            return;
        }
        if (!parentClassPath.isEmpty()) System.setProperty("java.class.path", parentClassPath); // not the CDS jar view
        System.setIn(InputStream.nullInputStream()); // as CPython gives a child /dev/null
        Runtime.getRuntime().addShutdownHook(new SystemExitReport(parent));
        if (warm) {
            WarmUp warmUp = WarmUp.start();
            parent.connect();
            job = parent.awaitJob(warmUp);
        } else {
            parent.connectInBackground();
        }
        StartTrace.mark("received");
        int exitcode = runJob(job);
        StartTrace.mark("ran");
        parent.report(new byte[] {ExitCodes.REPORT, (byte) (exitcode >>> 24), (byte) (exitcode >>> 16),
                (byte) (exitcode >>> 8), (byte) exitcode});
        StartTrace.print();
        System.exit(exitcode); // SystemExitReport ends the parent watch first
    }

    private static byte[] readFully(DataInputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
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

    /**
     * The shutdown hook that tells the parent this child exits through {@code System.exit}, if
     * nothing has reported yet, and then ends the watch for the parent's death (see
     * {@link ParentChannel#closeForExit()}). A class, not a lambda, for the reason
     * {@link ParentChannel}'s watcher gives.
     */
    private static final class SystemExitReport extends Thread {
        private final ParentChannel parent;

        SystemExitReport(ParentChannel parent) {
            super("multiprocessing4j-system-exit");
            this.parent = parent;
        }

        @Override
        public void run() {
            if (!parent.reported()) parent.report(new byte[] {ExitCodes.SYSTEM_EXIT});
            parent.closeForExit();
        }
    }

    /**
     * The run that {@link ClassDataSharing} archives the classes of: what every child loads
     * (the warm-up's first round, its exit and handshake rehearsals, the channel to a parent,
     * signals, the exit hook and the report, {@link StartTrace}), a manager's server (built, not
     * served: {@code Manager()} starts one in a child), and {@code applicationClasses},
     * loaded and linked as {@link Preload} does; then it exits. Not
     * {@link WarmUp#rehearseMethodHandles()}: with it in the archive, back-to-back {@code fork}
     * starts took ~1 ms longer in paired runs (2026-12-07; the cause was not pinned down).
     */
    private static void train(List<String> applicationClasses) throws IOException {
        // A training JVM whose parent has gone has nobody to build for: no orphan is left behind.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(ParentChannel::parentDied));
        for (String name : new String[] {"TERM", "INT", "HUP"}) Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
        StartTrace.mark("main");
        WarmUp.start();
        WarmUp.rehearseExit();
        WarmUp.rehearseHandshake();
        WarmUp.rehearseManager(); // its classes then map from the archive in a child that serves a manager
        Preload.load(applicationClasses);
        try (Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, null)) {
            ParentChannel parent = new ParentChannel((InetSocketAddress) listener.address(), 0, new byte[0], SelectorProvider.provider().getClass().getName());
            Runtime.getRuntime().addShutdownHook(new SystemExitReport(parent));
            parent.connectInBackground();
            // Accepted before the listener closes: a connection still in its backlog would be reset,
            // and the channel's watcher would take that for a dead parent and halt the run with 1.
            Connection served = listener.accept();
            Thread server = new Thread(() -> {
                try (served) {
                    while (true) served.recvBytes(); // the token and key, the report, then end of stream at exit
                } catch (IOException e) {
                    // this JVM is exiting
                }
            }, "multiprocessing4j-cds-training");
            server.setDaemon(true);
            server.start();
            parent.report(new byte[] {ExitCodes.REPORT, 0, 0, 0, 0});
        }
        System.exit(0);
    }
}
