package multiprocessing4j.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers shared by this package's tests: raw frames, connected pairs, allocation counting. */
final class Channels {
    private Channels() {}

    /** The TCP and Unix addresses a test listener binds to, for tests run on both families. */
    static SocketAddress tcp() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    /** A raw CPython frame: i32be length, then the payload. */
    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /** Writes all of {@code bytes}, even on a non-blocking channel. */
    static void writeRaw(WritableByteChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0) Thread.onSpinWait();
        }
    }

    /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** The future's value, failing the test if it takes longer than a generous bound. */
    static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("background side did not finish", e);
        }
    }

    /**
     * Connects a client with {@code key} to {@code listener} (which accepts in the background)
     * and checks that objects go both ways.
     */
    static void assertConnects(Listener listener, byte[] key) throws Exception {
        CompletableFuture<Connection> accepted = async(listener::accept);
        try (Connection client = Client.connect(listener.address(), key); Connection server = get(accepted)) {
            client.send("ping");
            assertEquals("ping", server.recv());
            server.send("pong");
            assertEquals("pong", client.recv());
        }
    }

    /** A task that may throw checked exceptions, for {@link #async(IoTask)}. */
    interface IoTask<T> {
        T call() throws Exception;
    }

    /** Runs {@code task} on another thread (so both ends of a handshake can proceed). */
    static <T> CompletableFuture<T> async(IoTask<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "test-peer");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
