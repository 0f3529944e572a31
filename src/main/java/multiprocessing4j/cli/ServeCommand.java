package multiprocessing4j.cli;

import java.security.SecureRandom;
import java.util.HexFormat;
import multiprocessing4j.managers.Server;
import multiprocessing4j.managers.SyncManager;

/**
 * {@code serve}: a Java SyncManager server for CPython programs (and Java clients) on a TCP or
 * Unix-socket address. Prints {@code AUTHKEY <hex>} when it generated the key, then
 * {@code READY <address>}; serves until a client sends {@code shutdown} or the process gets
 * SIGINT/SIGTERM.
 */
final class ServeCommand {
    private ServeCommand() {}

    static void run(Options options) {
        byte[] authkey = options.authkey();
        if (authkey == null) {
            authkey = new byte[32];
            new SecureRandom().nextBytes(authkey);
            System.out.println("AUTHKEY " + HexFormat.of().formatHex(authkey));
        }
        Server server = new SyncManager(options.address(), authkey).getServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "serve-shutdown"));
        System.out.println("READY " + format(server.address()));
        System.out.flush();
        server.serveForever();
    }

    /** {@code host:port} or the socket path, as {@code --address} takes it. */
    private static String format(Object pythonAddress) {
        if (pythonAddress instanceof multiprocessing4j.reduction.PyTuple t) return t.get(0) + ":" + t.get(1);
        return (String) pythonAddress;
    }
}
