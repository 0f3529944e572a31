package multiprocessing4j;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
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
        // jdk.unsupported's sun.misc.Signal is the only way to restore a default action (javac warns
        // about it); without it the JVM turns these signals into a normal exit with shutdown hooks.
        for (String name : new String[] {"TERM", "INT", "HUP"}) Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
        DataInputStream header = new DataInputStream(new FileInputStream(FileDescriptor.in));
        String path = header.readUTF();
        long token = header.readLong();
        byte[] key = header.readNBytes(header.readShort());
        System.setIn(InputStream.nullInputStream()); // as CPython gives a child /dev/null
        if (args.length > 0 && args[0].equals(WARM)) WarmUp.run();
        Connection channel;
        byte[] job;
        try {
            channel = Client.connect(UnixDomainSocketAddress.of(path));
            channel.sendBytes(ByteBuffer.allocate(Long.BYTES + key.length).putLong(token).put(key).array());
            job = channel.recvBytes();
        } catch (IOException e) {
            Runtime.getRuntime().halt(PARENT_DIED); // the parent exited, or discarded this warm JVM
            return;
        }
        int exitcode = runJob(channel, job);
        report(channel, new byte[] {ExitCodes.REPORT, (byte) (exitcode >>> 24), (byte) (exitcode >>> 16),
                (byte) (exitcode >>> 8), (byte) exitcode});
        System.exit(exitcode);
    }

    private static int runJob(Connection channel, byte[] job) throws IOException {
        PreparationData prep = PreparationData.deserialize(job);
        if (prep.runtimeState() != null) prep.runtimeState().apply();
        Multiprocessing.setStartMethod(prep.startMethod(), true);
        watchParent(channel);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!REPORTED.get()) report(channel, new byte[] {ExitCodes.SYSTEM_EXIT});
        }, "multiprocessing4j-system-exit"));
        Process self;
        try {
            self = TargetPickler.loads(prep.process());
        } catch (Throwable e) {
            Bootstrap.printTraceback(prep.name(), e);
            return 1;
        }
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

    /** Exits when the channel reaches end of stream: the parent has died. */
    private static void watchParent(Connection channel) {
        Thread watcher = new Thread(() -> {
            try {
                while (true) channel.recvBytes();
            } catch (IOException e) {
                Runtime.getRuntime().halt(PARENT_DIED);
            }
        }, "multiprocessing4j-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
