package multiprocessing4j.queues;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import multiprocessing4j.ExitFunctions;
import multiprocessing4j.sharedctypes.Heap;
import multiprocessing4j.sharedmemory.SharedMemory;
import multiprocessing4j.synchronize.Backoff;
import multiprocessing4j.synchronize.RLock;

/**
 * Whole messages (byte arrays) between any number of producers and consumers in any processes:
 * what CPython's queues build from a pipe, a read lock and a write lock. The pipe is a ring in a
 * shared-memory segment ({@link RingLayout}, {@link Ring}); the locks are process-shared
 * {@link RLock}s, so at most one producer and one consumer touch the ring at a time, and a lock
 * whose holder died is taken over instead of blocking everyone forever. A message the ring cannot
 * hold in one record (above a quarter of the ring) travels through an overflow file
 * {@code /dev/shm/<segment>.<writer pid>.<n>} that the ring's record names; the file is written
 * and closed before its record is published (so a consumer that sees the record reads the whole
 * file: both are system calls, ordered by the kernel), and its consumer deletes it.
 *
 * <p>Waits (for the lock, for a record, for free space) spin briefly and then park with a growing
 * delay ({@link Backoff}); there is nothing to be woken by across processes.
 *
 * <p>Lifetime: the segment and the two locks' segments belong to the creating JVM and are unlinked
 * when it exits, with every overflow file of this channel that was never consumed. A channel
 * captured by a {@code Process} target travels by name and re-attaches in the child.
 */
final class RingChannel implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The default ring: 1 MiB, so messages up to 256 KiB travel inline. */
    static final int DEFAULT_CAPACITY = 1 << 20;
    /**
     * The longest a producer parks between two looks for room: well below the time a consumer
     * takes to drain a full ring (a 1 MiB ring holds ~1000 records of 1 KiB, which a warm consumer
     * takes in under a millisecond), or the consumer would find the ring empty while the producer
     * still sleeps with messages to send: both sides idle until the producer's next look.
     */
    static final long ROOM_PARK_NANOS = 100_000;
    private static final Path SHM = Path.of("/dev/shm");
    private static final AtomicLong OVERFLOW_SEQ = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    /** Overflow-file prefixes of the channels this JVM created, cleaned at exit. */
    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        // registered before any Feeder's flush, so it runs after it (exit functions run last first)
        ExitFunctions.register(() -> CREATED.forEach(RingChannel::deleteOverflowFiles));
    }

    private final SharedMemory shm;
    private final RLock readLock;
    private final RLock writeLock;
    private final transient Ring ring;
    private final transient Counters counters;
    private final transient int inlineLimit;

    private RingChannel(SharedMemory shm, RLock readLock, RLock writeLock) {
        this.shm = shm;
        this.readLock = readLock;
        this.writeLock = writeLock;
        ByteBuffer buf = shm.buf();
        this.ring = new Ring(buf);
        this.counters = new Counters(buf);
        this.inlineLimit = ring.capacity() / 4;
    }

    /**
     * A new channel with a ring of {@code capacity} bytes (a power of two, at least 64) for a queue
     * bounded by {@code maxsize} items, owned by this JVM.
     */
    static RingChannel create(int capacity, int maxsize) {
        RingLayout.checkCapacity(capacity);
        SharedMemory shm = Heap.allocate(RingLayout.segmentSize(capacity));
        Ring.format(shm.buf(), capacity, maxsize);
        CREATED.add(shm.name() + "."); // the segment itself is unlinked by Heap's clean-up
        return new RingChannel(shm, new RLock(), new RLock());
    }

    /** The items and task counters in this channel's segment. */
    Counters counters() {
        return counters;
    }

    /** The lock consumers hold while they take a message (or wait for one). */
    RLock readLock() {
        return readLock;
    }

    /** The name of the channel's segment. */
    String name() {
        return shm.name();
    }

    /** Whether no message is waiting (a snapshot, as CPython's {@code not reader.poll()}). */
    boolean isEmpty() {
        return ring.isEmpty();
    }

    /**
     * Sends {@code message} if it can go now without waiting for the write lock or for space.
     *
     * @return whether it was sent
     */
    boolean trySend(Outgoing message) {
        if (overflows(message)) return false; // an overflow file is the slow path anyway
        if (!writeLock.acquire(false, 0)) return false;
        try {
            return ring.tryWrite(RingLayout.INLINE, message);
        } finally {
            writeLock.release();
        }
    }

    /**
     * Sends messages from the head of {@code batch}, in order, removing each once it is in the
     * ring, under one hold of the write lock (waiting for it as long as it takes): as many as fit
     * at once, so a feeder that fell behind catches up at one lock hand-off per ring-full instead
     * of one per message. Stops at a message that needs an overflow file (for {@link #send}), and
     * when the ring is full: the caller then waits for room without holding the lock, so other
     * producers are not shut out meanwhile.
     *
     * @return how many were sent
     */
    int sendSome(java.util.Deque<Outgoing> batch) {
        writeLock.acquire();
        try {
            int sent = 0;
            for (Outgoing m; (m = batch.peek()) != null && !overflows(m); sent++) {
                if (!ring.tryWrite(RingLayout.INLINE, m)) break;
                batch.poll();
            }
            return sent;
        } finally {
            writeLock.release();
        }
    }

    /** Waits until the ring has room for a record of {@code length} bytes (a snapshot: another producer may take it first). */
    void awaitRoom(int length) {
        Backoff wait = Backoff.until(Long.MAX_VALUE, ROOM_PARK_NANOS);
        while (!ring.hasRoom(length)) wait.pause();
    }

    /** Whether {@code message} goes through an overflow file rather than the ring. */
    boolean overflows(Outgoing message) {
        return message.length() > inlineLimit;
    }

    /**
     * Sends {@code message}, waiting for the write lock and for space until {@code deadline}
     * ({@link System#nanoTime()} scale, {@link Long#MAX_VALUE} for never).
     *
     * @return whether it was sent; false only when the deadline passed, and nothing was sent then
     */
    boolean send(Outgoing message, long deadline) {
        Path overflow = overflows(message) ? writeOverflow(message.toArray()) : null;
        byte[] name = overflow == null ? null : overflow.getFileName().toString().getBytes(StandardCharsets.UTF_8);
        boolean sent = false;
        try {
            if (!writeLock.acquire(true, secondsUntil(deadline))) return false;
            try {
                Backoff wait = Backoff.until(deadline, ROOM_PARK_NANOS);
                while (!(sent = name == null
                        ? ring.tryWrite(RingLayout.INLINE, message)
                        : ring.tryWrite(RingLayout.OVERFLOW, name, 0, name.length))) {
                    if (!wait.pause()) return false;
                }
                return true;
            } finally {
                writeLock.release();
            }
        } finally {
            if (!sent && overflow != null) deleteQuietly(overflow);
        }
    }

    /**
     * Receives the oldest message, waiting for the read lock and for a message until
     * {@code deadline} when {@code block}; returns null if there was none in time.
     *
     * @throws UncheckedIOException if an overflow file the ring named cannot be read (its
     *     record is consumed)
     */
    byte[] recv(boolean block, long deadline) {
        if (!readLock.acquire(block, block ? secondsUntil(deadline) : 0)) return null;
        Ring.Record record;
        try {
            Backoff wait = block ? Backoff.until(deadline) : Backoff.start(false, 0);
            while ((record = ring.tryRead()) == null) {
                if (!wait.pause()) return null;
            }
        } finally {
            readLock.release();
        }
        return record.kind() == RingLayout.OVERFLOW ? readOverflow(record.payload()) : record.payload();
    }

    /** A deadline as a lock's timeout: none is infinite (a negative timeout would mean "now" to a lock). */
    private static double secondsUntil(long deadline) {
        if (deadline == Long.MAX_VALUE) return Double.POSITIVE_INFINITY;
        return Math.max(0, deadline - System.nanoTime()) / 1e9;
    }

    private Path writeOverflow(byte[] message) {
        Path path = SHM.resolve(shm.name() + "." + PID + "." + OVERFLOW_SEQ.incrementAndGet());
        try {
            Files.write(path, message, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("overflow file " + path + " exists already", e);
        } catch (IOException e) {
            deleteQuietly(path);
            throw new UncheckedIOException("cannot write a message of " + message.length + " bytes to " + path, e);
        }
        return path;
    }

    private byte[] readOverflow(byte[] name) {
        String file = new String(name, StandardCharsets.UTF_8);
        if (!file.startsWith(shm.name() + ".") || file.contains("/")) {
            throw new IllegalStateException("corrupt queue ring: overflow record names " + file);
        }
        Path path = SHM.resolve(file);
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("a message of this queue is lost: its overflow file " + path
                    + " is gone (was the queue's creator gone?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the overflow file " + path, e);
        } finally {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing better to do: the creator's exit clean-up tries again
        }
    }

    private static void deleteOverflowFiles(String prefix) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(SHM, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : files) deleteQuietly(p);
        } catch (IOException e) {
            System.err.println("multiprocessing4j: cannot clean up the overflow files " + prefix + "*: " + e);
        }
    }

    private Object writeReplace() {
        return new Handle(shm.name(), readLock, writeLock);
    }

    /** A channel on its way to a child: its segment's name and its locks (by name). */
    private record Handle(String name, RLock readLock, RLock writeLock) implements Serializable {
        private Object readResolve() {
            return new RingChannel(new SharedMemory(name), readLock, writeLock);
        }
    }
}
