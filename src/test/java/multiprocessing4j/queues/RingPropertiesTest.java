package multiprocessing4j.queues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyBytes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The ring codec and the channel over it, against a plain in-memory FIFO as the model. */
class RingPropertiesTest {

    /** An operation: write a message of {@code size} bytes (size >= 0), or read one (size < 0). */
    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(-1, 300).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 300)
    void recordsComeOutAsTheyWentInWrappingAroundAndAWriteFailsExactlyWhenTheRingIsTooFull(
            @ForAll("operations") List<Integer> ops, @ForAll @IntRange(min = 6, max = 10) int capacityLog2, @ForAll long seed) {
        int capacity = 1 << capacityLog2;
        ByteBuffer segment = ByteBuffer.allocateDirect(RingLayout.segmentSize(capacity));
        Ring.format(segment, capacity, 1);
        Ring ring = new Ring(segment);
        ArrayDeque<byte[]> model = new ArrayDeque<>();
        long used = 0;
        Random random = new Random(seed);
        for (int op : ops) {
            if (op < 0) {
                Ring.Record r = ring.tryRead();
                byte[] expected = model.poll();
                if (expected == null) {
                    assertNull(r);
                } else {
                    assertEquals(RingLayout.INLINE, r.kind());
                    assertArrayEquals(expected, r.payload());
                    used -= RingLayout.recordSize(expected.length);
                }
            } else if (op > ring.maxPayload()) {
                assertThrows(IllegalArgumentException.class, () -> ring.tryWrite(RingLayout.INLINE, new byte[op], 0, op));
            } else {
                byte[] msg = new byte[op];
                random.nextBytes(msg);
                boolean fits = capacity - used >= RingLayout.recordSize(op);
                assertEquals(fits, ring.hasRoom(op));
                assertEquals(fits, ring.tryWrite(RingLayout.INLINE, msg, 0, op));
                if (fits) {
                    model.add(msg);
                    used += RingLayout.recordSize(op);
                }
            }
            assertEquals(model.isEmpty(), ring.isEmpty());
        }
        for (byte[] expected; (expected = model.poll()) != null; ) assertArrayEquals(expected, ring.tryRead().payload());
        assertNull(ring.tryRead());
    }

    /**
     * A message of about {@code size} bytes: a lone bytes value (its pickle written into the ring
     * in pieces, see {@link Outgoing}) or a string (a pickle made whole), alternately.
     */
    private static Object value(Random random, int size, int index) {
        byte[] content = new byte[size];
        random.nextBytes(content);
        if (index % 2 == 0) return PyBytes.of(content);
        for (int i = 0; i < size; i++) content[i] = (byte) ('a' + (content[i] & 15));
        return new String(content, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Property(tries = 40)
    void theChannelCarriesMessagesOfAnySizeInOrderIncludingOnesLargerThanTheRing(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 2000) Integer> sizes, @ForAll long seed) {
        RingChannel channel = RingChannel.create(256, Queue.SEM_VALUE_MAX);
        Random random = new Random(seed);
        ArrayDeque<byte[]> sent = new ArrayDeque<>(); // the pickles, as dumps makes them
        for (int i = 0; i < sizes.size(); i++) {
            Object value = value(random, sizes.get(i), i);
            long now = System.nanoTime();
            while (!channel.send(Outgoing.of(value), now)) { // full: make room, as a consumer would
                assertArrayEquals(sent.poll(), channel.recv(false, 0));
            }
            sent.add(ForkingPickler.dumps(value));
        }
        for (byte[] expected; (expected = sent.poll()) != null; ) assertArrayEquals(expected, channel.recv(false, 0));
        assertNull(channel.recv(false, 0));
        assertEquals(List.of(), overflowFilesOf(channel), "a consumed overflow file is deleted");
    }

    @Property(tries = 60)
    void aBatchGoesOutInOrderAsMuchAsFitsUnderOneLockStoppingAtAFullRingOrAnOverflowMessage(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 120) Integer> sizes, @ForAll long seed) {
        RingChannel channel = RingChannel.create(256, Queue.SEM_VALUE_MAX); // inline up to 64 bytes
        Random random = new Random(seed);
        ArrayDeque<Outgoing> batch = new ArrayDeque<>();
        List<byte[]> all = new java.util.ArrayList<>(); // the pickles, as dumps makes them
        for (int i = 0; i < sizes.size(); i++) {
            Object value = value(random, sizes.get(i), i);
            batch.add(Outgoing.of(value));
            all.add(ForkingPickler.dumps(value));
        }
        ArrayDeque<byte[]> inRing = new ArrayDeque<>(); // sent, not yet received, in order
        while (!batch.isEmpty()) {
            Outgoing head = batch.peek();
            if (channel.overflows(head)) {
                while (!channel.send(head, System.nanoTime())) assertArrayEquals(inRing.poll(), channel.recv(false, 0));
                batch.poll();
                inRing.add(all.get(all.size() - batch.size() - 1));
                continue;
            }
            int before = batch.size();
            int sent = channel.sendSome(batch);
            assertEquals(before - sent, batch.size());
            inRing.addAll(all.subList(all.size() - before, all.size() - before + sent));
            Outgoing next = batch.peek();
            if (next != null && !channel.overflows(next)) {
                assertFalse(channel.trySend(next), "sendSome stopped while the next message fit");
                assertArrayEquals(inRing.poll(), channel.recv(false, 0)); // make room, as a consumer would
            }
        }
        for (byte[] m; (m = inRing.poll()) != null; ) assertArrayEquals(m, channel.recv(false, 0));
        assertNull(channel.recv(false, 0));
    }

    private static List<Path> overflowFilesOf(RingChannel channel) {
        try (var files = Files.list(Path.of("/dev/shm"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(channel.name() + ".")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
