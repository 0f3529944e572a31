package multiprocessing4j;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import multiprocessing4j.connection.Connection;

/**
 * A child JVM: its OS process and its authenticated channel. Launched with this JVM's stdout,
 * stderr, working directory and environment; its stdin carries only the loopback address and
 * port, token and key it needs to connect back (see {@link ChildListener}), the class of this
 * JVM's {@code SelectorProvider} (see {@link ParentChannel}), the class path it must report as
 * {@code java.class.path} when it runs on a CDS jar view (see {@link JvmCommand}) and, for a
 * spawned child, its job; then end of stream.
 */
final class ChildJvm {
    final java.lang.Process os;
    private final CompletableFuture<Connection> channel;
    private boolean busy; // guarded by this
    private boolean warmed; // guarded by this
    private int preloaded; // guarded by this

    private ChildJvm(java.lang.Process os, CompletableFuture<Connection> channel) {
        this.os = os;
        this.channel = channel;
    }

    /**
     * Boots a JVM running {@link Spawn} with {@code job} on its stdin; returns at once, the JVM
     * connects while it boots (see {@link #channel()}).
     *
     * @throws IOException if the JVM cannot be started
     */
    static ChildJvm spawn(byte[] job) throws IOException {
        return launch(false, job);
    }

    /**
     * Boots a JVM running {@link Spawn} that warms up, and waits until it has connected; it
     * then waits for its job ({@link #sendJob}).
     *
     * @throws IOException if the JVM cannot be started or exits before connecting
     */
    static ChildJvm warm() throws IOException {
        ChildJvm jvm = launch(true, null);
        jvm.channel();
        return jvm;
    }

    private static ChildJvm launch(boolean warm, byte[] job) throws IOException {
        ChildListener listener = ChildListener.get();
        CompletableFuture<Connection> connected = new CompletableFuture<>();
        long token = listener.expect(connected);
        java.lang.Process os;
        JvmCommand.Command command = JvmCommand.of(warm);
        try {
            os = new ProcessBuilder(command.line())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            listener.forget(token);
            throw e;
        }
        os.onExit().thenRun(() -> {
            listener.forget(token);
            connected.completeExceptionally(new IOException(
                    "the child JVM (pid " + os.pid() + ") exited with code " + os.exitValue() + " before connecting"));
        });
        try (DataOutputStream stdin = new DataOutputStream(os.getOutputStream())) {
            InetSocketAddress address = (InetSocketAddress) listener.address();
            byte[] host = address.getAddress().getAddress();
            stdin.writeByte(host.length);
            stdin.write(host);
            stdin.writeShort(address.getPort());
            stdin.writeLong(token);
            byte[] key = listener.key();
            stdin.writeShort(key.length);
            stdin.write(key);
            stdin.writeUTF(SelectorProvider.provider().getClass().getName());
            byte[] classPath = command.classPathToRestore().getBytes(StandardCharsets.UTF_8);
            stdin.writeInt(classPath.length);
            stdin.write(classPath);
            if (job != null) {
                stdin.writeInt(job.length);
                stdin.write(job);
            }
        } catch (IOException e) {
            // the JVM died at once: the exit above reports why
        }
        return new ChildJvm(os, connected);
    }

    /**
     * The channel, once the JVM has connected.
     *
     * @throws IOException if the JVM exited before connecting
     */
    Connection channel() throws IOException {
        try {
            return channel.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            os.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a child JVM was starting");
        }
    }

    // What follows serves warm JVMs, connected by the time they are handed out.

    /**
     * Sends the job; from then on the JVM is no longer idle and gets no {@link #preload}.
     * Synchronized with {@code preload}, so that the two frames never interleave on the channel.
     */
    synchronized void sendJob(byte[] job) throws IOException {
        busy = true;
        try {
            channel.join().sendBytes(job);
        } catch (IOException e) {
            os.destroyForcibly();
            discard();
            throw e;
        }
    }

    /**
     * Sends an idle JVM the class names of {@code known} it has not been sent yet
     * ({@code known} only grows), see {@link Preload}. A JVM that has gone is left to
     * {@link #usable()} to notice.
     */
    synchronized void preload(List<String> known) {
        if (busy || preloaded >= known.size()) return;
        try {
            channel.join().sendBytes(Preload.frame(known.subList(preloaded, known.size())));
            preloaded = known.size();
        } catch (IOException e) {
            // gone: take() discards it
        }
    }

    /**
     * Waits until an idle JVM has finished its warm-up rounds ({@link ParentChannel#WARMED}), for
     * measurements that want fully warm JVMs. Holds this JVM's lock meanwhile, so a
     * {@link #sendJob} waits too (a few hundred ms at most). Returns at once for a JVM that has
     * its job or has gone.
     *
     * @return whether the JVM has said it is warm
     */
    synchronized boolean awaitWarm() {
        if (busy || warmed) return warmed;
        try {
            byte[] frame = channel.join().recvBytes(1);
            warmed = frame.length == 1 && frame[0] == ParentChannel.WARMED;
        } catch (IOException e) {
            // gone: take() discards it
        }
        return warmed;
    }

    /** Whether the JVM is still there to take a job. */
    boolean usable() {
        return os.isAlive() && !channel.join().closed();
    }

    /** Ends an unused JVM: closing its channel makes it exit. */
    void discard() {
        channel.join().close();
    }
}
