package multiprocessing4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command lines of benchmark programs: Java ones in a fresh JVM on this JVM's
 * classpath, with the JVM options given to the harness (none by default: as a user would run
 * them), Python ones under the chosen interpreter from {@code python-fixtures/bench/}.
 */
public record Programs(Python python, List<String> jvmOptions, Path projectDir) {

    public List<String> java(Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    public List<String> python(String script, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.executable());
        cmd.add(fixture(script).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    public Path fixture(String script) {
        return projectDir.resolve("python-fixtures").resolve("bench").resolve(script);
    }
}
