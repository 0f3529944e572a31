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
 * parent relays it: at {@code start()} it takes a {@linkplain Connection#duplicate() duplicate}
 * of the end (CPython's child holds a duplicate descriptor too), listens on a fresh Unix socket,
 * and once the child has connected to it (the {@link Handle}, when the target is deserialized)
 * copies whole frames between that socket and the duplicate, in each direction the end supports.
 * The child's connection then behaves as the end: same messages, same order, end of stream when
 * the far end's last holder closes it.
 *
 * <p>When the child disconnects (it closed its end, or exited, or died), the relay closes its
 * duplicate, as the child's exit closes its descriptor in CPython: once the parent has closed
 * its own copy of the end as well (CPython's usual {@code w.close()} after {@code start()}), the
 * far end sees end of stream.
 *
 * <p>Differences from CPython: each frame makes one more hop (parent thread, Unix socket) each
 * way; each time a process carrying the end starts, one more relay is made, and the first child
 * to attach to it owns it; a frame the relay has taken from the end just as the child
 * disconnects is lost, where CPython's pipe would keep it for the end's other holders.
 */
final class ConnectionRelay {
    private ConnectionRelay() {}

    /** In the parent, at {@code start()}: a relay for {@code end}, and the handle naming it. */
    static Handle handleFor(Connection end) {
        byte[] key = Authkeys.random();
        Connection relayed;
        Listener listener;
        try {
            relayed = end.duplicate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot relay " + end + " to a child", e);
        }
        try {
            listener = new Listener(null, 1, key);
        } catch (IOException e) {
            relayed.close();
            throw new UncheckedIOException("cannot relay " + end + " to a child", e);
        }
        Thread acceptor = new Thread(() -> relay(listener, relayed), "multiprocessing4j-relay");
        acceptor.setDaemon(true);
        acceptor.start();
        return new Handle(((UnixDomainSocketAddress) listener.address()).getPath().toString(), key);
    }

    private static void relay(Listener listener, Connection end) {
        Connection child;
        try {
            child = listener.accept();
        } catch (IOException e) {
            end.close();
            return;
        } finally {
            listener.close();
        }
        if (end.readable()) {
            Thread toChild = new Thread(() -> toChild(end, child), "multiprocessing4j-relay");
            toChild.setDaemon(true);
            toChild.start();
        }
        fromChild(child, end);
    }

    /** Frames from the end to the child, until either side ends. */
    private static void toChild(Connection end, Connection child) {
        try {
            while (true) child.sendBytes(end.recvBytes());
        } catch (IOException e) {
            // the end or the child ended: so does the relay
        } finally {
            child.close();
            end.close();
        }
    }

    /**
     * Frames from the child to the end (none arrive for a read-only end), until the child
     * disconnects; then both are closed, which also ends {@link #toChild} if it waits.
     */
    private static void fromChild(Connection child, Connection end) {
        try {
            while (true) {
                byte[] frame = child.recvBytes();
                if (end.writable()) end.sendBytes(frame);
            }
        } catch (IOException e) {
            // the child disconnected, or the end failed
        } finally {
            child.close();
            end.close();
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
