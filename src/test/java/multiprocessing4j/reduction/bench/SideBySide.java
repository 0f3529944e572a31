package multiprocessing4j.reduction.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;
import multiprocessing4j.reduction.ForkingPickler;

/**
 * Times ForkingPickler against CPython's C pickle on the same workloads and prints a table:
 * medians after warm-up, in milliseconds. Java loads are timed on its own pickle and on the one
 * CPython made (protocol 4); CPython loads are timed on its own pickle and on Java's. CPython runs
 * with the GC disabled while timing, as {@code timeit} does.
 *
 * <p>{@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * multiprocessing4j.reduction.bench.SideBySide [python-executable] [runs]}
 */
public final class SideBySide {
    private static final String PY = String.join("\n",
            "import gc, pickle, random, sys, time",
            "build, java_path, out_path, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])",
            "x = eval(build)",
            "java_pickle = open(java_path, 'rb').read()",
            "def median(f):",
            "    for _ in range(3): f()",
            "    ts = []",
            "    gc.disable()",
            "    for _ in range(runs):",
            "        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)",
            "    gc.enable()",
            "    return sorted(ts)[len(ts) // 2] * 1000",
            "p = pickle.dumps(x, protocol=4)",
            "open(out_path, 'wb').write(p)",
            "print(median(lambda: pickle.dumps(x, protocol=4)), median(lambda: pickle.loads(p)),",
            "      median(lambda: pickle.loads(java_pickle)), len(p))");

    private SideBySide() {}

    public static void main(String[] args) throws Exception {
        CPython newest = CPythons.discovered().get(CPythons.discovered().size() - 1);
        String python = args.length > 0 ? args[0] : newest.executable().toString();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        System.out.printf("Java %s vs %s, medians of %d runs (ms)%n", System.getProperty("java.version"), python, runs);
        System.out.printf("| %-22s | %-8s | %9s | %9s | %6s |%n", "workload", "op", "Java", "CPython", "ratio");
        System.out.println("|---|---|---:|---:|---:|");
        for (Workloads w : Workloads.values()) {
            Object value = w.build();
            byte[] javaPickle = ForkingPickler.dumps(value);
            Path javaFile = Files.createTempFile("mp4j-java", ".pickle");
            Path pyFile = Files.createTempFile("mp4j-py", ".pickle");
            Files.write(javaFile, javaPickle);
            double[] py = runPython(python, w, javaFile, pyFile, runs);
            byte[] pyPickle = Files.readAllBytes(pyFile);
            double dumps = median(() -> ForkingPickler.dumps(value), runs);
            double loadsOwn = median(() -> ForkingPickler.loads(javaPickle), runs);
            double loadsPy = median(() -> ForkingPickler.loads(pyPickle), runs);
            row(w.label, "dumps", dumps, py[0]);
            row(w.label, "loads, own pickle", loadsOwn, py[1]);
            row(w.label, "loads, other's pickle", loadsPy, py[2]);
            System.out.printf("|   pickle sizes: Java %,d bytes, CPython %,d bytes |%n", javaPickle.length, pyPickle.length);
            Files.delete(javaFile);
            Files.delete(pyFile);
        }
    }

    private static void row(String workload, String op, double java, double python) {
        System.out.printf("| %-22s | %-22s | %9.2f | %9.2f | %6.2f |%n", workload, op, java, python, java / python);
    }

    /** Median wall time of {@code task} in ms, after a few warm-up runs. */
    public static double median(Runnable task, int runs) {
        for (int i = 0; i < Math.max(5, runs / 3); i++) task.run();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    private static double[] runPython(String python, Workloads w, Path javaFile, Path pyFile, int runs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, "-c", PY, w.python, javaFile.toString(), pyFile.toString(),
                Integer.toString(runs)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IllegalStateException("python failed: " + out);
        String[] f = out.split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }
}
