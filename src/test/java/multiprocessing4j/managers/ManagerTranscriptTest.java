package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.Project;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Equivalence: one CPython program ({@code python-fixtures/manager_transcript.py}) run against a
 * CPython manager and against the Java server prints the same transcript (values, reprs,
 * exception types), line by line, on every CPython.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerTranscriptTest {
    private final byte[] authkey = HexFormat.of().parseHex("7472616e736372697074");
    private Server server;

    @BeforeAll
    void serve() {
        server = new SyncManager(null, authkey).getServer();
        Thread t = new Thread(server::serveForever, "transcript-server");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}: same transcript from a CPython and the Java manager")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void sameTranscript(CPython python) throws IOException, InterruptedException {
        List<String> cpython = run(python);
        List<String> java = run(python, (String) server.address(), HexFormat.of().formatHex(authkey));
        assertTrue(cpython.size() > 100, "transcript too short:\n" + String.join("\n", cpython));
        for (int i = 0; i < Math.max(cpython.size(), java.size()); i++) {
            assertEquals(i < cpython.size() ? cpython.get(i) : "<end>", i < java.size() ? java.get(i) : "<end>",
                    python + ", line " + (i + 1));
        }
    }

    private static List<String> run(CPython python, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python.executable().toString(),
                Project.fixture("manager_transcript.py").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(Project.dir().toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "transcript still running");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
