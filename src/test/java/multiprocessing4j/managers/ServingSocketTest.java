package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The server's framing: the same frames as {@code Connection}, whatever the way the bytes are
 * cut on the wire, and the same refusals, whether the serving thread blocks between requests or
 * spins on a non-blocking socket.
 */
class ServingSocketTest {

    /** A connected pair: the client's raw socket and the server's end. */
    private record Pair(SocketChannel client, ServingSocket server) implements AutoCloseable {
        static Pair open(long maxMessageSize, boolean spinning) throws IOException {
            try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
                SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                return new Pair(client, new ServingSocket(listener.accept(), maxMessageSize,
                        new ServingThreads(spinning ? 1 : 0)));
            }
        }

        void write(byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) client.write(b);
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    @Property(tries = 30)
    void framesComeOutWholeHoweverTheBytesAreCut(@ForAll @Size(min = 1, max = 4) List<@Size(max = 70_000) byte[]> payloads,
                                                 @ForAll @IntRange(min = 1, max = 9000) int cut,
                                                 @ForAll boolean spinning) throws Exception {
        ByteBuffer stream = ByteBuffer.allocate(payloads.stream().mapToInt(p -> 4 + p.length).sum());
        for (byte[] p : payloads) stream.put(frame(p));
        try (Pair pair = Pair.open(1 << 20, spinning)) {
            Thread writer = new Thread(() -> {
                try {
                    byte[] all = stream.array();
                    for (int at = 0; at < all.length; at += cut) {
                        pair.write(java.util.Arrays.copyOfRange(all, at, Math.min(all.length, at + cut)));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            for (byte[] p : payloads) assertArrayEquals(p, pair.server().recvBytes());
            writer.join();
        }
    }

    @Test
    void aReplyIsOneFrameTheClientReadsBack() throws Exception {
        for (boolean spinning : new boolean[] {false, true}) aReplyIsOneFrameTheClientReadsBack(spinning);
    }

    private static void aReplyIsOneFrameTheClientReadsBack(boolean spinning) throws Exception {
        try (Pair pair = Pair.open(1 << 20, spinning)) {
            // Small buffers, so that the large reply fills them: a spinning socket must then wait, not spin.
            pair.client().setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            pair.write(frame(new byte[] {9}));
            assertArrayEquals(new byte[] {9}, pair.server().recvBytes()); // a spinning socket stays non-blocking
            byte[] big = new byte[200_000];
            big[199_999] = 7;
            Thread sender = new Thread(() -> {
                try {
                    pair.server().sendBytes(new byte[] {1, 2, 3});
                    pair.server().sendBytes(big);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sender.start();
            ByteBuffer got = ByteBuffer.allocate(4 + 3 + 4 + big.length);
            while (got.hasRemaining()) pair.client().read(got);
            sender.join();
            got.flip();
            assertEquals(3, got.getInt());
            assertEquals(1, got.get());
            got.position(7);
            assertEquals(big.length, got.getInt());
            assertEquals(7, got.get(got.limit() - 1));
        }
    }

    @Test
    void endOfStreamBeforeAFrameIsEofInsideOneIsAnError() throws Exception {
        for (boolean spinning : new boolean[] {false, true}) endOfStreamBeforeAFrameIsEofInsideOneIsAnError(spinning);
    }

    private static void endOfStreamBeforeAFrameIsEofInsideOneIsAnError(boolean spinning) throws Exception {
        try (Pair pair = Pair.open(1 << 20, spinning)) {
            pair.write(frame(new byte[] {42}));
            pair.client().shutdownOutput();
            assertArrayEquals(new byte[] {42}, pair.server().recvBytes());
            assertThrows(EOFException.class, pair.server()::recvBytes);
        }
        try (Pair pair = Pair.open(1 << 20, spinning)) {
            pair.write(new byte[] {0, 0, 0, 10, 1, 2});
            pair.client().shutdownOutput();
            IOException e = assertThrows(IOException.class, pair.server()::recvBytes);
            assertEquals("got end of file during message", e.getMessage());
        }
        try (Pair pair = Pair.open(1 << 20, spinning)) {
            pair.write(new byte[] {0, 0});
            pair.client().shutdownOutput();
            assertEquals("got end of file during message", assertThrows(IOException.class, pair.server()::recvBytes).getMessage());
        }
    }

    @Test
    void aFrameOverTheMaximumIsRefusedBeforeAnythingIsAllocated() throws Exception {
        try (Pair pair = Pair.open(100, true)) {
            pair.write(new byte[] {0x7f, 0, 0, 0}); // announces 2 GiB and sends nothing
            IOException e = assertThrows(IOException.class, pair.server()::recvBytes);
            assertTrue(e.getMessage().contains("2130706432") && e.getMessage().contains("100"), e.getMessage());
        }
        try (Pair pair = Pair.open(100, true)) {
            pair.write(new byte[] {-1, -1, -1, -1, 0, 0, 0, 1, 0, 0, 0, 0}); // CPython's 64-bit form: 4 GiB
            assertThrows(IOException.class, pair.server()::recvBytes);
        }
        try (Pair pair = Pair.open(100, true)) {
            pair.write(new byte[] {-1, -1, -1, -2});
            assertTrue(assertThrows(IOException.class, pair.server()::recvBytes).getMessage().contains("negative"));
        }
    }
}
