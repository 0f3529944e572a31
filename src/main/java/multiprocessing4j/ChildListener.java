package multiprocessing4j;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;

/**
 * The Unix socket that this process's child JVMs connect back to, one per parent, opened on
 * first use. A child learns the socket path, a one-time token and the channel key from its
 * stdin (never its command line), authenticates with CPython's HMAC handshake under that key,
 * and sends its token; the connection is handed to whoever launched that child.
 *
 * <p>The channel key is not the authkey: children may be given other authkeys, and the
 * authkey travels only over the authenticated channel.
 */
final class ChildListener {
    private static ChildListener instance; // guarded by ChildListener.class

    private final Listener listener;
    private final byte[] key = Authkeys.random();
    private final AtomicLong tokens = new AtomicLong();
    private final Map<Long, CompletableFuture<Connection>> expected = new ConcurrentHashMap<>();

    private ChildListener() throws IOException {
        listener = new Listener(null, 64, key);
        Thread acceptor = new Thread(this::acceptLoop, "multiprocessing4j-child-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static synchronized ChildListener get() throws IOException {
        if (instance == null) instance = new ChildListener();
        return instance;
    }

    /** A token for one child about to be launched, and the future its connection completes. */
    long expect(CompletableFuture<Connection> connection) {
        long token = tokens.incrementAndGet();
        expected.put(token, connection);
        return token;
    }

    void forget(long token) {
        expected.remove(token);
    }

    String path() {
        return ((UnixDomainSocketAddress) listener.address()).getPath().toString();
    }

    byte[] key() {
        return key.clone();
    }

    private void acceptLoop() {
        while (true) {
            Connection c;
            try {
                c = listener.accept();
            } catch (IOException e) {
                if (listener.closed()) return;
                continue; // a failed handshake: that client is gone, keep serving
            }
            try {
                byte[] token = c.recvBytes(Long.BYTES);
                CompletableFuture<Connection> waiting = token.length == Long.BYTES
                        ? expected.remove(ByteBuffer.wrap(token).getLong()) : null;
                if (waiting == null || !waiting.complete(c)) c.close();
            } catch (IOException e) {
                c.close();
            }
        }
    }
}
