package multiprocessing4j.connection;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Pipe.SinkChannel;
import java.nio.channels.Pipe.SourceChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import multiprocessing4j.BufferTooShort;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.UnpicklingError;

/**
 * A message-oriented connection, as CPython's {@code multiprocessing.connection.Connection}:
 * every message is one frame, a signed 32-bit big-endian length followed by that many payload
 * bytes, byte for byte what CPython 3.6&ndash;3.13 writes and reads on POSIX.
 *
 * <p>Instances come from {@link Listener#accept()}, {@link Client#connect(java.net.SocketAddress,
 * byte[])} and {@link #Pipe(boolean)}. {@link #send(Object)} and {@link #recv()} carry pickles
 * (made by {@link ForkingPickler}); {@link #sendBytes(byte[])} and {@link #recvBytes()} carry raw
 * bytes.
 *
 * <h2>I/O model</h2>
 * The channels underneath (a TCP or Unix domain {@link SocketChannel}, or the two ends of
 * {@link java.nio.channels.Pipe}s) are in non-blocking mode, and a call that must wait does so on
 * a {@link Selector} private to this connection. That is the one design that gives
 * {@link #poll(double)} and {@link #wait(Collection, double)} real timeouts for every transport
 * alike: blocking channels ignore socket timeouts, and Unix domain channels have no
 * {@code socket()} to set one on. Reads never read ahead of the current frame, so a connection
 * is ready exactly when its channel is.
 *
 * <h2>Message sizes</h2>
 * CPython writes a payload larger than {@code 0x7FFFFFFF} bytes as the header {@code -1}
 * followed by a 64-bit length (3.8+). A Java array cannot hold such a payload, so this class
 * never sends one, and refuses to receive one. Every connection has a {@linkplain
 * #maxMessageSize(long) maximum message size}, by default {@value #DEFAULT_MAX_MESSAGE_SIZE}
 * bytes (the largest array the JVM allocates); a frame announcing more is refused with an
 * {@link IOException} naming both sizes, before anything is allocated for it. In addition,
 * payloads are read into a buffer that grows as bytes actually arrive, so a peer cannot make
 * this side reserve memory by announcing a length it never sends.
 *
 * <h2>Failures</h2>
 * As in CPython, end of stream before the first byte of a header or of a payload raises
 * {@link EOFException}; end of stream part way through either raises
 * {@code IOException("got end of file during message")}. A frame that is refused for its
 * length (by {@code maxlength} or the maximum message size) is left unread, so the stream can no
 * longer be trusted: as in CPython, the connection stops being readable (or is closed, if it
 * was not writable either).
 *
 * <h2>Thread safety</h2>
 * CPython's connections are not thread-safe; these are safe to share. Sends are serialised with
 * one another, so concurrent senders never interleave frames; receiving calls ({@code recv*} and
 * {@code poll}) are serialised with one another, so a {@code poll} waits for a receive in
 * progress on another thread to finish. One thread may send while another receives.
 * {@link #close()} may be called from any thread; a call blocked on the connection then fails
 * with an {@link IOException}.
 */
public final class Connection implements AutoCloseable {
    /** The default {@linkplain #maxMessageSize(long) maximum message size}: the JVM's array limit. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = Integer.MAX_VALUE - 8;

    /** Frames up to this payload size go out in one write with their header, as CPython does. */
    private static final int SMALL_FRAME = 16384;
    /** The largest slice handed to a channel at once (bounds the JDK's temporary direct buffers). */
    private static final int IO_SLICE = 256 * 1024;
    /** The first allocation for a payload; later growth follows the bytes that arrive. */
    private static final int FIRST_ALLOCATION = 1 << 20;
    private static final long NO_MAXLENGTH = -1;

    private final SelectableChannel inSelectable;
    private final ReadableByteChannel in;
    private final SelectableChannel outSelectable;
    private final WritableByteChannel out;
    private final boolean writable;
    private final ReentrantLock sendLock;
    private final ReentrantLock recvLock;
    /** How many open Connections share the channels (see {@link #duplicate()}); the last to close closes them. */
    private final AtomicInteger holders;
    private final Object stateLock = new Object();
    private volatile boolean readable;
    private volatile boolean closed;
    private volatile long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private Selector readSelector; // guarded by stateLock
    private Selector writeSelector; // guarded by stateLock

    private Connection(SelectableChannel inSelectable, ReadableByteChannel in,
                       SelectableChannel outSelectable, WritableByteChannel out) throws IOException {
        this.inSelectable = inSelectable;
        this.in = in;
        this.outSelectable = outSelectable;
        this.out = out;
        this.readable = in != null;
        this.writable = out != null;
        this.sendLock = new ReentrantLock();
        this.recvLock = new ReentrantLock();
        this.holders = new AtomicInteger(1);
        if (inSelectable != null) inSelectable.configureBlocking(false);
        if (outSelectable != null) outSelectable.configureBlocking(false);
    }

    /** A second handle on {@code original}'s channels, locks and holder count. */
    private Connection(Connection original) {
        this.inSelectable = original.inSelectable;
        this.in = original.in;
        this.outSelectable = original.outSelectable;
        this.out = original.out;
        this.readable = original.readable;
        this.writable = original.writable;
        this.sendLock = original.sendLock;
        this.recvLock = original.recvLock;
        this.holders = original.holders;
        this.maxMessageSize = original.maxMessageSize;
    }

    /**
     * Another handle on this connection's transport, as {@code os.dup} of a CPython connection's
     * file descriptor: both send and receive on the same stream (frames never interleave: they
     * share this connection's send and receive locks), each is closed on its own, and the
     * transport itself closes when the last open handle closes, so a peer sees end of stream
     * only then. A {@code Pipe()} end relayed to a child is held this way, so the parent may
     * close its own copy after {@code start()}, as CPython programs do.
     *
     * @throws IOException if this connection is closed
     */
    public Connection duplicate() throws IOException {
        while (true) {
            int n = holders.get();
            if (n == 0 || closed) throw new IOException("connection is closed");
            if (holders.compareAndSet(n, n + 1)) return new Connection(this);
        }
    }

    /** A duplex connection over a connected TCP or Unix domain socket. */
    static Connection ofSocket(SocketChannel channel) throws IOException {
        return new Connection(channel, channel, channel, channel);
    }

    /** A connection over pipe ends; either may be null for a read-only or write-only end. */
    static Connection ofPipes(SourceChannel source, SinkChannel sink) throws IOException {
        return new Connection(source, source, sink, sink);
    }

    /**
     * A connected pair of duplex connections inside this JVM, as CPython's {@code Pipe()}.
     *
     * @see #Pipe(boolean)
     */
    public static Pipe Pipe() throws IOException {
        return Pipe(true);
    }

    /**
     * A connected pair of connections inside this JVM, as CPython's {@code Pipe(duplex)}. With
     * {@code duplex} both ends can send and receive; without it, {@link Pipe#left()} can only
     * receive and {@link Pipe#right()} can only send, as CPython's {@code (reader, writer)}.
     *
     * <p>Each direction is a {@link java.nio.channels.Pipe}: no file system entry, no port, and
     * the same framing, {@code poll} and {@code wait} as sockets.
     */
    public static Pipe Pipe(boolean duplex) throws IOException {
        java.nio.channels.Pipe toLeft = java.nio.channels.Pipe.open();
        if (!duplex) {
            return new Pipe(ofPipes(toLeft.source(), null), ofPipes(null, toLeft.sink()));
        }
        java.nio.channels.Pipe toRight = java.nio.channels.Pipe.open();
        return new Pipe(ofPipes(toLeft.source(), toRight.sink()), ofPipes(toRight.source(), toLeft.sink()));
    }

    /**
     * Waits until at least one of {@code connections} is ready to receive (a frame, or end of
     * stream, is waiting), as CPython's {@code multiprocessing.connection.wait(object_list,
     * timeout)}.
     *
     * @param timeoutSeconds how long to wait; zero or negative only looks,
     *     {@link Double#POSITIVE_INFINITY} waits for ever (Python's {@code None})
     * @return the ready connections in the order given; empty if the timeout passed
     * @throws IOException if a connection is closed or not readable, or the wait fails
     * @throws java.io.InterruptedIOException if the thread is interrupted
     * @throws IllegalArgumentException if the timeout is NaN
     */
    public static List<Connection> wait(Collection<Connection> connections, double timeoutSeconds)
            throws IOException {
        Set<Connection> distinct = new LinkedHashSet<>(connections);
        Set<Connection> ready = new LinkedHashSet<>();
        try (Selector selector = Selector.open()) {
            for (Connection c : distinct) {
                c.checkReadable();
                c.inSelectable.register(selector, SelectionKey.OP_READ, c);
            }
            Readiness.await(selector, timeoutSeconds, () -> false,
                    key -> ready.add((Connection) key.attachment()));
        }
        List<Connection> result = new ArrayList<>();
        for (Connection c : distinct) {
            if (ready.contains(c)) result.add(c);
        }
        return result;
    }

    /** As {@link #wait(Collection, double)} with no timeout: waits for ever. */
    public static List<Connection> wait(Collection<Connection> connections) throws IOException {
        return wait(connections, Double.POSITIVE_INFINITY);
    }

    /**
     * Pickles {@code obj} with {@link ForkingPickler#dumps(Object)} and sends it as one frame.
     *
     * @throws multiprocessing4j.reduction.PicklingError if {@code obj} cannot be pickled; nothing
     *     is sent then
     * @throws IOException if the connection is closed, read-only, or the transport fails
     */
    public void send(Object obj) throws IOException {
        checkWritable();
        sendBytes(ForkingPickler.dumps(obj));
    }

    /**
     * Receives one frame and unpickles it with {@link ForkingPickler#loadsOwned(byte[])} (the frame
     * is this call's own, so large {@code bytes} values are views of it, not copies).
     *
     * @throws UnpicklingError if the frame is not a valid pickle; the frame has been consumed, so
     *     the connection stays usable
     * @throws EOFException if the peer closed before a header or a payload began
     * @throws IOException as {@link #recvBytes()}
     */
    public Object recv() throws IOException {
        return ForkingPickler.loadsOwned(recvBytes());
    }

    /** Sends all of {@code buf} as one frame. */
    public void sendBytes(byte[] buf) throws IOException {
        sendBytes(buf, 0, buf.length);
    }

    /**
     * Sends {@code buf[offset, offset + size)} as one frame.
     *
     * @throws PyValueError if the range is not inside {@code buf}, with CPython's message
     *     ("offset is negative", "buffer length < offset", "size is negative", "buffer length <
     *     offset + size")
     * @throws IOException if the connection is closed, read-only, or the transport fails
     */
    public void sendBytes(byte[] buf, int offset, int size) throws IOException {
        checkWritable();
        if (offset < 0) throw new PyValueError("offset is negative");
        if (buf.length < offset) throw new PyValueError("buffer length < offset");
        if (size < 0) throw new PyValueError("size is negative");
        if (buf.length - offset < size) throw new PyValueError("buffer length < offset + size");
        sendLock.lock();
        try {
            if (size <= SMALL_FRAME) {
                ByteBuffer frame = ByteBuffer.allocate(4 + size).putInt(size).put(buf, offset, size).flip();
                writeFully(frame);
            } else {
                writeFully(ByteBuffer.allocate(4).putInt(size).flip());
                for (int at = offset, end = offset + size; at < end; at += IO_SLICE) {
                    writeFully(ByteBuffer.wrap(buf, at, Math.min(IO_SLICE, end - at)));
                }
            }
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Receives one frame's payload, up to the {@linkplain #maxMessageSize(long) maximum message
     * size}.
     *
     * @throws EOFException if the peer closed before a header or a payload began
     * @throws IOException "got end of file during message" if the peer closed inside a frame; a
     *     message naming both sizes if the frame is larger than the maximum message size (the
     *     connection then stops being readable); or if the connection is closed, write-only, or
     *     the transport fails
     */
    public byte[] recvBytes() throws IOException {
        return receive(NO_MAXLENGTH);
    }

    /**
     * As {@link #recvBytes()}, refusing a frame longer than {@code maxlength}: that raises
     * {@code IOException("bad message length")}, leaves the frame unread and makes the connection
     * unreadable (or closes it if it is not writable), as CPython does.
     *
     * @throws IllegalArgumentException if {@code maxlength} is negative
     */
    public byte[] recvBytes(int maxlength) throws IOException {
        if (maxlength < 0) throw new IllegalArgumentException("negative maxlength");
        return receive(maxlength);
    }

    private byte[] receive(long maxlength) throws IOException {
        checkReadable();
        recvLock.lock();
        try {
            return readPayload((int) readHeader(maxlength));
        } finally {
            recvLock.unlock();
        }
    }

    /** As {@link #recvBytesInto(byte[], int)} at offset 0. */
    public int recvBytesInto(byte[] buf) throws IOException {
        return recvBytesInto(buf, 0);
    }

    /**
     * Receives one frame's payload into {@code buf} from {@code offset} on.
     *
     * @return the payload's size
     * @throws BufferTooShort holding the whole payload (which has been consumed) if it does not
     *     fit in {@code buf} after {@code offset}
     * @throws PyValueError if {@code offset} is negative or beyond {@code buf}, with CPython's
     *     message ("negative offset", "offset too large"), before anything is received
     * @throws IOException as {@link #recvBytes()}
     */
    public int recvBytesInto(byte[] buf, int offset) throws IOException {
        checkReadable();
        if (offset < 0) throw new PyValueError("negative offset");
        if (offset > buf.length) throw new PyValueError("offset too large");
        recvLock.lock();
        try {
            int size = (int) readHeader(NO_MAXLENGTH);
            if (size > buf.length - offset) {
                throw new BufferTooShort(readPayload(size));
            }
            readInto(buf, offset, size);
            return size;
        } finally {
            recvLock.unlock();
        }
    }

    /** Whether a frame (or end of stream) can be received now, without waiting; CPython's {@code poll()}. */
    public boolean poll() throws IOException {
        return poll(0);
    }

    /**
     * Whether a frame (or end of stream) can be received within {@code timeoutSeconds}.
     *
     * @param timeoutSeconds zero or negative only looks; {@link Double#POSITIVE_INFINITY} waits for
     *     ever, as CPython's {@code poll(None)}
     * @throws IOException if the connection is closed or write-only
     * @throws java.io.InterruptedIOException if the thread is interrupted
     * @throws IllegalArgumentException if the timeout is NaN
     */
    public boolean poll(double timeoutSeconds) throws IOException {
        checkReadable();
        recvLock.lock();
        try {
            return await(true, timeoutSeconds);
        } finally {
            recvLock.unlock();
        }
    }

    /** The largest payload {@code recv*} accepts, {@value #DEFAULT_MAX_MESSAGE_SIZE} unless set. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Sets the largest payload {@code recv*} accepts. A frame announcing more is refused with an
     * {@link IOException} naming both sizes, without allocating anything for it, and the
     * connection stops being readable. Sending is not limited.
     *
     * @return this connection
     * @throws IllegalArgumentException unless {@code 0 <= bytes <= DEFAULT_MAX_MESSAGE_SIZE}
     */
    public Connection maxMessageSize(long bytes) {
        maxMessageSize = checkMaxMessageSize(bytes);
        return this;
    }

    static long checkMaxMessageSize(long bytes) {
        if (bytes < 0 || bytes > DEFAULT_MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("maximum message size must be in [0, "
                    + DEFAULT_MAX_MESSAGE_SIZE + "], got " + bytes);
        }
        return bytes;
    }

    /** Whether {@link #close()} has been called. */
    public boolean closed() {
        return closed;
    }

    /** Whether this end can receive: false for a write-only end, or after a refused frame. */
    public boolean readable() {
        return readable;
    }

    /** Whether this end can send: false for a read-only end. */
    public boolean writable() {
        return writable;
    }

    /**
     * Closes the connection; idempotent. A call blocked on it in another thread fails with an
     * {@link IOException}. The transport closes with the last open handle on it (see
     * {@link #duplicate()}).
     *
     * @throws UncheckedIOException if the operating system fails to close a channel (every
     *     channel is closed regardless)
     */
    @Override
    public void close() {
        List<AutoCloseable> toClose = new ArrayList<>();
        synchronized (stateLock) {
            if (closed) return;
            closed = true;
            toClose.add(readSelector);
            toClose.add(writeSelector);
        }
        if (holders.decrementAndGet() == 0) { // the last handle on the transport closes it
            toClose.add(in);
            if (out != in) toClose.add(out);
        }
        IOException failure = null;
        for (AutoCloseable c : toClose) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) failure = new IOException("closing the connection failed", e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw new UncheckedIOException(failure);
    }

    /**
     * Hands this connection's socket over, in blocking mode, to a caller that serves it with a
     * thread of its own (a manager server serves each client so, as CPython's does): a blocking
     * read then waits in the read itself, without the selector round trip that {@link #poll}
     * needs. Afterwards this connection is closed (its selectors too), but the socket is not: it
     * is the caller's to read, write and close. Waits for a send or receive in progress.
     *
     * @throws IllegalStateException if this connection is over pipes, not a socket
     * @throws IOException if the connection is closed, or the socket cannot be made blocking
     */
    public SocketChannel detachSocket() throws IOException {
        if (!(in instanceof SocketChannel socket)) throw new IllegalStateException("not a socket connection");
        sendLock.lock();
        recvLock.lock();
        try {
            List<Selector> selectors;
            synchronized (stateLock) {
                checkOpen();
                closed = true;
                selectors = Arrays.asList(readSelector, writeSelector);
            }
            for (Selector s : selectors) {
                if (s != null) s.close(); // deregisters the socket, which may then block
            }
            socket.configureBlocking(true);
            return socket;
        } finally {
            recvLock.unlock();
            sendLock.unlock();
        }
    }

    @Override
    public String toString() {
        String kind = in instanceof SocketChannel ? "socket" : "pipe";
        return "Connection[" + kind + (closed ? ", closed" : "") + (readable ? ", readable" : "")
                + (writable ? ", writable" : "") + "]";
    }

    // ---- framing -------------------------------------------------------------------------

    /**
     * Reads a header and returns the payload size once it has passed both limits; a negative
     * {@code maxlength} means none.
     */
    private long readHeader(long maxlength) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(header, true);
        long size = header.getInt(0);
        if (size == -1) {
            ByteBuffer wide = ByteBuffer.allocate(8);
            readFully(wide, true);
            size = wide.getLong(0); // unsigned on the wire
        } else if (size < 0) {
            throw refuse("bad message length: negative header " + size);
        }
        if (maxlength >= 0 && Long.compareUnsigned(size, maxlength) > 0) {
            throw refuse("bad message length");
        }
        long limit = maxMessageSize;
        if (Long.compareUnsigned(size, limit) > 0) {
            throw refuse("message of " + Long.toUnsignedString(size)
                    + " bytes exceeds the maximum message size of " + limit + " bytes");
        }
        return size;
    }

    /** Gives up on a frame left unread: the stream is out of step from here on. */
    private IOException refuse(String message) {
        if (writable) readable = false;
        else close();
        return new IOException(message);
    }

    /** Reads {@code size} payload bytes into an array that grows only as bytes arrive. */
    private byte[] readPayload(int size) throws IOException {
        byte[] buf = new byte[Math.min(size, FIRST_ALLOCATION)];
        int filled = 0;
        while (true) {
            readInto(buf, filled, buf.length - filled);
            filled = buf.length;
            if (filled == size) return buf;
            buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * filled));
        }
    }

    private void readInto(byte[] buf, int offset, int size) throws IOException {
        for (int at = offset, end = offset + size; at < end; at += IO_SLICE) {
            readFully(ByteBuffer.wrap(buf, at, Math.min(IO_SLICE, end - at)), at == offset);
        }
    }

    /**
     * Fills {@code buf}. As CPython's {@code _recv}, end of stream before the first byte of a
     * header, wide header or payload is {@link EOFException} ({@code readStart}); anywhere else it
     * is "got end of file during message".
     */
    private void readFully(ByteBuffer buf, boolean readStart) throws IOException {
        int start = buf.position();
        while (buf.hasRemaining()) {
            int n = in.read(buf);
            if (n < 0) {
                if (readStart && buf.position() == start) throw new EOFException();
                throw new IOException("got end of file during message");
            }
            if (n == 0) await(true, Double.POSITIVE_INFINITY);
        }
    }

    private void writeFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (out.write(buf) == 0) await(false, Double.POSITIVE_INFINITY);
        }
    }

    /** Waits until the channel can be read (or written); false if the timeout passed first. */
    private boolean await(boolean forRead, double timeoutSeconds) throws IOException {
        try {
            boolean ready = Readiness.await(selector(forRead), timeoutSeconds, () -> closed, key -> { }) > 0;
            checkOpen();
            return ready;
        } catch (ClosedSelectorException e) {
            // Only close() closes these selectors.
            throw new IOException("connection is closed", e);
        }
    }

    /** This connection's selector for reading or writing, opened on first use. */
    private Selector selector(boolean forRead) throws IOException {
        synchronized (stateLock) {
            checkOpen();
            Selector s = forRead ? readSelector : writeSelector;
            if (s == null) {
                s = Selector.open();
                if (forRead) {
                    inSelectable.register(s, SelectionKey.OP_READ);
                    readSelector = s;
                } else {
                    outSelectable.register(s, SelectionKey.OP_WRITE);
                    writeSelector = s;
                }
            }
            return s;
        }
    }

    private void checkOpen() throws IOException {
        if (closed) throw new IOException("connection is closed");
    }

    private void checkReadable() throws IOException {
        checkOpen();
        if (!readable) throw new IOException("connection is write-only");
    }

    private void checkWritable() throws IOException {
        checkOpen();
        if (!writable) throw new IOException("connection is read-only");
    }
}
