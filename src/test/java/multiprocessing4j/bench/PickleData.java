package multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import multiprocessing4j.reduction.PyBytes;

/**
 * The pickle benchmarks' data sets, built in Java's form of the Python value model (a Python
 * list is an {@code ArrayList}, a dict a {@code LinkedHashMap}, bytes a {@link PyBytes}); the
 * same values as {@code DATA} in {@code pickle_bench.py}.
 */
public enum PickleData {
    INTS_LIST("ints-list", () -> {
        List<Object> list = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) list.add(i);
        return list;
    }),
    STR_DICT("str-dict", () -> {
        Map<Object, Object> dict = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) dict.put("key" + i, i);
        return dict;
    }),
    BYTES_10M("bytes-10m", () -> {
        byte[] data = new byte[10 * 1024 * 1024];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        return PyBytes.of(data);
    });

    private final String id;
    private final Supplier<Object> build;

    PickleData(String id, Supplier<Object> build) {
        this.id = id;
        this.build = build;
    }

    /** The name both languages' programs use, e.g. {@code ints-list}. */
    public String id() {
        return id;
    }

    public Object build() {
        return build.get();
    }

    public static PickleData byId(String id) {
        for (PickleData d : values()) {
            if (d.id.equals(id)) return d;
        }
        throw new IllegalArgumentException("unknown data set " + id);
    }
}
