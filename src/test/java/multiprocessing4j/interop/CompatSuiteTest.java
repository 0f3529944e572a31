package multiprocessing4j.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code compat-tests/} — the stdlib {@code unittest} suites in which CPython plays the user
 * of the Java side — under every CPython found, so the Maven run proves them as tox does.
 */
class CompatSuiteTest {

    @ParameterizedTest(name = "{0} runs compat-tests")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void compatSuitesPass(CPython python) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(python.executable().toString(), "-m", "unittest", "discover",
                "-s", "compat-tests", "-p", "test_*.py", "-v")
                .directory(Project.dir().toFile())
                .redirectErrorStream(true);
        pb.environment().put("MP4J_CLASSPATH", Project.testClasspath());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        boolean exited = p.waitFor(5, TimeUnit.MINUTES);
        if (!exited) p.destroyForcibly();
        String text = new String(out, StandardCharsets.UTF_8);
        assertTrue(exited && p.exitValue() == 0, python + " compat-tests failed:\n" + text);
        System.out.println(python + " compat-tests: " + lastLines(text, 3));
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }
}
