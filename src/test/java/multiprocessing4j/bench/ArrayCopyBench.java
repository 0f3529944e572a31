package multiprocessing4j.bench;

import java.util.Arrays;
import multiprocessing4j.Array;
import multiprocessing4j.Multiprocessing;

/**
 * The Java side of the sharedctypes bulk-copy benchmarks, one fresh JVM per trial:
 * {@code ArrayCopyBench read|write|arraycopy|get-loop}, on a synchronized {@code Array('d', N)}
 * of 16 MiB (the lock is taken once per copy, as CPython's {@code arr[:]} takes it).
 * <ul>
 *   <li>{@code read}: {@code Array.read} into a {@code double[]} (the bulk path);
 *   <li>{@code write}: {@code Array.write} from a {@code double[]};
 *   <li>{@code arraycopy}: {@code System.arraycopy} of a {@code double[]} of the same size: a plain
 *       memory copy, the yardstick;
 *   <li>{@code get-loop}: {@code getObj().get(i)} for every element (the List path, boxed).
 * </ul>
 * Before timing, a copy is checked to carry the data. Sample: GB/s.
 */
public final class ArrayCopyBench {
    static final int N = 2 * 1024 * 1024; // doubles: 16 MiB, as array_copy_bench.py

    private ArrayCopyBench() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String op = args.positional().get(0);
        long bytes = N * 8L;
        double[] src = new double[N];
        for (int i = 0; i < N; i++) src[i] = i * 0.5;
        double[] dst = new double[N];
        Array<Double> arr = Multiprocessing.Array("d", N);
        arr.write(0, src, 0, N);
        arr.read(0, dst, 0, N);
        if (!Arrays.equals(src, dst)) throw new IllegalStateException("Array.read/write lost data");
        Array<Double> raw = arr.getObj();
        RepLoop.Step step = switch (op) {
            case "read" -> () -> {
                arr.read(0, dst, 0, N);
                return bytes;
            };
            case "write" -> () -> {
                arr.write(0, src, 0, N);
                return bytes;
            };
            case "arraycopy" -> () -> {
                System.arraycopy(src, 0, dst, 0, N);
                return bytes;
            };
            case "get-loop" -> () -> {
                for (int i = 0; i < N; i++) dst[i] = raw.get(i);
                return bytes;
            };
            default -> throw new IllegalArgumentException("unknown operation " + op);
        };
        ResultLine.print(RepLoop.measure(step, (units, seconds) -> units / seconds / 1e9, Timing.from(args)));
        arr.shm().unlink();
    }
}
