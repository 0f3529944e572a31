package multiprocessing4j.bench;

import java.util.HexFormat;
import multiprocessing4j.managers.Server;
import multiprocessing4j.managers.SyncManager;

/**
 * The Java server of the manager benchmarks, the twin of {@code manager_serve.py}: a
 * {@link SyncManager}'s server in this process on a fresh Unix socket, until a client sends
 * {@code shutdown}. {@code ManagerServe --authkey HEX}; prints {@code READY <socket path>}.
 */
public final class ManagerServe {
    private ManagerServe() {}

    public static void main(String[] argv) {
        Args args = new Args(argv);
        Server server = new SyncManager(null, HexFormat.of().parseHex(args.get("--authkey"))).getServer();
        System.out.println("READY " + server.address());
        System.out.flush();
        server.serveForever();
    }
}
