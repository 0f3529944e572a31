package multiprocessing4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark program running in its own process. Its stdout lines are queued for the harness;
 * the tail of its stderr is kept so a failure can say what the program said. Closing it kills
 * the process if it is still there.
 */
final class ChildProcess implements AutoCloseable {
    private static final String EOF = new String("EOF"); // identity-compared end marker
    private static final int STDERR_TAIL = 2000;

    private final String name;
    private final java.lang.Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stderrPump;

    ChildProcess(String name, List<String> command) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        pump(process.getInputStream(), true);
        stderrPump = pump(process.getErrorStream(), false);
    }

    /** The next stdout line, or an exception naming why there is none within the time. */
    String readLine(double timeoutSeconds) throws BenchFailure, InterruptedException {
        String line = stdout.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        if (line == null) throw failure("gave no result within " + Math.round(timeoutSeconds) + " s (too slow, or hung)");
        if (line == EOF) {
            stdout.add(EOF);
            boolean exited = process.waitFor(5, TimeUnit.SECONDS);
            throw failure(exited && process.exitValue() != 0 ? "exited with status " + process.exitValue() : "gave no result");
        }
        return line;
    }

    /** Waits for the process to end by itself. */
    void await(double timeoutSeconds) throws BenchFailure, InterruptedException {
        if (!process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
            throw failure("did not exit within " + Math.round(timeoutSeconds) + " s");
        }
        if (process.exitValue() != 0) throw failure("exited with status " + process.exitValue());
    }

    /** The failure of this process if it exits with an error within the time. */
    Optional<BenchFailure> crashed(double waitSeconds) throws InterruptedException {
        if (!process.waitFor((long) (waitSeconds * 1000), TimeUnit.MILLISECONDS) || process.exitValue() == 0) {
            return Optional.empty();
        }
        return Optional.of(failure("exited with status " + process.exitValue()));
    }

    BenchFailure failure(String what) throws InterruptedException {
        if (!process.isAlive()) stderrPump.join(2000); // a dead process's last words
        String said;
        synchronized (stderr) {
            said = stderr.toString().strip();
        }
        String cause = headline(said);
        return new BenchFailure(name + " " + what + (cause.isEmpty() ? "" : ": " + cause), said);
    }

    /**
     * The line of a stack trace that names the error: the last unindented one, which is the
     * exception in a Python traceback and the root "Caused by:" in a Java one, without the
     * Java exception's package.
     */
    static String headline(String stderr) {
        String found = "";
        for (String line : stderr.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) found = line;
        }
        return found.replaceFirst("^(Caused by: |Exception in thread \"[^\"]*\" )", "")
                .replaceFirst("^([a-z]\\w*\\.)+(?=[A-Z]\\w*(: |$))", "");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private Thread pump(InputStream in, boolean isStdout) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (isStdout) stdout.add(line);
                    else keepStderr(line);
                }
            } catch (IOException ignored) {
                // the process went away; the EOF marker tells the reader
            } finally {
                if (isStdout) stdout.add(EOF);
            }
        }, name + (isStdout ? "-stdout" : "-stderr"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void keepStderr(String line) {
        synchronized (stderr) {
            stderr.append(line).append('\n');
            if (stderr.length() > 2 * STDERR_TAIL) stderr.delete(0, stderr.length() - STDERR_TAIL);
        }
    }
}
