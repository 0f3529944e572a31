package multiprocessing4j;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;

/**
 * How a {@link Connection} that a target captured (a {@code Pipe()} end, typically) reaches the
 * child. CPython's child inherits the file descriptor; a JVM cannot pass one to a child, so the
 * parent keeps the end and relays it: it listens on a fresh Unix socket, the child connects to
 * it when the target is deserialized (the {@link Handle}), and two threads copy whole frames
 * between that socket and the end, in each direction the end supports. The child's connection
 * then behaves as the end: same messages, same order, end of stream when the far end closes.
 *
 * <p>Differences from CPython: the parent's copy of the end is now the relay's, so the parent
 * must not use it itself (CPython's advice is to close it, which here ends the relay, and the
 * child's copy with it, so keep it open); each time a process carrying the end starts, one more
 * relay is made, and the first child to attach to it owns it.
 */
final class ConnectionRelay {
    private ConnectionRelay() {}

    /** In the parent, at {@code start()}: a relay for {@code end}, and the handle naming it. */
    static Handle handleFor(Connection end) {
        byte[] key = Authkeys.random();
        Listener listener;
        try {
            listener = new Listener(null, 1, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot relay " + end + " to a child", e);
        }
        Thread acceptor = new Thread(() -> relay(listener, end), "multiprocessing4j-relay");
        acceptor.setDaemon(true);
        acceptor.start();
        return new Handle(((UnixDomainSocketAddress) listener.address()).getPath().toString(), key);
    }

    private static void relay(Listener listener, Connection end) {
        Connection child;
        try {
            child = listener.accept();
        } catch (IOException e) {
            return;
        } finally {
            listener.close();
        }
        if (end.writable()) copyInThread(child, end, child);
        if (end.readable()) copy(end, child, child);
    }

    private static void copyInThread(Connection from, Connection to, Connection child) {
        Thread t = new Thread(() -> copy(from, to, child), "multiprocessing4j-relay");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Copies frames until either side fails or ends, then closes the child's connection, so
     * that the child sees end of stream when the far end closes.
     */
    private static void copy(Connection from, Connection to, Connection child) {
        try {
            while (true) to.sendBytes(from.recvBytes());
        } catch (IOException e) {
            // one side ended: so does the relay
        } finally {
            child.close();
        }
    }

    /** What travels instead of the end: the relay's socket path and a one-time key. */
    record Handle(String path, byte[] key) implements Serializable {
        /** In the child: connects to the relay; the connection stands in for the end. */
        private Object readResolve() throws ObjectStreamException {
            try {
                return Client.connect(UnixDomainSocketAddress.of(path), key);
            } catch (IOException e) {
                InvalidObjectException failure = new InvalidObjectException("cannot attach to the relayed connection at " + path);
                failure.initCause(e);
                throw failure;
            }
        }
    }
}
