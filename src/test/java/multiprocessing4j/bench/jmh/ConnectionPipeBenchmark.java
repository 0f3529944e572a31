package multiprocessing4j.bench.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One frame through {@code Connection.Pipe()}, sent and received on the same thread: the
 * framing, buffer and selector cost per message without a peer process or a thread hand-off
 * (the side-by-side harness measures those). Frames stay below the kernel's pipe buffer so the
 * single thread never blocks itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConnectionPipeBenchmark {

    @Param({"0", "64", "4096"})
    public int size;

    private Pipe pipe;
    private byte[] payload;

    @Setup
    public void setUp() throws IOException {
        pipe = Connection.Pipe();
        payload = new byte[size];
    }

    @TearDown
    public void tearDown() {
        pipe.close();
    }

    @Benchmark
    public byte[] sendBytesRecvBytes() throws IOException {
        pipe.left().sendBytes(payload);
        return pipe.right().recvBytes();
    }

    @Benchmark
    public int sendBytesRecvBytesInto() throws IOException {
        pipe.left().sendBytes(payload);
        return pipe.right().recvBytesInto(payload);
    }
}
