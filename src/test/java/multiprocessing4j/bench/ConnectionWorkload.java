package multiprocessing4j.bench;

import java.util.List;

/**
 * {@code connection.<metric>.<family>}: a client measuring against an echo or sink server over
 * TCP loopback or a Unix socket, authenticated with an authkey (the handshake happens once, at
 * connect, outside the timed loop). The baseline is CPython's client and listener; the
 * contenders put Java on one side or both, each side in its own process.
 */
public record ConnectionWorkload(Metric metric, String family) implements Workload {
    static final String AUTHKEY_HEX = "62656e63682d617574686b6579"; // b"bench-authkey"

    /** What the client measures, and the server mode it needs. */
    public enum Metric {
        /** Round trips of a small int, {@code send}/{@code recv} on both sides. */
        LATENCY("latency", "µs/round trip, small int", Sense.LOWER_IS_BETTER, "echo-objects"),
        /** 64 KiB {@code send_bytes} messages, one way, each batch of 64 acknowledged ({@link Pipelined}). */
        BYTES("bytes", "MB/s, 64 KiB messages", Sense.HIGHER_IS_BETTER, "sink-bytes"),
        /** Small tuples via {@code send}, one way, each batch of 1000 acknowledged ({@link Pipelined}). */
        OBJECTS("objects", "objects/s, small tuples", Sense.HIGHER_IS_BETTER, "sink-objects");

        final String id;
        final String unit;
        final Sense sense;
        final String serverMode;

        Metric(String id, String unit, Sense sense, String serverMode) {
            this.id = id;
            this.unit = unit;
            this.sense = sense;
            this.serverMode = serverMode;
        }
    }

    @Override
    public String name() {
        return "connection." + metric.id + "." + family;
    }

    @Override
    public String unit() {
        return metric.unit;
    }

    @Override
    public Sense sense() {
        return metric.sense;
    }

    @Override
    public Trial baseline(Programs p) {
        return new Trial("CPython ↔ CPython", pythonServer(p), pythonClient(p));
    }

    @Override
    public List<Trial> contenders(Programs p) {
        return List.of(
                new Trial("Java ↔ Java", javaServer(p), javaClient(p)),
                new Trial("Java client → CPython server", pythonServer(p), javaClient(p)),
                new Trial("CPython client → Java server", javaServer(p), pythonClient(p)));
    }

    private List<String> pythonServer(Programs p) {
        return p.python("conn_server.py", serverArgs());
    }

    private List<String> javaServer(Programs p) {
        return p.java(ConnectionServer.class, serverArgs());
    }

    private List<String> pythonClient(Programs p) {
        return p.python("conn_client.py", clientArgs());
    }

    private List<String> javaClient(Programs p) {
        return p.java(ConnectionClient.class, clientArgs());
    }

    private String[] serverArgs() {
        return new String[] {"--family", family, "--mode", metric.serverMode, "--authkey", AUTHKEY_HEX};
    }

    private String[] clientArgs() {
        return new String[] {"--workload", metric.id, "--authkey", AUTHKEY_HEX};
    }
}
