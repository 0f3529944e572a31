package multiprocessing4j;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import multiprocessing4j.connection.Connection;

/**
 * A child JVM that has booted and connected back: its OS process and its authenticated channel.
 * Launched with this JVM's stdout, stderr, working directory and environment; its stdin carries
 * only the address, token and key it needs to connect (then end of stream).
 */
final class ChildJvm {
    final java.lang.Process os;
    final Connection channel;

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
        try {
            os = new ProcessBuilder(JvmCommand.of(warm))
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

    /** Whether the JVM is still there to take a job. */
    boolean usable() {
        return os.isAlive() && !channel.closed();
    }

    /** Ends an unused JVM: closing its channel makes it exit. */
    void discard() {
        channel.close();
    }
}
