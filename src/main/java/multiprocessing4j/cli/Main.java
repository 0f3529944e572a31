package multiprocessing4j.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The command-line tool: {@code java -cp ... multiprocessing4j.cli.Main COMMAND [options]}.
 *
 * <pre>
 *   demo                 show multiprocessing4j at work against a real CPython peer
 *   echo [options]       a Listener that sends every message back (for CPython programs and tests)
 *   serve [options]      a SyncManager server for CPython programs
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            usage(System.out);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo" -> DemoCommand.run(Options.parse(rest));
            case "echo" -> EchoCommand.run(Options.parse(rest));
            case "serve" -> ServeCommand.run(Options.parse(rest));
            default -> {
                usage(System.err);
                System.exit(2);
            }
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: multiprocessing4j COMMAND [options]

                commands:
                  demo    show multiprocessing4j at work against a real CPython peer
                          --python PATH   the CPython to use (default: $MP4J_PYTHON, else python3)
                  echo    serve a Listener that sends every message back until stdin closes
                          --address A     host:port or a Unix socket path (default: a fresh Unix path)
                          --authkey-hex K the authkey in hex (default: no authentication)
                          --bytes         echo raw frames instead of unpickling them
                  serve   serve a SyncManager (dict, list, Queue, Lock...) to CPython clients until
                          a client sends shutdown, or SIGINT/SIGTERM; prints READY <address>
                          --address A     host:port or a Unix socket path (default: a fresh Unix path)
                          --authkey-hex K the authkey in hex (default: a fresh one, printed as AUTHKEY <hex>)
                """);
    }
}
