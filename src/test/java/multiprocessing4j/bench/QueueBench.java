package multiprocessing4j.bench;

import multiprocessing4j.Multiprocessing;
import multiprocessing4j.Process;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;
import multiprocessing4j.queues.Queue;
import multiprocessing4j.reduction.PyBytes;

/**
 * The Java side of the queue benchmarks, the same as {@code queue_bench.py}: between this JVM and
 * one child started with the default start method,
 * {@code QueueBench ints|bytes-1k} (a {@code Queue(10000)}, the child puts as fast as it can,
 * this process gets; sample: messages per second) or {@code QueueBench pipe-rtt} (a
 * {@code Pipe()}, the child echoes; sample: microseconds per round trip) or
 * {@code QueueBench queue-rtt} (two {@code Queue()}s, the child moves each item from one to the
 * other; sample: microseconds per round trip). Every item got is
 * checked, so a broken queue fails instead of being fast.
 */
public final class QueueBench {
    private static final int BATCH = 1000;

    private QueueBench() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String kind = args.positional().get(0);
        Timing timing = Timing.from(args);
        switch (kind) {
            case "ints", "bytes-1k" -> queue(kind.equals("ints"), timing);
            case "pipe-rtt" -> pipe(timing);
            case "queue-rtt" -> queueRoundTrip(timing);
            default -> throw new IllegalArgumentException("unknown workload " + kind);
        }
        System.exit(0);
    }

    private static void queue(boolean ints, Timing timing) throws Exception {
        Queue q = Multiprocessing.Queue(10_000);
        Process child = new Process(() -> {
            PyBytes item = PyBytes.of(new byte[1024]);
            for (int i = 0; ; i++) q.put(ints ? (Object) i : item);
        });
        child.daemon(true);
        child.start();
        long[] expected = {0};
        RepLoop.Step step = () -> {
            for (int i = 0; i < BATCH; i++) {
                Object got = q.get();
                if (ints ? ((Number) got).longValue() != expected[0]++ : ((PyBytes) got).length() != 1024) {
                    throw new IllegalStateException("wrong item " + got);
                }
            }
            return BATCH;
        };
        ResultLine.print(RepLoop.measure(step, (n, s) -> n / s, timing));
        child.kill();
        child.join();
    }

    private static void queueRoundTrip(Timing timing) throws Exception {
        Queue requests = Multiprocessing.Queue();
        Queue replies = Multiprocessing.Queue();
        Process child = new Process(() -> {
            for (Object m; (m = requests.get()) != null; ) replies.put(m);
        });
        child.daemon(true);
        child.start();
        RepLoop.Step step = () -> {
            requests.put(1);
            if (!Integer.valueOf(1).equals(replies.get())) throw new IllegalStateException("wrong reply");
            return 1;
        };
        ResultLine.print(RepLoop.measure(step, (n, s) -> s * 1e6 / n, timing));
        requests.put(null);
        child.join();
    }

    private static void pipe(Timing timing) throws Exception {
        Pipe pipe = Connection.Pipe();
        Connection there = pipe.right();
        Process child = new Process(() -> {
            try {
                for (Object m; (m = there.recv()) != null; ) there.send(m);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        child.daemon(true);
        child.start();
        there.close();
        Connection here = pipe.left();
        RepLoop.Step step = () -> {
            here.send(1);
            if (!Integer.valueOf(1).equals(here.recv())) throw new IllegalStateException("wrong echo");
            return 1;
        };
        ResultLine.print(RepLoop.measure(step, (n, s) -> s * 1e6 / n, timing));
        here.send(null);
        child.join();
    }
}
