package multiprocessing4j.bench;

import java.util.List;

/**
 * One measured configuration of a workload, e.g. "Java client → CPython server": the command of
 * an optional server (started first; it prints {@code READY <address>}) and of the client that
 * measures and prints the {@link ResultLine}. The harness appends {@code --address} and the
 * timing options to the client's command.
 */
public record Trial(String label, List<String> server, List<String> client) {

    public static Trial alone(String label, List<String> client) {
        return new Trial(label, null, client);
    }

    public boolean hasServer() {
        return server != null;
    }

    /** Whether {@code word} (e.g. an interpreter's path) appears in either command. */
    public boolean mentions(String word) {
        return client.contains(word) || (hasServer() && server.contains(word));
    }
}
