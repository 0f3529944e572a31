package multiprocessing4j.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A CPython program from {@code python-fixtures/} running as a test's peer. Fixtures talk to the
 * test on plain text lines: the test writes commands to the peer's stdin and reads its stdout
 * (for example {@code READY 127.0.0.1:41231}). Stderr is kept and shown when a read times out
 * or the peer dies, so a failing interop test says what the Python side said.
 *
 * <p>Closing the peer closes its stdin (fixtures exit on EOF), then kills it if it lingers.
 */
public final class PythonPeer implements AutoCloseable {
    private static final Object EOF = new Object();

    private final CPython python;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private PythonPeer(CPython python, Process process) {
        this.python = python;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump("stdout", new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                true);
        pump("stderr", new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                false);
    }

    /** Starts {@code python -u python-fixtures/<script> args...}. */
    public static PythonPeer start(CPython python, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.executable().toString());
        cmd.add("-u");
        cmd.add(Project.fixture(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Project.dir().toFile());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().remove("PYTHONPATH");
        return new PythonPeer(python, pb.start());
    }

    private void pump(String name, BufferedReader reader, boolean toQueue) {
        Thread t = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (toQueue) lines.add(line);
                    else stderr.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the peer went away; EOF below tells the reader
            } finally {
                if (toQueue) lines.add(EOF);
            }
        }, "python-peer-" + name);
        t.setDaemon(true);
        t.start();
    }

    public CPython python() {
        return python;
    }

    public long pid() {
        return process.pid();
    }

    /** The next stdout line; fails with the peer's stderr if none comes within the timeout. */
    public String readLine(double timeoutSeconds) throws InterruptedException {
        Object line = lines.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError(python + " peer said nothing for " + timeoutSeconds + " s; stderr:\n" + stderr);
        }
        if (line == EOF) {
            lines.add(EOF);
            throw new AssertionError(python + " peer closed its output (exit "
                    + exitCodeOrNull() + "); stderr:\n" + stderr);
        }
        return (String) line;
    }

    public String readLine() throws InterruptedException {
        return readLine(60);
    }

    /** Reads lines until one starts with {@code prefix} and returns the rest of it, trimmed. */
    public String expect(String prefix, double timeoutSeconds) throws InterruptedException {
        while (true) {
            String line = readLine(timeoutSeconds);
            if (line.startsWith(prefix)) return line.substring(prefix.length()).trim();
        }
    }

    public void writeLine(String line) throws IOException {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
    }

    /** Waits for the peer to exit on its own and returns its exit code. */
    public int waitFor(double timeoutSeconds) throws InterruptedException {
        if (!process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(python + " peer did not exit within " + timeoutSeconds + " s; stderr:\n" + stderr);
        }
        return process.exitValue();
    }

    public String stderr() {
        return stderr.toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public void kill() {
        process.destroyForcibly();
    }

    private Integer exitCodeOrNull() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
