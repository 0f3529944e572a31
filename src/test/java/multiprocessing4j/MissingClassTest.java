package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A target whose class the child's class path lacks: the child fails with exit code 1, no hang. */
@Timeout(120)
class MissingClassTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void aClassMissingInTheChildEndsItWithExitCodeOne(String method) throws Exception {
        Path source = tmp.resolve("Ghost.java");
        Files.writeString(source, "public class Ghost implements multiprocessing4j.SerializableRunnable {"
                + " public void call() { } }");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", System.getProperty("java.class.path") + ":" + Path.of(SerializableRunnable.class
                        .getProtectionDomain().getCodeSource().getLocation().toURI()),
                "-d", tmp.toString(), source.toString());
        assertEquals(0, rc);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            SerializableRunnable ghost = (SerializableRunnable) loader.loadClass("Ghost").getConstructor().newInstance();
            Process p = Multiprocessing.getContext(method).Process(ghost);
            p.start();
            p.join();
            assertEquals(1, p.exitcode(), "the child reports ClassNotFoundException: Ghost on its stderr");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void aLambdaWhoseClassIsMissingInTheChildIsReportedAsThatClassMissing(String method) throws Exception {
        Path source = tmp.resolve("GhostLambda.java");
        Files.writeString(source, "public class GhostLambda {"
                + " public static multiprocessing4j.SerializableRunnable make() { return () -> { }; } }");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", System.getProperty("java.class.path") + ":" + Path.of(SerializableRunnable.class
                        .getProtectionDomain().getCodeSource().getLocation().toURI()),
                "-d", tmp.toString(), source.toString());
        assertEquals(0, rc);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            SerializableRunnable ghost = (SerializableRunnable) loader.loadClass("GhostLambda").getMethod("make").invoke(null);
            // this JVM's class path lacks GhostLambda as the child's does: Java alone would report a ClassCastException
            byte[] job = TargetPickler.dumps(new Process(ghost)).bytes();
            assertEquals("GhostLambda", assertThrows(ClassNotFoundException.class, () -> TargetPickler.loads(job)).getMessage());
            Process p = Multiprocessing.getContext(method).Process(ghost);
            p.start();
            p.join();
            assertEquals(1, p.exitcode(), "the child reports ClassNotFoundException: GhostLambda on its stderr");
        }
    }
}
