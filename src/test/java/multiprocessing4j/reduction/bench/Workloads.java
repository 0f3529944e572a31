package multiprocessing4j.reduction.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import multiprocessing4j.reduction.PyBytes;

/**
 * The pickle benchmark workloads, each with the Python expression that builds the same data, so
 * Java and CPython are timed on equal terms.
 */
public enum Workloads {
    INTS_1M("list of 1M ints", "list(range(10**6))", () -> {
        List<Object> l = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) l.add(i);
        return l;
    }),
    DICT_100K("dict of 100k str->int", "{'key%d' % i: i for i in range(10**5)}", () -> {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) m.put("key" + i, i);
        return m;
    }),
    BYTES_10M("10 MiB bytes", "random.Random(1).getrandbits(8 * 10 * 2**20).to_bytes(10 * 2**20, 'little')", () -> {
        byte[] b = new byte[10 << 20];
        new Random(1).nextBytes(b);
        return PyBytes.of(b);
    });

    public final String label;
    public final String python;
    private final Supplier<Object> java;

    Workloads(String label, String python, Supplier<Object> java) {
        this.label = label;
        this.python = python;
        this.java = java;
    }

    public Object build() {
        return java.get();
    }
}
