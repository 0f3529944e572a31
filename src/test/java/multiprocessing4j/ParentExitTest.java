package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What becomes of children when their parent (a JVM this test starts) exits or dies. */
@Timeout(120)
class ParentExitTest {
    @TempDir
    Path tmp;

    private java.lang.Process parent(String mode, String method, Path stderr) throws IOException {
        Files.createDirectories(tmp.resolve("java.io.tmpdir"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp.resolve("java.io.tmpdir"), // the children's too: they inherit it
                "-cp", System.getProperty("java.class.path"), ParentMain.class.getName(), mode, method)
                .redirectError(stderr.toFile())
                .start();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void anUncaughtExceptionIsPrintedOnTheChildsStderr(String method) throws Exception {
        Path stderr = tmp.resolve("stderr");
        java.lang.Process parent = parent("traceback", method, stderr);
        List<String> out = OsProcesses.lines(parent);
        assertEquals(0, parent.waitFor());
        assertEquals("1", out.get(1), "the child's exit code");
        String err = Files.readString(stderr);
        assertTrue(err.startsWith("Process Process-1:\njava.lang.IllegalArgumentException: raised in the child\n"
                + "\tat multiprocessing4j.ParentMain.lambda$main$"), err);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void daemonicChildrenAreTerminatedWhenTheParentExits(String method) throws Exception {
        java.lang.Process parent = parent("daemon", method, tmp.resolve("stderr"));
        long child = Long.parseLong(OsProcesses.lines(parent).get(0));
        assertEquals(0, parent.waitFor());
        OsProcesses.awaitGone(child);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void aParentWhoseMainReturnedWaitsForItsNonDaemonicChild(String method) throws Exception {
        java.lang.Process parent = parent("outlive", method, tmp.resolve("stderr"));
        List<String> out = OsProcesses.lines(parent);
        assertEquals(0, parent.waitFor());
        assertEquals("done", out.get(1), "the child ran to its end");
    }

    @ParameterizedTest(name = "{0}, parent gets SIG{1}")
    @CsvSource({"spawn, KILL", "fork, KILL", "fork, TERM"})
    void childrenExitOnTheirOwnWhenTheParentIsKilled(String method, String signal) throws Exception {
        java.lang.Process parent = parent("orphan", method, tmp.resolve("stderr"));
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        long child = Long.parseLong(out.readLine());
        assertTrue(ProcessHandle.of(child).isPresent(), "the child runs while its parent lives");
        if (signal.equals("KILL")) parent.destroyForcibly(); // no shutdown hook runs in the parent
        else parent.destroy(); // the parent's hooks run, and must not wait for its non-daemonic child
        assertTrue(parent.waitFor(60, TimeUnit.SECONDS));
        OsProcesses.awaitGone(child);
    }

    @Test
    void idleWarmJvmsKeepNoSocketDirectoryAndLeaveNoneWhenTheirParentExits() throws Exception {
        java.lang.Process parent = parent("warmpool", "fork", tmp.resolve("stderr"));
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "the pool's JVMs have warmed up, Unix-socket rehearsals included");
        // As CPython's processes, none until it needs one: a SIGKILL'd JVM could not remove its own.
        assertEquals("0", out.readLine(), "pymp- directories while the warm JVMs are idle");
        assertEquals(0, parent.waitFor());
        // They halt on the parent's death, which skips deleteOnExit: any directory is theirs to remove.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Path> left;
        do {
            Thread.sleep(100);
            try (var listing = Files.list(tmp.resolve("java.io.tmpdir"))) {
                left = listing.filter(p -> p.getFileName().toString().startsWith("pymp-")).toList();
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), left);
    }
}
