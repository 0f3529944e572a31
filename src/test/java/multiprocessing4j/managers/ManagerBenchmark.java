package multiprocessing4j.managers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;
import multiprocessing4j.interop.PythonPeer;

/**
 * Round trips per second of the Java client and of a CPython client against the same CPython
 * SyncManager (served over TCP on this machine), one client thread each, one after the other:
 * {@code d[k] = v}, {@code d[k]}, {@code l.append(x)}, {@code q.put(x)}, {@code q.get()}, and
 * creating and releasing a dict (four control connections each: create, incref, decref, decref;
 * {@value #CREATES} times, as CPython's client needs ~50 ms for each connection over TCP).
 * The two clients take turns for five rounds and each operation's median is reported, so that
 * a noisy machine disturbs both alike.
 *
 * <p>Run after {@code mvn -B -q test-compile}:
 * {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * multiprocessing4j.managers.ManagerBenchmark [N] [python-version]}.
 */
public final class ManagerBenchmark {
    static final int CREATES = 20;

    private ManagerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        CPython python = args.length > 1
                ? CPythons.discovered().stream().filter(p -> p.version().startsWith(args[1])).findFirst().orElseThrow()
                : CPythons.newest();
        try (ManagerPeer server = ManagerPeer.start(python, "sync-tcp")) {
            List<Map<String, Double>> java = new ArrayList<>();
            List<Map<String, Double>> cpython = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                java.add(javaRates(server, n));
                cpython.add(cpythonRates(server, python, n));
            }
            System.out.printf("%s SyncManager over TCP, %d round trips per operation, one client thread, "
                    + "median of 5 rounds%n", python, n);
            System.out.printf("%-12s %14s %14s %8s%n", "operation", "Java (rt/s)", "CPython (rt/s)", "ratio");
            for (String op : java.get(0).keySet()) {
                double j = median(java, op);
                double c = median(cpython, op);
                System.out.printf("%-12s %14.0f %14.0f %8.2f%n", op, j, c, j / c);
            }
        }
    }

    private static double median(List<Map<String, Double>> rounds, String op) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Double> r : rounds) values.add(r.get(op));
        values.sort(null);
        return values.get(values.size() / 2);
    }

    private static Map<String, Double> javaRates(ManagerPeer server, int n) {
        Map<String, Double> rates = new LinkedHashMap<>();
        try (SyncManager m = new SyncManager(server.address, server.authkey)) {
            m.connect();
            DictProxy d = m.dict();
            ListProxy l = m.list();
            QueueProxy q = m.Queue();
            // The JIT compiles the whole request path first; CPython has nothing to warm up but caches.
            for (int round = 0; round < 3; round++) {
                rate(n / 10, i -> d.setItem("key", i));
                rate(n / 10, i -> d.getItem("key"));
                rate(n / 10, i -> q.put(i));
                rate(n / 10, i -> q.get());
            }
            rates.put("dict_set", rate(n, i -> d.setItem("key", i)));
            rates.put("dict_get", rate(n, i -> d.getItem("key")));
            rates.put("list_append", rate(n, l::append));
            rates.put("queue_put", rate(n, q::put));
            rates.put("queue_get", rate(n, i -> q.get()));
            rates.put("create_dict", rate(CREATES, i -> m.dict().close()) * 4);
        }
        return rates;
    }

    private static double rate(int n, IntConsumer op) {
        for (int i = 0; i < n / 10; i++) op.accept(i);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) op.accept(i);
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Double> cpythonRates(ManagerPeer server, CPython python, int n) throws Exception {
        Map<String, Double> rates = new LinkedHashMap<>();
        try (PythonPeer client = PythonPeer.start(python, "manager_bench.py", server.addressText(),
                java.util.HexFormat.of().formatHex(server.authkey), Integer.toString(n), Integer.toString(CREATES))) {
            for (String line = client.readLine(600); !line.equals("DONE"); line = client.readLine(600)) {
                String[] f = line.split(" ");
                rates.put(f[0], Double.parseDouble(f[1]));
            }
        }
        return rates;
    }
}
