package multiprocessing4j.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import multiprocessing4j.AuthenticationError;

/**
 * A bound, listening socket that hands out {@link Connection}s, as CPython's
 * {@code multiprocessing.connection.Listener}: TCP for an {@link InetSocketAddress} (with
 * {@code SO_REUSEADDR}, as CPython sets it on POSIX), a Unix domain socket for a
 * {@link UnixDomainSocketAddress} path.
 *
 * <p>With an authkey, every {@link #accept()} runs CPython's handshake before returning: it
 * challenges the client, then answers the client's challenge. Following CPython 3.13, any
 * non-null authkey, even an empty one, means a handshake (CPython 3.6&ndash;3.12 listeners skip it
 * for an empty key, while their clients still expect it). A failed handshake closes that one
 * connection and raises from {@code accept()}; the listener stays open for the next client.
 *
 * <p>{@code accept()} blocks; {@link #close()} from another thread makes it fail. Otherwise one
 * thread at a time should call {@code accept()}.
 */
public final class Listener implements AutoCloseable {
    /** CPython's default backlog. */
    public static final int DEFAULT_BACKLOG = 1;

    private final java.nio.channels.ServerSocketChannel server;
    private final SocketAddress address;
    private final byte[] authkey;
    private final Path socketFile;
    private volatile SocketAddress lastAccepted;
    private volatile long maxMessageSize = Connection.DEFAULT_MAX_MESSAGE_SIZE;
    private volatile boolean closed;

    /** A listener on a fresh Unix socket path (see {@link #Listener(SocketAddress, int, byte[])}), no authkey. */
    public Listener() throws IOException {
        this(null, DEFAULT_BACKLOG, null);
    }

    /** A listener on {@code address} with no authkey, so no handshake. */
    public Listener(SocketAddress address) throws IOException {
        this(address, DEFAULT_BACKLOG, null);
    }

    /** A listener on {@code address} that authenticates every client with {@code authkey}. */
    public Listener(SocketAddress address, byte[] authkey) throws IOException {
        this(address, DEFAULT_BACKLOG, authkey);
    }

    /**
     * Binds and listens.
     *
     * @param address an {@link InetSocketAddress} (port 0 picks a free port) or a
     *     {@link UnixDomainSocketAddress}; null or an empty path picks a fresh path
     *     {@code <java.io.tmpdir>/pymp-XXXXXXXX/listener-XXXXXXXX}, as CPython's default
     * @param backlog the listen backlog (CPython's default is 1)
     * @param authkey the shared key, or null for no handshake
     * @throws IOException if binding fails (for example, the path exists or the port is taken)
     * @throws IllegalArgumentException for any other kind of address
     */
    public Listener(SocketAddress address, int backlog, byte[] authkey) throws IOException {
        if (address == null || address instanceof UnixDomainSocketAddress u && u.getPath().toString().isEmpty()) {
            address = Addresses.arbitraryUnixAddress();
        }
        this.authkey = authkey == null ? null : authkey.clone();
        if (address instanceof InetSocketAddress) {
            server = java.nio.channels.ServerSocketChannel.open();
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(address, backlog);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            socketFile = null;
        } else if (address instanceof UnixDomainSocketAddress unix) {
            server = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(unix, backlog);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            socketFile = unix.getPath();
            socketFile.toFile().deleteOnExit();
        } else {
            throw new IllegalArgumentException("not a TCP or Unix domain socket address: " + address);
        }
        this.address = server.getLocalAddress();
    }

    /**
     * Waits for a client and returns the connection to it, after the handshake if this listener
     * has an authkey.
     *
     * @throws AuthenticationError if the client fails the handshake (the connection is closed)
     * @throws IOException if the listener is closed, or the client breaks the handshake (a frame
     *     over 256 bytes, end of stream); the connection is closed then too
     */
    public Connection accept() throws IOException {
        Connection connection = acceptWithoutHandshake();
        try {
            handshake(connection);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * Waits for a client and returns the connection before any handshake, so that a server can
     * run each client's handshake on that client's own thread ({@link #handshake}): a client
     * that stalls mid-handshake then delays nobody else. Nothing may be read from the connection
     * as an object before {@link #handshake} returns.
     *
     * @throws IOException if the listener is closed
     */
    public Connection acceptWithoutHandshake() throws IOException {
        if (closed) throw new IOException("listener is closed");
        java.nio.channels.SocketChannel channel = server.accept();
        try {
            lastAccepted = channel.getRemoteAddress();
            // The handshake sends #WELCOME# and the next challenge back to back; with Nagle on, the
            // second waits for the client's delayed ACK (40 ms on Linux).
            if (lastAccepted instanceof InetSocketAddress) channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return Connection.ofSocket(channel).maxMessageSize(maxMessageSize);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The listener's side of the handshake on a connection from {@link #acceptWithoutHandshake}
     * (challenge the client, then answer its challenge); nothing when this listener has no
     * authkey. The connection stays open on failure, so that the caller may still write to it
     * (CPython's manager server sends a traceback after {@code #FAILURE#}).
     *
     * @throws AuthenticationError if the client fails the handshake
     * @throws IOException if the client breaks the handshake (a frame over 256 bytes, end of stream)
     */
    public void handshake(Connection connection) throws IOException {
        if (authkey == null) return;
        Handshake.deliverChallenge(connection, authkey);
        Handshake.answerChallenge(connection, authkey);
    }

    /**
     * The bound address: for TCP the numeric address and the actual port (as
     * {@code getsockname()} in CPython), for Unix sockets the path.
     */
    public SocketAddress address() {
        return address;
    }

    /** The peer address of the last connection accepted, or null before the first. */
    public SocketAddress lastAccepted() {
        return lastAccepted;
    }

    /** The {@linkplain Connection#maxMessageSize(long) maximum message size} of accepted connections. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Sets the {@linkplain Connection#maxMessageSize(long) maximum message size} given to
     * connections accepted from now on.
     *
     * @return this listener
     * @throws IllegalArgumentException as {@link Connection#maxMessageSize(long)}
     */
    public Listener maxMessageSize(long bytes) {
        maxMessageSize = Connection.checkMaxMessageSize(bytes);
        return this;
    }

    /** Whether {@link #close()} has been called. */
    public boolean closed() {
        return closed;
    }

    /**
     * Stops listening and, for a Unix socket, removes its file; idempotent. Connections already
     * accepted stay open.
     *
     * @throws UncheckedIOException if the socket cannot be closed or its file removed
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            try {
                server.close();
            } finally {
                if (socketFile != null) Files.deleteIfExists(socketFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Listener[" + address + (authkey != null ? ", authenticating" : "") + (closed ? ", closed" : "") + "]";
    }
}
