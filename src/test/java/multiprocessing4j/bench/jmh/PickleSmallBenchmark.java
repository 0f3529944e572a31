package multiprocessing4j.bench.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyTuple;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ForkingPickler.dumps}/{@code loads} of the small values every Connection message and
 * manager request carries: the per-message cost that the side-by-side harness cannot isolate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PickleSmallBenchmark {

    /** {@code int}: 42; {@code tuple}: (7, 'ping', 2.5); {@code request}: a manager call
     *  (None, 'dummy', (), {}); {@code dict}: 10 str→int; {@code list}: 100 ints. */
    @Param({"int", "tuple", "request", "dict", "list"})
    public String value;

    private Object object;
    private byte[] pickle;

    @Setup
    public void setUp() {
        object = switch (value) {
            case "int" -> 42;
            case "tuple" -> PyTuple.of(7, "ping", 2.5);
            case "request" -> PyTuple.of(null, "dummy", PyTuple.of(), new LinkedHashMap<>());
            case "dict" -> {
                Map<Object, Object> d = new LinkedHashMap<>();
                for (int i = 0; i < 10; i++) d.put("key" + i, i);
                yield d;
            }
            case "list" -> {
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < 100; i++) l.add(i);
                yield l;
            }
            default -> throw new IllegalArgumentException(value);
        };
        pickle = ForkingPickler.dumps(object);
    }

    @Benchmark
    public byte[] dumps() {
        return ForkingPickler.dumps(object);
    }

    @Benchmark
    public Object loads() {
        return ForkingPickler.loads(pickle);
    }
}
