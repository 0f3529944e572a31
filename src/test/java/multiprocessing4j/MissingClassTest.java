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
        try (URLClassLoader loader = compiledOutsideTheClassPath("Ghost",
                "public class Ghost implements multiprocessing4j.SerializableRunnable { public void call() { } }")) {
            SerializableRunnable ghost = (SerializableRunnable) loader.loadClass("Ghost").getConstructor().newInstance();
            assertChildExitsWithOne(method, ghost);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void aLambdaWhoseClassIsMissingInTheChildIsReportedAsThatClassMissing(String method) throws Exception {
        try (URLClassLoader loader = compiledOutsideTheClassPath("GhostLambda", "public class GhostLambda {"
                + " public static multiprocessing4j.SerializableRunnable make() { return () -> { }; } }")) {
            SerializableRunnable ghost = (SerializableRunnable) loader.loadClass("GhostLambda").getMethod("make").invoke(null);
            // this JVM's class path lacks GhostLambda as the child's does: Java alone would report a ClassCastException
            byte[] job = TargetPickler.dumps(new Process(ghost)).bytes();
            assertEquals("GhostLambda", assertThrows(ClassNotFoundException.class, () -> TargetPickler.loads(job)).getMessage());
            assertChildExitsWithOne(method, ghost);
        }
    }

    /** A loader for class {@code name}, compiled from {@code source} into a directory no child has on its class path. */
    private URLClassLoader compiledOutsideTheClassPath(String name, String source) throws Exception {
        Path file = tmp.resolve(name + ".java");
        Files.writeString(file, source);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", System.getProperty("java.class.path") + ":" + Path.of(SerializableRunnable.class
                        .getProtectionDomain().getCodeSource().getLocation().toURI()),
                "-d", tmp.toString(), file.toString());
        assertEquals(0, rc);
        return new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader());
    }

    private static void assertChildExitsWithOne(String method, SerializableRunnable target) {
        Process p = Multiprocessing.getContext(method).Process(target);
        p.start();
        p.join();
        assertEquals(1, p.exitcode(), "the child reports the ClassNotFoundException on its stderr");
    }
}
