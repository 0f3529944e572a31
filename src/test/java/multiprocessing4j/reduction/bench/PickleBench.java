package multiprocessing4j.reduction.bench;

import java.util.concurrent.TimeUnit;
import multiprocessing4j.reduction.ForkingPickler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: ForkingPickler dumps/loads on the standard workloads (Java-produced pickles; see
 * {@link SideBySide} for CPython-produced ones and the comparison with CPython). Run with
 * {@code java -cp target/test-classes:$(cat target/test-classpath.txt) org.openjdk.jmh.Main PickleBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class PickleBench {
    @Param({"INTS_1M", "DICT_100K", "BYTES_10M"})
    public Workloads workload;

    private Object value;
    private byte[] pickle;

    @Setup(Level.Trial)
    public void setUp() {
        value = workload.build();
        pickle = ForkingPickler.dumps(value);
    }

    @Benchmark
    public byte[] dumps() {
        return ForkingPickler.dumps(value);
    }

    @Benchmark
    public Object loads() {
        return ForkingPickler.loads(pickle);
    }
}
