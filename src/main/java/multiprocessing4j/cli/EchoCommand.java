package multiprocessing4j.cli;

import java.io.EOFException;
import java.io.IOException;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import multiprocessing4j.reduction.UnpicklingError;

/**
 * {@code echo}: a Listener that sends every message it receives back, each client on its own
 * thread, until its standard input closes. Prints {@code READY <address>} once it listens, so a
 * program that started it knows where to connect. Objects are unpickled and pickled again (so
 * the echo proves both directions of the codec); with {@code --bytes}, frames go back untouched.
 */
final class EchoCommand {
    private EchoCommand() {}

    static void run(Options options) throws IOException {
        boolean raw = options.flag("bytes");
        Listener listener = new Listener(options.address(), options.authkey());
        System.out.println("READY " + Options.format(listener.address()));
        System.out.flush();
        Thread acceptor = new Thread(() -> acceptLoop(listener, raw), "echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        System.in.transferTo(java.io.OutputStream.nullOutputStream()); // until stdin closes
        listener.close();
    }

    private static void acceptLoop(Listener listener, boolean raw) {
        while (!listener.closed()) {
            try {
                Connection conn = listener.accept();
                Thread t = new Thread(() -> echo(conn, raw), "echo-" + listener.lastAccepted());
                t.setDaemon(true);
                t.start();
            } catch (AuthenticationError e) {
                System.err.println("echo: refused a client: " + e.getMessage());
            } catch (IOException e) {
                if (!listener.closed()) System.err.println("echo: accept failed: " + e);
            }
        }
    }

    private static void echo(Connection conn, boolean raw) {
        try (conn) {
            while (true) {
                if (raw) {
                    conn.sendBytes(conn.recvBytes());
                } else {
                    try {
                        conn.send(conn.recv());
                    } catch (UnpicklingError e) {
                        conn.send("UnpicklingError: " + e.getMessage()); // the frame was consumed: go on
                    }
                }
            }
        } catch (EOFException e) {
            // the client is done
        } catch (IOException | RuntimeException e) {
            System.err.println("echo: " + e);
        }
    }
}
