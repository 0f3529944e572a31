package multiprocessing4j.connection;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import multiprocessing4j.AuthenticationError;

/**
 * Connects to a {@link Listener} (Java's or CPython's), as CPython's
 * {@code multiprocessing.connection.Client}.
 */
public final class Client {
    private Client() {}

    /** Connects to {@code address} with no authkey, so no handshake. */
    public static Connection connect(SocketAddress address) throws IOException {
        return connect(address, null);
    }

    /**
     * Connects to {@code address}, a TCP {@link java.net.InetSocketAddress} or a
     * {@link java.net.UnixDomainSocketAddress}, and, with an authkey, runs the handshake: this
     * side first answers the listener's challenge, then challenges the listener. Like CPython's,
     * it makes one attempt and sets no timeout; any non-null authkey, even empty, means a
     * handshake.
     *
     * @param authkey the shared key, or null for no handshake
     * @throws AuthenticationError if the handshake fails ("digest sent was rejected" when the
     *     keys differ) or the listener does not speak it; the connection is closed
     * @throws IOException if connecting fails or the listener breaks the handshake
     */
    public static Connection connect(SocketAddress address, byte[] authkey) throws IOException {
        byte[] key = authkey == null ? null : authkey.clone();
        SocketChannel channel = SocketChannel.open(address);
        Connection connection;
        try {
            // The handshake ends with this side writing #WELCOME# and then, at once, its first
            // message: with Nagle's algorithm that second small write waits for the peer's
            // delayed ACK, 40 ms on Linux (CPython's own Client pays it on every manager request).
            if (address instanceof java.net.InetSocketAddress) channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            connection = Connection.ofSocket(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (key != null) {
            try {
                Handshake.answerChallenge(connection, key);
                Handshake.deliverChallenge(connection, key);
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }
}
