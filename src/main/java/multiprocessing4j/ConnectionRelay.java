package multiprocessing4j;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import multiprocessing4j.connection.Connection;

/**
 * How a {@link Connection} that a target captured (a {@code Pipe()} end, typically) reaches the
 * child. CPython's child inherits the file descriptor; a JVM cannot pass one to a child, so the
 * parent relays it: at {@code start()} it takes a {@linkplain Connection#duplicate() duplicate}
 * of the end (CPython's child holds a duplicate descriptor too) and expects the child on its
 * {@linkplain ChildListener#forRelays() listener for relays} under a token of the relay's own;
 * once the child has connected (the {@link Handle}, when the target is deserialized), it copies
 * whole frames between that connection and the duplicate, in each direction the end supports.
 * The child's connection then behaves as the end: same messages, same order, end of stream when
 * the far end's last holder closes it.
 *
 * <p>The duplicate lives as long as the child's copy would in CPython: when the child
 * disconnects (it closed its end, or exited, or died), or when it ends without having connected
 * (it died before its target was read, or never started: {@link Handle#abandon()}), the relay
 * closes its duplicate. Once the parent has closed its own copy of the end as well (CPython's
 * usual {@code w.close()} after {@code start()}), the far end sees end of stream.
 *
 * <p>Differences from CPython: each frame makes one more hop (parent thread, Unix socket)
 * each way; each time a process carrying the end starts, one more relay is made; a frame the
 * relay has taken from the end just as the child disconnects is lost, where CPython's pipe would
 * keep it for the end's other holders.
 */
final class ConnectionRelay {
    /**
     * The relay's first frame to the child, which waits for it before using the connection. So
     * a child that has written anything was attached: the parent may abandon a relay as soon as
     * the child has ended without losing what it wrote (its greeting may still be unread then).
     */
    private static final byte[] ATTACHED = {'A'};

    private ConnectionRelay() {}

    /** In the parent, at {@code start()}: a relay for {@code end}, and the handle naming it. */
    static Handle handleFor(Connection end) {
        Connection relayed;
        ChildListener listener;
        try {
            relayed = end.duplicate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot relay " + end + " to a child", e);
        }
        try {
            listener = ChildListener.forRelays();
        } catch (IOException e) {
            relayed.close();
            throw new UncheckedIOException("cannot relay " + end + " to a child", e);
        }
        CompletableFuture<Connection> attached = new CompletableFuture<>();
        long token = listener.expect(attached);
        attached.whenComplete((child, notAttached) -> {
            if (child == null) {
                relayed.close();
                return;
            }
            try {
                child.sendBytes(ATTACHED);
            } catch (IOException e) {
                child.close();
                relayed.close();
                return;
            }
            relay(child, relayed);
        });
        return new Handle(((UnixDomainSocketAddress) listener.address()).getPath().toString(), token, listener.key(), () -> {
            listener.forget(token);
            attached.cancel(false); // no effect once the child has attached
        });
    }

    private static void relay(Connection child, Connection end) {
        if (end.readable()) daemon(() -> toChild(end, child));
        daemon(() -> fromChild(child, end));
    }

    private static void daemon(Runnable copy) {
        Thread thread = new Thread(copy, "multiprocessing4j-relay");
        thread.setDaemon(true);
        thread.start();
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

    /**
     * What travels instead of the end: the socket path of the parent's listener for relays, the
     * relay's token and the listener's key. A class, not a record: a record's deserialization
     * spins method handles, milliseconds of a warm child's start.
     */
    static final class Handle implements Serializable {
        private static final long serialVersionUID = 2L;

        private final String path;
        private final long token;
        private final byte[] key;
        /** In the parent: gives up on the child. */
        private final transient Runnable abandon;

        Handle(String path, long token, byte[] key, Runnable abandon) {
            this.path = path;
            this.token = token;
            this.key = key;
            this.abandon = abandon;
        }

        /**
         * In the parent, once the child has ended or could not be started: a child that has not
         * connected never will, and the relay closes its duplicate of the end.
         */
        void abandon() {
            abandon.run();
        }

        /** In the child: connects to the relay; the connection stands in for the end. */
        private Object readResolve() throws ObjectStreamException {
            Connection c = null;
            try {
                c = ChildListener.greet(UnixDomainSocketAddress.of(path), token, key);
                if (!Arrays.equals(c.recvBytes(ATTACHED.length), ATTACHED)) throw new IOException("not attached");
                return c;
            } catch (IOException e) {
                if (c != null) c.close();
                InvalidObjectException failure = new InvalidObjectException("cannot attach to the relayed connection at " + path);
                failure.initCause(e);
                throw failure;
            }
        }
    }
}
