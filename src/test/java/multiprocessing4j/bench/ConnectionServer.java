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
        Path dir = Files.createTempDirectory("mp4j-bench-");
        SocketAddress address = args.get("--family").equals("tcp")
                ? new InetSocketAddress("127.0.0.1", 0)
                : UnixDomainSocketAddress.of(dir.resolve("listener"));
        try (Listener listener = new Listener(address, authkey)) {
            System.out.println("READY " + AddressText.format(listener.address()));
            System.out.flush();
            try (Connection conn = listener.accept()) {
                serve(conn, args.get("--mode"));
            } catch (EOFException clientDone) {
                // the client hung up: the benchmark is over
            }
        } finally {
            Files.deleteIfExists(dir.resolve("listener"));
            Files.delete(dir);
        }
    }

    private static void serve(Connection conn, String mode) throws Exception {
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
