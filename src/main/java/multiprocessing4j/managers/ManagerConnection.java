package multiprocessing4j.managers;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.ProcessError;
import multiprocessing4j.connection.Addresses;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.reduction.PyTuple;

/**
 * One authenticated connection to a manager's server, carrying requests
 * {@code (ident, method, args, kwds)} and their replies {@code (kind, payload)}, as CPython's
 * {@code dispatch} does. Confined to one thread at a time.
 */
final class ManagerConnection implements AutoCloseable {
    /** How long connecting and the handshake may take before the manager counts as unreachable. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private static final ScheduledExecutorService ALARMS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp4j-manager-connect-timeout");
        t.setDaemon(true);
        return t;
    });

    private final Object address;
    private final Connection connection;

    private ManagerConnection(Object address, Connection connection) {
        this.address = address;
        this.connection = connection;
    }

    /**
     * Connects to the server at {@code address} (Python form) and authenticates both ways.
     *
     * @throws ProcessError if the server cannot be reached, or connecting and the handshake take
     *     longer than {@value #CONNECT_TIMEOUT_MILLIS} ms
     * @throws AuthenticationError if the keys differ
     */
    static ManagerConnection open(Object address, byte[] authkey) {
        SocketAddress socketAddress = Addresses.fromPython(address);
        // CPython's Client has no timeout, and a server that accepts but never answers would hold
        // this thread for ever. The alarm interrupts it, which closes the channel it waits on.
        Thread caller = Thread.currentThread();
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> alarm = ALARMS.schedule(() -> {
            if (settled.compareAndSet(false, true)) caller.interrupt();
        }, CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return new ManagerConnection(address, Client.connect(socketAddress, authkey));
        } catch (IOException e) {
            String why = settled.get() ? "no handshake within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s" : e.toString();
            throw new ProcessError("cannot connect to the manager at " + Managers.describe(address) + ": " + why, e);
        } finally {
            alarm.cancel(false);
            if (!settled.compareAndSet(false, true)) Thread.interrupted(); // the alarm's interrupt, not the caller's
        }
    }

    /** Sends a request and reads its reply; proxies in the reply are made live for {@code manager}. */
    Reply request(String ident, String method, PyTuple args, Map<String, Object> kwds, BaseManager manager) {
        try {
            // A fresh dict: a shared Java map (Map.of()) pickled once would be the same object as
            // an equal-identity map among the arguments, and CPython's RebuildProxy adds to its kwds.
            connection.sendBytes(ManagerPickling.dumps(PyTuple.of(ident, method, args, new LinkedHashMap<>(kwds))));
            Object reply = ManagerPickling.loads(connection.recvBytes(), manager);
            if (reply instanceof PyTuple t && t.size() == 2 && t.get(0) instanceof String kind) {
                return new Reply(kind, t.get(1));
            }
            throw new ProcessError("malformed reply from the manager at " + Managers.describe(address) + ": " + reply);
        } catch (EOFException e) {
            throw new ProcessError("the manager at " + Managers.describe(address) + " closed the connection", e);
        } catch (IOException e) {
            throw new ProcessError("lost the connection to the manager at " + Managers.describe(address) + ": " + e, e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
