package multiprocessing4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.List;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;

/**
 * Where children tell a test what they saw: a Unix-socket listener authenticated with the
 * test's authkey, whose path (a String) a target captures. Children connect with the authkey
 * they inherited, so a message arriving also proves the authkey travelled.
 */
final class Inbox implements AutoCloseable {
    private final Listener listener;
    final String path;

    Inbox() throws IOException {
        listener = new Listener(null, 128, Multiprocessing.currentProcess().authkey());
        path = ((UnixDomainSocketAddress) listener.address()).getPath().toString();
    }

    /** The next message one child sends. */
    Object recv() throws IOException {
        try (Connection c = listener.accept()) {
            return c.recv();
        }
    }

    /** Accepts {@code n} children that stay connected (see {@link #hold(String, Object)}). */
    List<Connection> acceptHeld(int n) throws IOException {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < n; i++) held.add(listener.accept());
        return held;
    }

    /** In a child: sends {@code value} to the inbox at {@code path}. */
    static void send(String path, Object value) {
        try (Connection c = Client.connect(UnixDomainSocketAddress.of(path), Multiprocessing.currentProcess().authkey())) {
            c.send(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In a child: sends {@code value}, then waits until the test answers (or goes away). */
    static void hold(String path, Object value) {
        try (Connection c = Client.connect(UnixDomainSocketAddress.of(path), Multiprocessing.currentProcess().authkey())) {
            c.send(value);
            c.recv();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In a child: says it is running, then blocks until it is signalled. */
    static void upThenBlock(String path) {
        send(path, "up");
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // keep blocking: only a signal ends this child
            }
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
