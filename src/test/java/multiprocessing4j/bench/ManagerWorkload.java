package multiprocessing4j.bench;

import java.util.List;

/**
 * {@code manager.roundtrips.<n>clients}: CPython's SyncManager clients, {@code n} processes at
 * once, each calling its own dict and list ({@code manager_client.py}), against a manager served
 * by CPython ({@code manager_serve.py}, the baseline) and by Java ({@link ManagerServe}), each
 * server in its own process on a Unix socket as {@code Manager()} serves. The figure is the
 * aggregate round trips per second; the clients are the same program in both trials, so the
 * ratio is the servers' difference as a CPython user sees it.
 */
public record ManagerWorkload(int clients) implements Workload {
    private static final String AUTHKEY_HEX = ConnectionWorkload.AUTHKEY_HEX;

    @Override
    public String name() {
        return "manager.roundtrips." + clients + "clients";
    }

    @Override
    public String unit() {
        return "round trips/s, " + clients + " CPython client process" + (clients == 1 ? "" : "es");
    }

    @Override
    public Sense sense() {
        return Sense.HIGHER_IS_BETTER;
    }

    @Override
    public Trial baseline(Programs p) {
        return new Trial("CPython client → CPython manager", p.python("manager_serve.py", "--authkey", AUTHKEY_HEX),
                client(p));
    }

    @Override
    public List<Trial> contenders(Programs p) {
        return List.of(new Trial("CPython client → Java manager",
                p.java(ManagerServe.class, "--authkey", AUTHKEY_HEX), client(p)));
    }

    private List<String> client(Programs p) {
        return p.python("manager_client.py", "--authkey", AUTHKEY_HEX, "--clients", Integer.toString(clients));
    }
}
