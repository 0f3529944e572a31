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
 * only the address, token and key it needs to connect, and the class path it must report as
 * {@code java.class.path} when it runs on a CDS jar view (see {@link JvmCommand}), then end of
 * stream.
 */
final class ChildJvm {
    final java.lang.Process os;
    final Connection channel;
    private boolean busy; // guarded by this
    private int preloaded; // guarded by this

    private ChildJvm(java.lang.Process os, Connection channel) {
        this.os = os;
        this.channel = channel;
    }

    /**
     * Boots a JVM running {@link Spawn} and waits until it has connected.
     *
     * @param warm whether it warms up before connecting (for {@link ForkServer})
     * @throws IOException if the JVM cannot be started or exits before connecting
     */
    static ChildJvm launch(boolean warm) throws IOException {
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
     * Sends the job; from then on the JVM is no longer idle and gets no {@link #preload}.
     * Synchronized with {@code preload}, so that the two frames never interleave on the channel.
     */
    synchronized void sendJob(byte[] job) throws IOException {
        busy = true;
        channel.sendBytes(job);
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
