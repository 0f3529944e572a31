package multiprocessing4j.connection;

import static multiprocessing4j.connection.Channels.allocatedBytes;
import static multiprocessing4j.connection.Channels.async;
import static multiprocessing4j.connection.Channels.frame;
import static multiprocessing4j.connection.Channels.get;
import static multiprocessing4j.connection.Channels.writeRaw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe.SinkChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import multiprocessing4j.BufferTooShort;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.UnpicklingError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Java to Java: framing, objects, poll, limits, EOF, close, wait, over every transport. */
@Timeout(60)
class ConnectionTest {

    /** Makes a connected pair (a, b) where a sends to b and b to a (unless simplex). */
    interface PairFactory {
        Pipe open() throws IOException;
    }

    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("duplex Pipe", (PairFactory) () -> Connection.Pipe(true)),
                Arguments.of("TCP", (PairFactory) () -> socketPair(Channels.tcp())),
                Arguments.of("Unix socket", (PairFactory) () -> socketPair(null)));
    }

    private static Pipe socketPair(SocketAddress address) throws IOException {
        try (Listener listener = new Listener(address)) {
            Connection client = Client.connect(listener.address());
            return new Pipe(client, listener.accept());
        }
    }

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void bytesOfEverySizeClassRoundTripInOrder(String name, PairFactory factory) throws Exception {
        int[] sizes = {0, 1, 16383, 16384, 16385, 3 * 1024 * 1024 + 7};
        try (Pipe p = factory.open()) {
            CompletableFuture<Void> sender = async(() -> {
                for (int i = 0; i < sizes.length; i++) p.left().sendBytes(pattern(sizes[i], i));
                return null;
            });
            for (int i = 0; i < sizes.length; i++) {
                assertArrayEquals(pattern(sizes[i], i), p.right().recvBytes(), "frame " + i);
            }
            get(sender);
            p.right().sendBytes(new byte[] {9, 8, 7});
            assertArrayEquals(new byte[] {9, 8, 7}, p.left().recvBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void objectsRoundTripThroughThePickler(String name, PairFactory factory) throws Exception {
        Map<String, Integer> dict = new LinkedHashMap<>();
        dict.put("a", 1);
        dict.put("b", 2);
        try (Pipe p = factory.open()) {
            for (Object value : List.of("héllo", 42, List.of(1, "two", 3), dict)) {
                p.left().send(value);
                assertEquals(value, p.right().recv());
            }
        }
    }

    @Test
    void sendBytesWithOffsetAndSizeSendsThatSlice() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
            assertArrayEquals(new byte[] {2, 3, 4}, p.right().recvBytes());
            // CPython's checks, in its order
            assertEquals("ValueError: offset is negative",
                    assertThrows(PyValueError.class, () -> p.left().sendBytes(new byte[3], -1, -1)).getMessage());
            assertEquals("ValueError: buffer length < offset",
                    assertThrows(PyValueError.class, () -> p.left().sendBytes(new byte[3], 4, 0)).getMessage());
            assertEquals("ValueError: size is negative",
                    assertThrows(PyValueError.class, () -> p.left().sendBytes(new byte[3], 3, -1)).getMessage());
            assertEquals("ValueError: buffer length < offset + size",
                    assertThrows(PyValueError.class, () -> p.left().sendBytes(new byte[3], 2, 2)).getMessage());
            p.left().sendBytes(new byte[3], 3, 0);
            assertArrayEquals(new byte[0], p.right().recvBytes());
        }
    }

    @Test
    void aNonPickleFrameRaisesUnpicklingErrorAndTheConnectionStaysUsable() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes("certainly not a pickle".getBytes());
            p.left().send("next");
            assertThrows(UnpicklingError.class, () -> p.right().recv());
            assertEquals("next", p.right().recv());
        }
    }

    @Test
    void pollLooksWaitsAndSeesEndOfStream() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            assertFalse(p.right().poll());
            assertFalse(p.right().poll(0.01));
            p.left().sendBytes(new byte[] {1});
            assertTrue(p.right().poll());
            assertTrue(p.right().poll(-1));
            p.right().recvBytes();
            CompletableFuture<Void> late = async(() -> {
                p.left().sendBytes(new byte[] {2});
                return null;
            });
            assertTrue(p.right().poll(Double.POSITIVE_INFINITY));
            get(late);
            p.right().recvBytes();
            p.left().close();
            assertTrue(p.right().poll(), "end of stream is ready to be received");
            assertThrows(EOFException.class, () -> p.right().recvBytes());
            assertThrows(IllegalArgumentException.class, () -> p.right().poll(Double.NaN));
        }
    }

    @Test
    void recvBytesIntoFillsTheBufferAtTheOffset() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes(new byte[] {1, 2, 3});
            byte[] buf = new byte[6];
            assertEquals(3, p.right().recvBytesInto(buf, 2));
            assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 0}, buf);
            p.left().sendBytes(new byte[0]);
            assertEquals(0, p.right().recvBytesInto(buf, 6));
            assertEquals("ValueError: offset too large",
                    assertThrows(PyValueError.class, () -> p.right().recvBytesInto(buf, 7)).getMessage());
            assertEquals("ValueError: negative offset",
                    assertThrows(PyValueError.class, () -> p.right().recvBytesInto(buf, -1)).getMessage());
        }
    }

    @Test
    void recvBytesIntoATooSmallBufferRaisesBufferTooShortWithTheWholeMessage() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            byte[] big = pattern(30_000, 1); // under a pipe's capacity: no reader runs yet
            p.left().sendBytes(big);
            p.left().sendBytes(new byte[] {7});
            BufferTooShort e = assertThrows(BufferTooShort.class, () -> p.right().recvBytesInto(new byte[10]));
            assertArrayEquals(big, e.message());
            assertArrayEquals(new byte[] {7}, p.right().recvBytes(), "the stream stays in step");
        }
    }

    @Test
    void aFrameOverMaxlengthIsBadMessageLengthAndMakesTheEndUnreadable() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes(new byte[11]);
            IOException e = assertThrows(IOException.class, () -> p.right().recvBytes(10));
            assertEquals("bad message length", e.getMessage());
            assertFalse(p.right().readable());
            assertFalse(p.right().closed());
            assertEquals("connection is write-only",
                    assertThrows(IOException.class, () -> p.right().recvBytes()).getMessage());
            p.right().sendBytes(new byte[] {1});
            assertArrayEquals(new byte[] {1}, p.left().recvBytes(1), "a frame of exactly maxlength is fine");
            assertThrows(IllegalArgumentException.class, () -> p.left().recvBytes(-1));
        }
    }

    @Test
    void aRefusedFrameClosesAReadOnlyEnd() throws Exception {
        try (Pipe p = Connection.Pipe(false)) {
            p.right().sendBytes(new byte[300]);
            assertThrows(IOException.class, () -> p.left().recvBytes(256));
            assertTrue(p.left().closed());
        }
    }

    @Test
    void aFrameOverTheMaximumMessageSizeIsRefusedNamingBothSizes() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            assertEquals(Connection.DEFAULT_MAX_MESSAGE_SIZE, p.right().maxMessageSize());
            p.right().maxMessageSize(10);
            p.left().sendBytes(new byte[10]);
            p.left().sendBytes(new byte[11]);
            assertEquals(10, p.right().recvBytes().length);
            IOException e = assertThrows(IOException.class, () -> p.right().recv());
            assertEquals("message of 11 bytes exceeds the maximum message size of 10 bytes", e.getMessage());
            assertFalse(p.right().readable());
            assertThrows(IllegalArgumentException.class, () -> p.right().maxMessageSize(-1));
            assertThrows(IllegalArgumentException.class,
                    () -> p.right().maxMessageSize(Connection.DEFAULT_MAX_MESSAGE_SIZE + 1));
        }
    }

    /** Headers announcing 2 GiB or more, in both wire forms; none may be allocated for. */
    static Stream<Arguments> hugeHeaders() {
        return Stream.of(
                Arguments.of("i32 0x7FFFFFFF", ByteBuffer.allocate(4).putInt(0x7FFFFFFF).array(), "2147483647"),
                Arguments.of("-1 + u64 2^31", ByteBuffer.allocate(12).putInt(-1).putLong(1L << 31).array(),
                        "2147483648"),
                Arguments.of("-1 + u64 2^64-1", ByteBuffer.allocate(12).putInt(-1).putLong(-1L).array(),
                        "18446744073709551615"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeHeaders")
    void aHugeLengthPrefixIsRefusedWithoutAllocating(String name, byte[] header, String announced) throws Exception {
        java.nio.channels.Pipe raw = java.nio.channels.Pipe.open();
        try (Connection reader = Connection.ofPipes(raw.source(), null); SinkChannel sink = raw.sink()) {
            writeRaw(sink, header);
            writeRaw(sink, new byte[1000]);
            long before = allocatedBytes();
            IOException e = assertThrows(IOException.class, reader::recvBytes);
            long allocated = allocatedBytes() - before;
            assertEquals("message of " + announced + " bytes exceeds the maximum message size of "
                    + Connection.DEFAULT_MAX_MESSAGE_SIZE + " bytes", e.getMessage());
            assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
            assertTrue(reader.closed(), "a read-only end is closed after a refused frame");
        }
    }

    @Test
    void aLengthThePeerNeverSendsIsNotAllocatedUpFront() throws Exception {
        java.nio.channels.Pipe raw = java.nio.channels.Pipe.open();
        try (Connection reader = Connection.ofPipes(raw.source(), null)) {
            try (SinkChannel sink = raw.sink()) {
                writeRaw(sink, ByteBuffer.allocate(4).putInt(1_500_000_000).array());
                writeRaw(sink, new byte[10]);
            }
            long before = allocatedBytes();
            IOException e = assertThrows(IOException.class, reader::recvBytes);
            long allocated = allocatedBytes() - before;
            assertEquals("got end of file during message", e.getMessage());
            assertTrue(allocated < 4 << 20, "allocated " + allocated + " bytes");
        }
    }

    static Stream<Arguments> truncations() {
        return Stream.of(
                Arguments.of("inside the header", new byte[] {0, 0}),
                Arguments.of("inside the payload", new byte[] {0, 0, 0, 5, 'a', 'b'}),
                Arguments.of("inside the wide header", new byte[] {-1, -1, -1, -1, 0, 0}));
    }

    @Test
    void endOfStreamRightAfterAHeaderIsEofErrorAsInCPython() throws Exception {
        for (byte[] bytes : new byte[][] {{0, 0, 0, 5}, {-1, -1, -1, -1}}) {
            java.nio.channels.Pipe raw = java.nio.channels.Pipe.open();
            try (Connection reader = Connection.ofPipes(raw.source(), null)) {
                try (SinkChannel sink = raw.sink()) {
                    writeRaw(sink, bytes);
                }
                assertThrows(EOFException.class, reader::recvBytes);
            }
        }
    }

    @ParameterizedTest(name = "end of stream {0}")
    @MethodSource("truncations")
    void endOfStreamInsideAFrameIsGotEndOfFileDuringMessage(String name, byte[] bytes) throws Exception {
        java.nio.channels.Pipe raw = java.nio.channels.Pipe.open();
        try (Connection reader = Connection.ofPipes(raw.source(), null)) {
            try (SinkChannel sink = raw.sink()) {
                writeRaw(sink, bytes);
            }
            IOException e = assertThrows(IOException.class, reader::recvBytes);
            assertFalse(e instanceof EOFException);
            assertEquals("got end of file during message", e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void endOfStreamAtAFrameBoundaryIsEOFException(String name, PairFactory factory) throws Exception {
        try (Pipe p = factory.open()) {
            p.left().sendBytes(new byte[] {1});
            p.left().close();
            assertArrayEquals(new byte[] {1}, p.right().recvBytes());
            assertThrows(EOFException.class, () -> p.right().recv());
        }
    }

    @Test
    void aNegativeHeaderOtherThanTheEscapeIsRefused() throws Exception {
        java.nio.channels.Pipe raw = java.nio.channels.Pipe.open();
        try (Connection reader = Connection.ofPipes(raw.source(), null); SinkChannel sink = raw.sink()) {
            writeRaw(sink, new byte[] {-1, -1, -1, -2});
            assertEquals("bad message length: negative header -2",
                    assertThrows(IOException.class, reader::recvBytes).getMessage());
        }
    }

    @Test
    void closingMakesEveryCallFailAndIsIdempotent() throws Exception {
        Pipe p = Connection.Pipe();
        p.left().close();
        p.left().close();
        assertTrue(p.left().closed());
        for (IoCall call : List.<IoCall>of(() -> p.left().send(1), () -> p.left().recv(),
                () -> p.left().sendBytes(new byte[1]), () -> p.left().recvBytes(), () -> p.left().poll(),
                () -> p.left().recvBytesInto(new byte[1]))) {
            assertEquals("connection is closed", assertThrows(IOException.class, call::run).getMessage());
        }
        assertThrows(EOFException.class, () -> p.right().recvBytes());
        p.close();
    }

    interface IoCall {
        void run() throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void closingFromAnotherThreadEndsABlockedReceive(String name, PairFactory factory) throws Exception {
        try (Pipe p = factory.open()) {
            CompletableFuture<Object> blocked = async(() -> p.right().recvBytes());
            p.right().close();
            Exception e = assertThrows(Exception.class, () -> get(blocked));
            assertInstanceOf(IOException.class, e);
        }
    }

    @Test
    void aSimplexPipeIsReaderThenWriter() throws Exception {
        try (Pipe p = Connection.Pipe(false)) {
            assertTrue(p.left().readable());
            assertFalse(p.left().writable());
            assertFalse(p.right().readable());
            assertTrue(p.right().writable());
            p.right().send("one way");
            assertEquals("one way", p.left().recv());
            assertEquals("connection is read-only",
                    assertThrows(IOException.class, () -> p.left().send(1)).getMessage());
            assertEquals("connection is write-only",
                    assertThrows(IOException.class, () -> p.right().recv()).getMessage());
            assertEquals("connection is write-only",
                    assertThrows(IOException.class, () -> p.right().poll()).getMessage());
        }
    }

    @Test
    void aDuplexPipeSendsBothWays() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            assertTrue(p.left().readable() && p.left().writable() && p.right().readable() && p.right().writable());
            p.left().send("to right");
            p.right().send("to left");
            assertEquals("to right", p.right().recv());
            assertEquals("to left", p.left().recv());
        }
    }

    @Test
    void waitReturnsTheReadyConnectionsInTheOrderGiven() throws Exception {
        try (Pipe a = Connection.Pipe(); Pipe b = Connection.Pipe(false); Pipe c = Connection.Pipe()) {
            List<Connection> all = List.of(a.right(), b.left(), c.right());
            assertEquals(List.of(), Connection.wait(all, 0));
            assertEquals(List.of(), Connection.wait(all, 0.01));
            c.left().sendBytes(new byte[] {1});
            assertEquals(List.of(c.right()), Connection.wait(all, 0));
            b.right().sendBytes(new byte[] {2});
            assertEquals(List.of(b.left(), c.right()), Connection.wait(all, 10));
            b.left().recvBytes();
            c.right().recvBytes();
            CompletableFuture<Void> late = async(() -> {
                a.left().sendBytes(new byte[] {3});
                return null;
            });
            assertEquals(List.of(a.right()), Connection.wait(all));
            get(late);
            a.right().close();
            assertThrows(IOException.class, () -> Connection.wait(all, 0));
        }
    }

    @Test
    void concurrentSendersNeverInterleaveFrames() throws Exception {
        int threads = 4;
        int frames = 200;
        try (Pipe p = Connection.Pipe()) {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte tag = (byte) t;
                senders.add(async(() -> {
                    for (int i = 0; i < frames; i++) {
                        byte[] body = new byte[1 + (i * 997) % 40_000];
                        Arrays.fill(body, tag);
                        p.left().sendBytes(body);
                    }
                    return null;
                }));
            }
            int[] seen = new int[threads];
            for (int i = 0; i < threads * frames; i++) {
                byte[] body = p.right().recvBytes();
                for (byte b : body) assertEquals(body[0], b, "frame " + i + " mixes senders");
                seen[body[0]]++;
            }
            for (CompletableFuture<Void> s : senders) get(s);
            for (int count : seen) assertEquals(frames, count);
        }
    }
}
