package multiprocessing4j.managers;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;
import multiprocessing4j.interop.PythonPeer;

/**
 * CPython clients against the Java server and against a CPython SyncManager, side by side in
 * one run: round trips per second with one client process, and in aggregate with eight client
 * processes started together ({@code python-fixtures/manager_load.py}: {@code d['k'] = i},
 * {@code d['k']}, {@code l.append(i)}). Both servers run in their own process on a Unix
 * socket, as {@code Manager()} does: CPython's {@code manager_server.py}, and the Java
 * {@link SyncManager#start()} child JVM. The two servers take turns for three rounds after a
 * warm-up of two rounds of eight clients each; medians are reported.
 *
 * <p>Run after {@code mvn -B -q test-compile}:
 * {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * multiprocessing4j.managers.ManagerServerBenchmark [N] [python-version]}.
 */
public final class ManagerServerBenchmark {
    private ManagerServerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        CPython python = args.length > 1
                ? CPythons.discovered().stream().filter(p -> p.version().startsWith(args[1])).findFirst().orElseThrow()
                : CPythons.newest();
        try (ManagerPeer cpython = ManagerPeer.start(python, "sync-unix"); SyncManager java = new SyncManager()) {
            java.start();
            String javaAddress = (String) java.address();
            String cpythonAddress = cpython.addressText();
            // Warm-up: the JIT compiles the Java server's request path (some 100k requests); CPython
            // has nothing to compile but gets the same turn.
            for (int i = 0; i < 2; i++) {
                rate(python, javaAddress, java.authkey(), 8, n);
                rate(python, cpythonAddress, cpython.authkey, 8, n);
            }
            for (int clients : new int[] {1, 8}) {
                List<Double> j = new ArrayList<>();
                List<Double> c = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    j.add(rate(python, javaAddress, java.authkey(), clients, n));
                    c.add(rate(python, cpythonAddress, cpython.authkey, clients, n));
                }
                double jm = median(j);
                double cm = median(c);
                System.out.printf("%s clients, %d CPU(s), %d client process(es) x %d round trips: "
                                + "Java server %.0f rt/s, CPython server %.0f rt/s, ratio %.2f%n",
                        python, Runtime.getRuntime().availableProcessors(), clients, 3 * n, jm, cm, jm / cm);
            }
        }
    }

    /** Aggregate round trips per second of {@code clients} CPython processes started together. */
    private static double rate(CPython python, String address, byte[] authkey, int clients, int n) throws Exception {
        List<PythonPeer> peers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                peers.add(PythonPeer.start(python, "manager_load.py", address, HexFormat.of().formatHex(authkey),
                        Integer.toString(n)));
            }
            for (PythonPeer p : peers) p.expect("READY", 60);
            for (PythonPeer p : peers) p.writeLine("GO");
            double slowest = 0;
            for (PythonPeer p : peers) slowest = Math.max(slowest, Double.parseDouble(p.expect("ELAPSED", 600)));
            return clients * 3.0 * n / slowest;
        } finally {
            peers.forEach(PythonPeer::close);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
