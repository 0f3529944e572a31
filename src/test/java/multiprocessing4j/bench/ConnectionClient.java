package multiprocessing4j.bench;

import java.io.IOException;
import java.util.Arrays;
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
    static final byte[] ACK = {'o', 'k'};

    private ConnectionClient() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        byte[] authkey = HexFormat.of().parseHex(args.get("--authkey"));
        try (Connection conn = Client.connect(AddressText.parse(args.get("--address")), authkey)) {
            String workload = args.get("--workload");
            RepLoop.Step step = switch (workload) {
                case "latency" -> latency(conn);
                case "bytes" -> bytesThroughput(conn);
                case "objects" -> objectsThroughput(conn);
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
            RepLoop.ToSample toSample = switch (workload) {
                case "latency" -> (roundTrips, seconds) -> seconds * 1e6 / roundTrips;
                case "bytes" -> (bytes, seconds) -> bytes / seconds / 1e6;
                default -> (objects, seconds) -> objects / seconds;
            };
            ResultLine.print(RepLoop.measure(step, toSample, Timing.from(args)));
        }
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

    /** A batch of 64 KiB messages, an empty one to end it, and the server's acknowledgement. */
    private static RepLoop.Step bytesThroughput(Connection conn) {
        byte[] payload = new byte[BYTES_MESSAGE];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        return () -> {
            for (int i = 0; i < BYTES_BATCH; i++) conn.sendBytes(payload);
            conn.sendBytes(new byte[0]);
            expectAck(conn);
            return (long) BYTES_BATCH * BYTES_MESSAGE;
        };
    }

    /** A batch of {@code (i, 'ping', 2.5)} tuples, None to end it, and the acknowledgement. */
    private static RepLoop.Step objectsThroughput(Connection conn) {
        return () -> {
            for (int i = 0; i < OBJECTS_BATCH; i++) conn.send(PyTuple.of(i, "ping", 2.5));
            conn.send(null);
            expectAck(conn);
            return OBJECTS_BATCH;
        };
    }

    private static void expectAck(Connection conn) throws IOException {
        if (!Arrays.equals(conn.recvBytes(), ACK)) throw new IllegalStateException("bad acknowledgement");
    }
}
