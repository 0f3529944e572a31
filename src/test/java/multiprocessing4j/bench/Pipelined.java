package multiprocessing4j.bench;

import java.io.IOException;
import java.util.Arrays;
import multiprocessing4j.connection.Connection;

/**
 * Batches that the server acknowledges, at most {@value #BATCHES_IN_FLIGHT} of them
 * unacknowledged, so the stream never stops: with fewer in flight, TCP's Nagle/delayed-ACK
 * interplay stalls it for tens of ms per batch, in CPython and Java alike. The twin of
 * {@code Pipelined} in {@code conn_client.py}.
 */
final class Pipelined implements RepLoop.Step {
    static final int BATCHES_IN_FLIGHT = 2;
    static final byte[] ACK = {'o', 'k'};

    /** Sends one batch, ended by the message that makes the server acknowledge it. */
    @FunctionalInterface
    interface Batch {
        void send() throws IOException;
    }

    private final Connection conn;
    private final Batch batch;
    private final long units;
    private int inFlight;

    Pipelined(Connection conn, Batch batch, long units) {
        this.conn = conn;
        this.batch = batch;
        this.units = units;
    }

    @Override
    public long run() throws IOException {
        batch.send();
        inFlight++;
        while (inFlight > BATCHES_IN_FLIGHT) awaitAck();
        return units;
    }

    /** Collects the last acknowledgements: closing with unread data would reset the connection. */
    void drain() throws IOException {
        while (inFlight > 0) awaitAck();
    }

    private void awaitAck() throws IOException {
        if (!Arrays.equals(conn.recvBytes(), ACK)) throw new IllegalStateException("bad acknowledgement");
        inFlight--;
    }
}
