package multiprocessing4j.bench;

import static multiprocessing4j.Multiprocessing.Lock;
import static multiprocessing4j.Multiprocessing.RawValue;
import static multiprocessing4j.Multiprocessing.Value;

import java.util.ArrayList;
import java.util.List;
import multiprocessing4j.Process;
import multiprocessing4j.Value;
import multiprocessing4j.synchronize.Lock;
import multiprocessing4j.synchronize.SemLock;

/**
 * The Java side of {@link SyncWorkload}: {@code SyncBench locked-increments|lock-uncontended}.
 * Before timing, the increments are checked to be exact (the children's count against the
 * counter), so a broken lock fails loudly instead of being fast. Timing starts once the children
 * have made {@link #WARM} increments (so the JIT has compiled their loops; CPython's side waits
 * for as many). Sample: operations per second.
 */
public final class SyncBench {
    /** Increments the children make before timing starts, on both sides: their steady state is measured. */
    static final int WARM = 300_000;

    private SyncBench() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Timing timing = Timing.from(args);
        switch (args.positional().get(0)) {
            case "locked-increments" -> lockedIncrements(timing);
            case "lock-uncontended" -> {
                Lock lock = Lock();
                ResultLine.print(RepLoop.measure(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        lock.acquire();
                        lock.release();
                    }
                    return 10_000;
                }, (n, seconds) -> n / seconds, timing));
            }
            default -> throw new IllegalArgumentException("unknown metric " + args.positional().get(0));
        }
        System.exit(0);
    }

    private static void lockedIncrements(Timing timing) throws Exception {
        Value<Integer> counter = Value("i", 0);
        Value<Boolean> stop = RawValue("?", false);
        Value<Long> done = Value("q", 0L); // what the children counted, to check the counter against
        List<Process> children = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            children.add(new Process(() -> {
                SemLock lock = counter.getLock();
                long mine = 0;
                while (!stop.value()) {
                    for (int i = 0; i < 1000; i++) {
                        try (var held = lock.hold()) {
                            counter.value(counter.value() + 1);
                        }
                    }
                    mine += 1000;
                }
                try (var held = done.getLock().hold()) {
                    done.value(done.value() + mine);
                }
            }));
        }
        children.forEach(Process::start);
        while (counter.value() < WARM) Thread.sleep(10); // the children's loops are compiled by now
        List<Double> samples = RepLoop.measure(() -> {
            int before = counter.value();
            Thread.sleep(20);
            return (counter.value() - before) & 0xffffffffL; // the int counter may wrap
        }, (n, seconds) -> n / seconds, timing);
        stop.value(true);
        children.forEach(Process::join);
        if ((done.value() & 0xffffffffL) != (counter.value() & 0xffffffffL)) {
            throw new IllegalStateException("lost increments: children counted " + done.value() + ", counter " + counter.value());
        }
        ResultLine.print(samples);
    }
}
