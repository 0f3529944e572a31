package multiprocessing4j;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;

/**
 * The Unix socket that this process's child JVMs connect back to, one per parent, opened on
 * first use. A child learns the socket path, a one-time token and the channel key from its
 * stdin (never its command line) and sends the token and the key as its first frame; the
 * connection is handed to whoever launched that child.
 *
 * <p>Presenting the key proves the peer is a child this process launched. No HMAC challenge is
 * needed: the socket lives in a directory only this user can enter (mode 0700), so nobody can
 * listen in or replay, and skipping it spares every child JVM the start-up of the Java
 * cryptography providers (a large part of a boot). The channel key is not the authkey:
 * children may be given other authkeys, and the authkey travels only over this channel.
 */
final class ChildListener {
    private static ChildListener instance; // guarded by ChildListener.class

    private final Listener listener;
    private final byte[] key = Authkeys.random();
    private final AtomicLong tokens = new AtomicLong();
    private final Map<Long, CompletableFuture<Connection>> expected = new ConcurrentHashMap<>();

    private ChildListener() throws IOException {
        listener = new Listener(null, 64, null);
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
                continue; // that client is gone: keep serving
            }
            Thread greeter = new Thread(() -> greet(c), "multiprocessing4j-child-hello");
            greeter.setDaemon(true);
            greeter.start();
        }
    }

    /** Reads a child's first frame (on its own thread: a silent client must not hold up the rest). */
    private void greet(Connection c) {
        try {
            ByteBuffer hello = ByteBuffer.wrap(c.recvBytes(Long.BYTES + key.length));
            CompletableFuture<Connection> waiting = null;
            if (hello.remaining() == Long.BYTES + key.length) {
                long token = hello.getLong();
                byte[] presented = new byte[key.length];
                hello.get(presented);
                if (MessageDigest.isEqual(presented, key)) waiting = expected.remove(token);
            }
            if (waiting == null || !waiting.complete(c)) c.close();
        } catch (IOException e) {
            c.close();
        }
    }
}
