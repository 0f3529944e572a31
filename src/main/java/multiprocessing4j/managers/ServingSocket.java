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
 * <p>The same limits as {@code Connection}: a frame announcing more than the maximum message
 * size is refused with an {@link IOException} naming both sizes before anything is allocated
 * for it, and a payload's array grows only as its bytes arrive, so a client cannot make the
 * server reserve memory by announcing a length it never sends. End of stream before a frame
 * begins is {@link EOFException}; inside one, {@code IOException("got end of file during
 * message")}.
 *
 * <p>Not thread-safe: one thread reads and writes. {@link #close()} may be called from any
 * thread; the serving thread's blocked read then fails with an {@link IOException}.
 */
final class ServingSocket implements AutoCloseable {
    /** Read-ahead and write buffer size: most requests and replies fit whole. */
    private static final int BUFFER = 64 * 1024;
    /** The first allocation for a payload; later growth follows the bytes that arrive. */
    private static final int FIRST_ALLOCATION = 1 << 20;

    private final SocketChannel socket;
    private final long maxMessageSize;
    /** Bytes read but not yet taken, between position and limit (read mode between calls). */
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER).flip();
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);

    /** @param socket a connected socket in blocking mode, now owned by this object */
    ServingSocket(SocketChannel socket, long maxMessageSize) {
        if (!socket.isBlocking()) throw new IllegalArgumentException("the socket must be in blocking mode");
        this.socket = socket;
        this.maxMessageSize = maxMessageSize;
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
                if (socket.read(in) < 0) {
                    if (nothingYet && in.position() == 0) throw new EOFException();
                    throw new IOException("got end of file during message");
                }
            }
        } finally {
            in.flip();
        }
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
            while (out.hasRemaining()) socket.write(out);
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
