package multiprocessing4j.managers;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The server's end of one manager client's socket after its handshake: the frames of
 * {@link multiprocessing4j.connection.Connection} (a signed 32-bit big-endian length, then the
 * payload; {@code -1} then a 64-bit length for larger ones), read and written with blocking I/O
 * by the one thread that serves this client, as CPython's server serves each connection.
 *
 * <p>Why not {@code Connection}: its reads never run ahead of the current frame, so that
 * {@code poll} can ask the socket; that costs, per request, a read that finds nothing, a
 * selector wait and two more reads. A serving thread never polls, so this class reads whatever
 * has arrived into a buffer and takes frames out of it: a request usually costs one
 * {@code read}, and a reply one {@code write} (header and payload together).
 *
 * <p>Between requests the thread may spin (see {@link ServingThreads} for why and when): the
 * socket is switched to non-blocking mode and read until the next request arrives or
 * {@value #SPIN_NANOS} ns have passed, then switched back and read blocking. A connection whose
 * client keeps the thread waiting longer than that (a client that thinks, or that has no CPU of
 * its own, or a busy machine) backs off: after each spin that finds nothing in time, twice as
 * many reads (up to {@value #MAX_BACKOFF}) block before it spins again, so such a connection
 * pays for the switches and the wasted spin rarely. The bytes on the wire are the same either way.
 *
 * <p>The same limits as {@code Connection}: a frame announcing more than the maximum message
 * size is refused with an {@link IOException} naming both sizes before anything is allocated
 * for it, and a payload's array grows only as its bytes arrive, so a client cannot make the
 * server reserve memory by announcing a length it never sends. End of stream before a frame
 * begins is {@link EOFException}; inside one, {@code IOException("got end of file during
 * message")}.
 *
 * <p>Not thread-safe: one thread reads and writes, and is counted on a CPU in its
 * {@link ServingThreads} while it does (by its caller). {@link #close()} may be called from any
 * thread; the serving thread's read, blocked or spinning, then fails with an {@link IOException}.
 */
final class ServingSocket implements AutoCloseable {
    /** Read-ahead and write buffer size: most requests and replies fit whole. */
    private static final int BUFFER = 64 * 1024;
    /** The first allocation for a payload; later growth follows the bytes that arrive. */
    private static final int FIRST_ALLOCATION = 1 << 20;
    /**
     * How long a thread spins for the next request: with the benchmark's workload, a CPython
     * client's next request came 17–35 µs after the reply on average, when it came in time.
     */
    static final long SPIN_NANOS = 50_000;
    /** The most reads that block after spins that found nothing in time. */
    static final int MAX_BACKOFF = 64;

    private final SocketChannel socket;
    private final long maxMessageSize;
    private final ServingThreads threads;
    /** The socket's mode, non-blocking while spinning succeeds (kept here: {@code isBlocking()} takes the channel's lock). */
    private boolean nonBlocking;
    /** Reads still to block before the next spin, and what the next failed spin sets that to. */
    private int skip;
    private int backoff;
    /** Bytes read but not yet taken, between position and limit (read mode between calls). */
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER).flip();
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);

    /**
     * @param socket a connected socket in blocking mode, now owned by this object
     * @param threads the server's serving threads, which say whether this one may spin
     */
    ServingSocket(SocketChannel socket, long maxMessageSize, ServingThreads threads) {
        if (!socket.isBlocking()) throw new IllegalArgumentException("the socket must be in blocking mode");
        this.socket = socket;
        this.maxMessageSize = maxMessageSize;
        this.threads = threads;
    }

    /**
     * Waits for the next frame and returns its payload.
     *
     * @throws EOFException if the client closed before a frame began
     * @throws IOException if it closed inside one, the frame is too large, or the socket fails
     */
    byte[] recvBytes() throws IOException {
        fill(4, true);
        long size = in.getInt();
        if (size == -1) {
            fill(8, false);
            size = in.getLong(); // unsigned on the wire
        } else if (size < 0) {
            throw new IOException("bad message length: negative header " + size);
        }
        if (Long.compareUnsigned(size, maxMessageSize) > 0) {
            throw new IOException("message of " + Long.toUnsignedString(size)
                    + " bytes exceeds the maximum message size of " + maxMessageSize + " bytes");
        }
        return payload((int) size);
    }

    private byte[] payload(int size) throws IOException {
        byte[] buf = new byte[Math.min(size, FIRST_ALLOCATION)];
        int filled = 0;
        while (filled < size) {
            if (!in.hasRemaining()) fill(1, false);
            if (filled == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * filled));
            int n = Math.min(in.remaining(), buf.length - filled);
            in.get(buf, filled, n);
            filled += n;
        }
        return buf;
    }

    /** Reads until at least {@code n} bytes are buffered; {@code frameStart}: none of this frame was read yet. */
    private void fill(int n, boolean frameStart) throws IOException {
        if (in.remaining() >= n) return;
        boolean nothingYet = frameStart && !in.hasRemaining();
        in.compact();
        try {
            while (in.position() < n) {
                if (read() < 0) {
                    if (nothingYet && in.position() == 0) throw new EOFException();
                    throw new IOException("got end of file during message");
                }
            }
        } finally {
            in.flip();
        }
    }

    /** Reads what has arrived, spinning or blocking until something has; -1 at end of stream. */
    private int read() throws IOException {
        if (skip > 0) {
            skip--;
            if (nonBlocking) setNonBlocking(false);
        } else if (!nonBlocking && threads.maySpin()) {
            setNonBlocking(true);
        }
        if (nonBlocking) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (true) {
                int got = socket.read(in);
                // Late, even with the request in hand: the yields gave the CPU away for longer than a
                // spin lasts, so the CPUs are busy, and a thread woken from a blocking read is
                // scheduled sooner than one that keeps yielding.
                boolean late = System.nanoTime() - deadline >= 0;
                if (got != 0) {
                    if (late) backOff();
                    else backoff >>= 1;
                    return got;
                }
                if (late || !threads.maySpin()) break;
                // Yield rather than pause: the client may be waiting for this very CPU to send its request.
                Thread.yield();
            }
            backOff();
            skip--;
            setNonBlocking(false);
        }
        threads.waiting();
        try {
            return socket.read(in);
        } finally {
            threads.running();
        }
    }

    private void backOff() {
        backoff = Math.min(MAX_BACKOFF, 2 * backoff + 1);
        skip = backoff;
    }

    private void setNonBlocking(boolean on) throws IOException {
        socket.configureBlocking(!on);
        nonBlocking = on;
    }

    /** Sends {@code payload} as one frame: one {@code write} when it fits the buffer. */
    void sendBytes(byte[] payload) throws IOException {
        out.clear().putInt(payload.length);
        int at = 0;
        do {
            int n = Math.min(out.remaining(), payload.length - at);
            out.put(payload, at, n);
            at += n;
            out.flip();
            while (out.hasRemaining()) {
                // A full send buffer (a large reply to a slow reader): wait for it blocking, not spinning.
                if (socket.write(out) == 0) setNonBlocking(false);
            }
            out.clear();
        } while (at < payload.length);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing is owed to a client whose socket cannot even be closed.
        }
    }
}
