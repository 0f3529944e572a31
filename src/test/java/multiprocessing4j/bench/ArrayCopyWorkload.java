package multiprocessing4j.bench;

import java.util.List;

/**
 * {@code sharedctypes.copy-out} / {@code sharedctypes.copy-in}: 16 MiB of doubles copied out of
 * or into a shared {@code Array('d', N)}, in GB/s. The baseline is CPython's fastest way, a
 * {@code memoryview} copy; beside it CPython's {@code arr[:]}, Java's bulk
 * {@code Array.read}/{@code write}, and a plain {@code System.arraycopy} of the same size as the
 * yardstick (the goal: the bulk path within 2× of it).
 */
public record ArrayCopyWorkload(String direction) implements Workload {

    @Override
    public String name() {
        return "sharedctypes.copy-" + direction;
    }

    @Override
    public String unit() {
        return "GB/s";
    }

    @Override
    public Sense sense() {
        return Sense.HIGHER_IS_BETTER;
    }

    @Override
    public Trial baseline(Programs p) {
        return Trial.alone("CPython `memoryview` copy", p.python("array_copy_bench.py", "memoryview-" + direction));
    }

    @Override
    public List<Trial> contenders(Programs p) {
        boolean out = direction.equals("out");
        return List.of(
                Trial.alone(out ? "CPython `arr[:]` (a list)" : "CPython `arr[:] = list`",
                        p.python("array_copy_bench.py", "slice-" + direction)),
                Trial.alone(out ? "Java `Array.read` → double[]" : "Java `Array.write` ← double[]",
                        p.java(ArrayCopyBench.class, out ? "read" : "write")),
                Trial.alone("Java `System.arraycopy` (plain memory copy)", p.java(ArrayCopyBench.class, "arraycopy")));
    }
}
