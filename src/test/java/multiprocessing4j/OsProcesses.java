package multiprocessing4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** What tests need of OS processes they did not start themselves (grandchildren, a helper JVM's children). */
public final class OsProcesses {
    private OsProcesses() {}

    /** Every line {@code p} writes to its stdout, until it closes it. */
    public static List<String> lines(java.lang.Process p) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) lines.add(line);
        }
        return lines;
    }

    /**
     * Waits until {@code pid} has exited, for at most a minute. It is not this JVM's child, so no
     * exit notification exists; /proc is polled (a zombie waiting for its new parent to reap it
     * counts as exited).
     */
    public static void awaitGone(long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running(pid)) {
            if (System.nanoTime() > deadline) throw new AssertionError("process " + pid + " is still running");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
