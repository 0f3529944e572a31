package multiprocessing4j.connection;

import static multiprocessing4j.connection.Channels.allocatedBytes;
import static multiprocessing4j.connection.Channels.assertConnects;
import static multiprocessing4j.connection.Channels.async;
import static multiprocessing4j.connection.Channels.frame;
import static multiprocessing4j.connection.Channels.get;
import static multiprocessing4j.connection.Channels.writeRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.reduction.UnpicklingError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile or broken peers, written as raw bytes on a socket, against a Java {@link Listener}
 * with an authkey (and a Java {@link Client} against a raw server). Each case gets its documented
 * exception, and the listener then accepts a well-behaved client.
 */
@Timeout(60)
class BadInputTest {
    private static final byte[] KEY = "secret".getBytes(StandardCharsets.US_ASCII);

    /** What a raw client does before the handshake completes, and what accept() must raise. */
    interface RawClient {
        void act(SocketChannel raw) throws IOException;
    }

    static Stream<Arguments> beforeTheHandshake() {
        return Stream.of(SocketAddressCase.values()).flatMap(family -> Stream.of(
                Arguments.of(family, "unframed garbage",
                        (RawClient) raw -> writeRaw(raw, ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n")),
                        IOException.class, "bad message length"),
                Arguments.of(family, "a framed answer of garbage",
                        (RawClient) raw -> writeRaw(raw, frame(ascii("0123456789abcdef"))),
                        AuthenticationError.class, "digest received was wrong"),
                Arguments.of(family, "a handshake frame over 256 bytes",
                        (RawClient) raw -> writeRaw(raw, frame(new byte[300])),
                        IOException.class, "bad message length"),
                Arguments.of(family, "vanishing mid-frame",
                        (RawClient) raw -> {
                            writeRaw(raw, ByteBuffer.allocate(14).putInt(40).array());
                            raw.shutdownOutput();
                        },
                        IOException.class, "got end of file during message"),
                Arguments.of(family, "vanishing before answering",
                        (RawClient) SocketChannel::shutdownOutput,
                        EOFException.class, null)));
    }

    /** The two socket families, named for display. */
    enum SocketAddressCase {
        TCP, UNIX;

        SocketAddress address() {
            return this == TCP ? Channels.tcp() : null;
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("beforeTheHandshake")
    void badInputBeforeTheHandshakeFailsAcceptAndTheListenerGoesOn(SocketAddressCase family, String name,
            RawClient client, Class<? extends Exception> expected, String message) throws Exception {
        try (Listener listener = new Listener(family.address(), KEY)) {
            // The raw client stays open until accept() has failed, so no reset can race the check.
            try (SocketChannel raw = SocketChannel.open(listener.address())) {
                client.act(raw);
                Exception e = assertThrows(expected, listener::accept);
                if (message != null) assertEquals(message, e.getMessage());
                assertTrue(peerClosed(raw), "accept() closed the failed connection");
            }
            assertConnects(listener, KEY);
        }
    }

    /**
     * Reads what the other side sent (a challenge, perhaps a verdict) until it closes; true once
     * it has. A socket closed with our bytes still unread in it sends a TCP reset, which counts.
     */
    private static boolean peerClosed(SocketChannel raw) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(1024);
        try {
            while (true) {
                sink.clear();
                if (raw.read(sink) < 0) return true;
            }
        } catch (java.net.SocketException e) {
            if ("Connection reset".equals(e.getMessage())) return true;
            throw e;
        }
    }

    /** A raw channel that has passed the handshake (as a Client would), and the listener's end. */
    private record Authenticated(SocketChannel raw, Connection client, Connection server) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    private static Authenticated authenticate(Listener listener) throws Exception {
        SocketChannel raw = SocketChannel.open(listener.address());
        Connection client = Connection.ofSocket(raw);
        CompletableFuture<Void> handshake = async(() -> {
            Handshake.answerChallenge(client, KEY);
            Handshake.deliverChallenge(client, KEY);
            return null;
        });
        Connection server = listener.accept();
        get(handshake);
        return new Authenticated(raw, client, server);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aNonPickleFrameAfterTheHandshakeIsUnpicklingErrorAndTheConnectionGoesOn(SocketAddressCase family)
            throws Exception {
        try (Listener listener = new Listener(family.address(), KEY); Authenticated a = authenticate(listener)) {
            writeRaw(a.raw(), frame(ascii("\u0080\u0004garbage that is no pickle")));
            a.client().send("still in step");
            assertThrows(UnpicklingError.class, a.server()::recv);
            assertEquals("still in step", a.server().recv());
            assertConnects(listener, KEY);
        }
    }

    static Stream<SocketAddressCase> families() {
        return Stream.of(SocketAddressCase.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aTruncatedFrameAfterTheHandshakeIsGotEndOfFileDuringMessage(SocketAddressCase family) throws Exception {
        try (Listener listener = new Listener(family.address(), KEY); Authenticated a = authenticate(listener)) {
            writeRaw(a.raw(), ByteBuffer.allocate(14).putInt(100).array());
            a.raw().shutdownOutput();
            IOException e = assertThrows(IOException.class, a.server()::recv);
            assertEquals("got end of file during message", e.getMessage());
            assertConnects(listener, KEY);
        }
    }

    static Stream<Arguments> hugePrefixes() {
        return Stream.of(
                Arguments.of("-1 + u64 2 GiB", ByteBuffer.allocate(12).putInt(-1).putLong(1L << 31).array(),
                        "message of 2147483648 bytes exceeds the maximum message size of 2147483639 bytes"),
                Arguments.of("i32 2 GiB - 1", ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array(),
                        "message of 2147483647 bytes exceeds the maximum message size of 2147483639 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugePrefixes")
    void aTwoGibibyteLengthPrefixIsRefusedWithoutAllocating(String name, byte[] header, String message)
            throws Exception {
        try (Listener listener = new Listener(Channels.tcp(), KEY); Authenticated a = authenticate(listener)) {
            writeRaw(a.raw(), header);
            long before = allocatedBytes();
            IOException e = assertThrows(IOException.class, a.server()::recvBytes);
            long allocated = allocatedBytes() - before;
            assertEquals(message, e.getMessage());
            assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
            assertFalse(a.server().readable(), "the stream is out of step: no more reading");
            a.server().send("but it can still send");
            assertEquals("but it can still send", a.client().recv());
            assertConnects(listener, KEY);
        }
    }

    @Test
    void aSmallerMaximumSetOnTheListenerAppliesToAcceptedConnections() throws Exception {
        try (Listener listener = new Listener(Channels.tcp(), KEY).maxMessageSize(1000);
             Authenticated a = authenticate(listener)) {
            assertEquals(1000, a.server().maxMessageSize());
            a.client().sendBytes(new byte[1001]);
            assertEquals("message of 1001 bytes exceeds the maximum message size of 1000 bytes",
                    assertThrows(IOException.class, a.server()::recvBytes).getMessage());
        }
    }

    /** What a raw server sends instead of a challenge, and what Client.connect must raise. */
    static Stream<Arguments> fakeServers() {
        return Stream.of(
                Arguments.of("unframed garbage", ascii("HTTP/1.1 400 Bad Request\r\n\r\n"), IOException.class,
                        "bad message length"),
                Arguments.of("a frame that is no challenge", frame(ascii("hello")), AuthenticationError.class,
                        "protocol error, expected a challenge, got 5 bytes starting 68656c6c6f"),
                Arguments.of("nothing at all", new byte[0], EOFException.class, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fakeServers")
    void aClientRefusesAServerThatDoesNotChallenge(String name, byte[] reply, Class<? extends Exception> expected,
            String message) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(Channels.tcp())) {
            CompletableFuture<Connection> connecting = async(() -> Client.connect(server.getLocalAddress(), KEY));
            try (SocketChannel raw = server.accept()) {
                writeRaw(raw, reply);
                raw.shutdownOutput();
                Exception e = assertThrows(Exception.class, () -> get(connecting));
                assertInstanceOf(expected, e);
                if (message != null) assertEquals(message, e.getMessage());
                assertTrue(peerClosed(raw), "the client closed its end");
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
