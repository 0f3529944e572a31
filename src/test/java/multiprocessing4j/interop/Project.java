package multiprocessing4j.interop;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's own files are, for tests that start peers from them. */
public final class Project {
    private Project() {}

    public static Path dir() {
        String prop = System.getProperty("mp4j.projectDir");
        Path start = Path.of(prop != null ? prop : ".").toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("python-fixtures"))) {
                return p;
            }
        }
        throw new IllegalStateException("project directory not found from " + start);
    }

    public static Path fixture(String name) {
        return dir().resolve("python-fixtures").resolve(name);
    }

    /** The classpath of this test JVM, for child JVMs and for compat-tests started from it. */
    public static String testClasspath() {
        return System.getProperty("java.class.path");
    }
}
