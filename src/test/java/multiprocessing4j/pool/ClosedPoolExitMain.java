package multiprocessing4j.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.Multiprocessing;

/**
 * A parent JVM for {@link PoolCloseTest}: {@code ClosedPoolExitMain <start method> <dir>} starts a
 * {@code Pool(2)}, gives it four tasks that each write their worker's pid into {@code dir} and
 * then sleep for a minute, waits until both workers are busy, calls {@code close()} (not
 * {@code join()}) and returns from {@code main}: the JVM must then exit, and take the busy
 * workers with it, as CPython's interpreter exit terminates a pool's workers.
 */
public final class ClosedPoolExitMain {
    private ClosedPoolExitMain() {}

    public static void main(String[] args) throws InterruptedException {
        Multiprocessing.setStartMethod(args[0]);
        String dir = args[1];
        Pool pool = Multiprocessing.Pool(2);
        for (int i = 0; i < 4; i++) pool.applyAsync(() -> busy(dir)); // a worker holds two at most
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(dir) < 2) {
            if (System.nanoTime() > deadline) {
                System.err.println("the workers did not start");
                System.exit(2);
            }
            Thread.sleep(20);
        }
        pool.close();
        System.out.println("closed");
    }

    /** Runs in a worker: leaves its pid in {@code dir}, then works for a minute. */
    static int busy(String dir) {
        try {
            Files.writeString(Path.of(dir, Long.toString(ProcessHandle.current().pid())), "");
            Thread.sleep(60_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static long count(String dir) {
        try (var files = Files.list(Path.of(dir))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
