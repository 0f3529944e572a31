package multiprocessing4j.bench;

import java.util.HexFormat;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.reduction.PyTuple;

/**
 * The Java client of the Connection benchmarks, the twin of {@code conn_client.py} (same
 * arguments, same messages, same samples):
 * {@code ConnectionClient --workload latency|bytes|objects --address A --authkey HEX [timing]}.
 */
public final class ConnectionClient {
    static final int BYTES_MESSAGE = 64 * 1024;
    static final int BYTES_BATCH = 64;
    static final int OBJECTS_BATCH = 1000;

    private ConnectionClient() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        byte[] authkey = HexFormat.of().parseHex(args.get("--authkey"));
        Timing timing = Timing.from(args);
        try (Connection conn = Client.connect(AddressText.parse(args.get("--address")), authkey)) {
            String workload = args.get("--workload");
            switch (workload) {
                case "latency" -> ResultLine.print(RepLoop.measure(latency(conn),
                        (roundTrips, seconds) -> seconds * 1e6 / roundTrips, timing));
                case "bytes" -> measure(bytesThroughput(conn), (bytes, seconds) -> bytes / seconds / 1e6, timing);
                case "objects" -> measure(objectsThroughput(conn), (objects, seconds) -> objects / seconds, timing);
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            }
        }
    }

    private static void measure(Pipelined stream, RepLoop.ToSample toSample, Timing timing) throws Exception {
        var samples = RepLoop.measure(stream, toSample, timing);
        stream.drain();
        ResultLine.print(samples);
    }

    /** One round trip of a small int; the echo must be equal. */
    private static RepLoop.Step latency(Connection conn) {
        int[] counter = {0};
        return () -> {
            Integer message = ++counter[0];
            conn.send(message);
            Object echo = conn.recv();
            if (!message.equals(echo)) throw new IllegalStateException("echo mismatch: sent " + message + ", got " + echo);
            return 1;
        };
    }

    /** Batches of 64 KiB messages, each ended by an empty one. */
    private static Pipelined bytesThroughput(Connection conn) {
        byte[] payload = new byte[BYTES_MESSAGE];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        return new Pipelined(conn, () -> {
            for (int i = 0; i < BYTES_BATCH; i++) conn.sendBytes(payload);
            conn.sendBytes(new byte[0]);
        }, (long) BYTES_BATCH * BYTES_MESSAGE);
    }

    /** Batches of {@code (i, 'ping', 2.5)} tuples, each ended by None. */
    private static Pipelined objectsThroughput(Connection conn) {
        return new Pipelined(conn, () -> {
            for (int i = 0; i < OBJECTS_BATCH; i++) conn.send(PyTuple.of(i, "ping", 2.5));
            conn.send(null);
        }, OBJECTS_BATCH);
    }
}
