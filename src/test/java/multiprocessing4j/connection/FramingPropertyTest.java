package multiprocessing4j.connection;

import static multiprocessing4j.connection.Channels.async;
import static multiprocessing4j.connection.Channels.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.nio.channels.Pipe.SinkChannel;
import java.nio.channels.Pipe.SourceChannel;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The frame codec as properties: exact wire bytes out, and any chunking of them read back. */
class FramingPropertyTest {

    /** Payload sizes weighted towards the edges: empty, one byte, and around the one-write limit. */
    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(0, 1, 16383, 16384, 16385)),
                Tuple.of(3, Arbitraries.integers().between(0, 300)),
                Tuple.of(1, Arbitraries.integers().between(0, 70_000)));
        // Random content from a seed: a generated array of 70,000 shrinkable bytes would be slow.
        return Combinators.combine(sizes, Arbitraries.longs()).as((n, seed) -> {
            byte[] b = new byte[n];
            new Random(seed).nextBytes(b);
            return b;
        });
    }

    @Provide
    Arbitrary<List<byte[]>> frameLists() {
        return payloads().list().ofMaxSize(6);
    }

    @Property(tries = 100)
    void sendBytesWritesABigEndianLengthThenThePayload(@ForAll("payloads") byte[] payload) throws Exception {
        java.nio.channels.Pipe raw = java.nio.channels.Pipe.open();
        try (Connection writer = Connection.ofPipes(null, raw.sink()); SourceChannel source = raw.source()) {
            CompletableFuture<Void> sending = async(() -> {
                writer.sendBytes(payload);
                return null;
            });
            ByteBuffer wire = ByteBuffer.allocate(4 + payload.length);
            while (wire.hasRemaining()) {
                if (source.read(wire) < 0) throw new AssertionError("stream ended early");
            }
            get(sending);
            assertEquals(payload.length, wire.getInt(0));
            assertArrayEquals(payload, Arrays.copyOfRange(wire.array(), 4, wire.capacity()));
        }
    }

    @Property(tries = 100)
    void framesReadBackWhateverChunksTheyArriveIn(
            @ForAll("frameLists") List<byte[]> payloads,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 20_000) Integer> chunkSizes)
            throws Exception {
        ByteBuffer wire = ByteBuffer.allocate(payloads.stream().mapToInt(p -> 4 + p.length).sum());
        for (byte[] p : payloads) wire.putInt(p.length).put(p);
        wire.flip();
        java.nio.channels.Pipe raw = java.nio.channels.Pipe.open();
        try (Connection reader = Connection.ofPipes(raw.source(), null)) {
            CompletableFuture<Void> writing = async(() -> {
                try (SinkChannel sink = raw.sink()) {
                    for (int i = 0; wire.hasRemaining(); i++) {
                        ByteBuffer chunk = wire.slice();
                        chunk.limit(Math.min(chunk.remaining(), chunkSizes.get(i % chunkSizes.size())));
                        Channels.writeRaw(sink, toArray(chunk));
                        wire.position(wire.position() + chunk.limit());
                    }
                }
                return null;
            });
            for (int i = 0; i < payloads.size(); i++) {
                assertArrayEquals(payloads.get(i), reader.recvBytes(), "frame " + i);
            }
            get(writing);
            // waits, not just looks: a child process that another test's pool or warm JVM forks right
            // now inherits the pipe's write end until it closes its descriptors, which delays the EOF
            assertTrue(reader.poll(30), "end of stream is ready");
            assertThrows(EOFException.class, reader::recvBytes);
        }
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
