package multiprocessing4j.bench;

import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;

/**
 * The Java server of the Connection benchmarks, the twin of {@code conn_server.py}: a
 * {@link Listener} that serves one client until it hangs up.
 * {@code ConnectionServer --family tcp|unix --mode echo-objects|sink-bytes|sink-objects --authkey HEX}.
 * Prints {@code READY <address>} once it listens.
 */
public final class ConnectionServer {
    private ConnectionServer() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        byte[] authkey = HexFormat.of().parseHex(args.get("--authkey"));
        if (args.get("--family").equals("tcp")) {
            serve(new InetSocketAddress("127.0.0.1", 0), authkey, args.get("--mode"));
            return;
        }
        Path dir = Files.createTempDirectory("mp4j-bench-");
        try {
            serve(UnixDomainSocketAddress.of(dir.resolve("listener")), authkey, args.get("--mode"));
        } finally {
            Files.deleteIfExists(dir.resolve("listener"));
            Files.delete(dir);
        }
    }

    /** Listens, says where, and serves one client until it hangs up. */
    private static void serve(SocketAddress address, byte[] authkey, String mode) throws Exception {
        try (Listener listener = new Listener(address, authkey)) {
            System.out.println("READY " + AddressText.format(listener.address()));
            System.out.flush();
            try (Connection conn = listener.accept()) {
                answer(conn, mode);
            } catch (EOFException clientDone) {
                // the client hung up: the benchmark is over
            }
        }
    }

    /** Echoes or sinks messages, by {@code mode}, until the client hangs up. */
    private static void answer(Connection conn, String mode) throws Exception {
        switch (mode) {
            case "echo-objects" -> {
                while (true) conn.send(conn.recv());
            }
            case "sink-bytes" -> {
                while (true) {
                    if (conn.recvBytes().length == 0) conn.sendBytes(Pipelined.ACK);
                }
            }
            case "sink-objects" -> {
                while (true) {
                    if (conn.recv() == null) conn.sendBytes(Pipelined.ACK);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }
}
