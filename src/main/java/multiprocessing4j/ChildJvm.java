package multiprocessing4j;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import multiprocessing4j.connection.Connection;

/**
 * A child JVM that has booted and connected back: its OS process and its authenticated channel.
 * Launched with this JVM's stdout, stderr, working directory and environment; its stdin carries
 * the address, token and key it needs to connect, the class path it must report as
 * {@code java.class.path} when it runs on a CDS jar view (see {@link JvmCommand}), for a
 * {@linkplain #spawn spawned} child its job, then end of stream.
 *
 * <p>A spawned child gets its job on stdin rather than on the channel so that it can deserialize
 * and run it while it connects: connecting is a cold JVM's first Unix socket, which costs it the
 * service lookup of a {@code SelectorProvider} on the class path and the set-up of a
 * {@code SecureRandom}, about as long as deserializing its target. Its stdin is a pipe that only
 * this JVM writes, as private as the channel.
 */
final class ChildJvm {
    /**
     * A spawned child's first frame: this JVM has accepted it as its child. Until then the child
     * neither runs its target's code nor exits, since an exit seen before its connection would
     * read as a JVM that died before connecting.
     */
    static final byte[] GREETING = {'G'};

    final java.lang.Process os;
    final Connection channel;
    private boolean busy; // guarded by this
    private int preloaded; // guarded by this

    private ChildJvm(java.lang.Process os, Connection channel) {
        this.os = os;
        this.channel = channel;
    }

    /**
     * Boots a warm JVM running {@link Spawn} for {@link ForkServer} and waits until it has
     * connected; it waits for its job on the channel ({@link #sendJob}).
     *
     * @throws IOException if the JVM cannot be started or exits before connecting
     */
    static ChildJvm launch() throws IOException {
        return launch(null);
    }

    /**
     * Boots a JVM running {@link Spawn} with {@code job} on its stdin, waits until it has
     * connected (it has started on its job meanwhile) and greets it ({@link #GREETING}); it gets
     * no {@link #preload}.
     *
     * @throws IOException if the JVM cannot be started or exits before connecting
     */
    static ChildJvm spawn(byte[] job) throws IOException {
        ChildJvm jvm = launch(job);
        synchronized (jvm) {
            jvm.busy = true;
            try {
                jvm.channel.sendBytes(GREETING);
            } catch (IOException e) {
                jvm.os.destroyForcibly();
                jvm.discard();
                throw e;
            }
        }
        return jvm;
    }

    private static ChildJvm launch(byte[] job) throws IOException {
        ChildListener listener = ChildListener.get();
        CompletableFuture<Connection> connected = new CompletableFuture<>();
        long token = listener.expect(connected);
        java.lang.Process os;
        JvmCommand.Command command = JvmCommand.of(job == null);
        try {
            os = new ProcessBuilder(command.line())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            listener.forget(token);
            throw e;
        }
        os.onExit().thenRun(() -> connected.completeExceptionally(new IOException(
                "the child JVM (pid " + os.pid() + ") exited with code " + os.exitValue() + " before connecting")));
        try (DataOutputStream header = new DataOutputStream(os.getOutputStream())) {
            header.writeUTF(listener.path());
            header.writeLong(token);
            byte[] key = listener.key();
            header.writeShort(key.length);
            header.write(key);
            byte[] classPath = command.classPathToRestore().getBytes(StandardCharsets.UTF_8);
            header.writeInt(classPath.length);
            header.write(classPath);
            if (job != null) {
                header.writeInt(job.length);
                header.write(job);
            }
        } catch (IOException e) {
            // the JVM died at once: the exit above reports why
        }
        try {
            return new ChildJvm(os, connected.get());
        } catch (ExecutionException e) {
            listener.forget(token);
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            listener.forget(token);
            os.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a child JVM was starting");
        }
    }

    /**
     * Sends a warm JVM its job; from then on it is no longer idle and gets no {@link #preload}.
     * Synchronized with {@code preload}, so that the two frames never interleave on the channel.
     * A JVM that cannot be sent its job is ended.
     */
    synchronized void sendJob(byte[] job) throws IOException {
        busy = true;
        try {
            channel.sendBytes(job);
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
            channel.sendBytes(Preload.frame(known.subList(preloaded, known.size())));
            preloaded = known.size();
        } catch (IOException e) {
            // gone: take() discards it
        }
    }

    /** Whether the JVM is still there to take a job. */
    boolean usable() {
        return os.isAlive() && !channel.closed();
    }

    /** Ends an unused JVM: closing its channel makes it exit. */
    void discard() {
        channel.close();
    }
}
