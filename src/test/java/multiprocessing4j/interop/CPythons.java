package multiprocessing4j.interop;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds every CPython 3.6+ on this machine: {@code python3*} on the PATH, every {@code pyenv}
 * version, and the executables named by {@code MP4J_PYTHONS} (separated by the path separator).
 * One interpreter per minor version is kept (pyenv's before the PATH's): the wire protocols
 * differ between minor versions, never between micro releases.
 *
 * <p>Interop tests take their parameters from {@link #all()} or {@link #atLeast(int, int)}. With
 * none found, a run under {@code CI=true} fails; elsewhere the tests are skipped, loudly.
 */
public final class CPythons {
    private static volatile List<CPython> found;

    private CPythons() {}

    /** Every interpreter found, oldest first; aborts (or fails under CI) when there is none. */
    public static Stream<CPython> all() {
        List<CPython> list = discovered();
        if (list.isEmpty()) {
            String why = "no CPython 3.6+ found on PATH, in pyenv or in MP4J_PYTHONS";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + " (required under CI=true)");
            }
            System.err.println("WARNING: " + why + ": interop tests are SKIPPED");
            Assumptions.abort(why);
        }
        return list.stream();
    }

    /** The interpreters at this version or newer (e.g. 3.8 for {@code shared_memory}). */
    public static Stream<CPython> atLeast(int major, int minor) {
        return all().filter(p -> p.atLeast(major, minor));
    }

    /** The newest interpreter found, for tests that need one peer and not the whole matrix. */
    public static CPython newest() {
        return all().reduce((a, b) -> b).orElseThrow();
    }

    public static synchronized List<CPython> discovered() {
        if (found == null) {
            found = List.copyOf(discover());
            System.err.println("CPython interpreters for interop tests: " + found);
        }
        return found;
    }

    private static List<CPython> discover() {
        Set<Path> candidates = new LinkedHashSet<>();
        String extra = System.getenv("MP4J_PYTHONS");
        if (extra != null) {
            for (String p : extra.split(File.pathSeparator)) {
                if (!p.isBlank()) candidates.add(Path.of(p.trim()));
            }
        }
        for (Path version : pyenvVersionDirs()) {
            candidates.add(version.resolve("bin").resolve("python3"));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.contains(".pyenv/shims")) continue; // shims resolve to one version only
                try (Stream<Path> s = Files.list(Path.of(dir))) {
                    s.filter(f -> f.getFileName().toString().matches("python3(\\.\\d+)?"))
                            .sorted()
                            .forEach(candidates::add);
                } catch (IOException | RuntimeException ignored) {
                    // unreadable PATH entries are not interpreters
                }
            }
        }
        Map<String, CPython> byVersion = new LinkedHashMap<>();
        for (Path exe : candidates) {
            if (!Files.isExecutable(exe)) continue;
            CPython py = probe(exe);
            if (py != null && py.atLeast(3, 6)) byVersion.putIfAbsent(py.major() + "." + py.minor(), py);
        }
        List<CPython> result = new ArrayList<>(byVersion.values());
        result.sort(null);
        return result;
    }

    private static List<Path> pyenvVersionDirs() {
        List<Path> roots = new ArrayList<>();
        String env = System.getenv("PYENV_ROOT");
        if (env != null) roots.add(Path.of(env));
        roots.add(Path.of(System.getProperty("user.home"), ".pyenv"));
        List<Path> dirs = new ArrayList<>();
        for (Path root : roots) {
            Path versions = root.resolve("versions");
            if (!Files.isDirectory(versions)) continue;
            try (Stream<Path> s = Files.list(versions)) {
                s.sorted().forEach(dirs::add);
            } catch (IOException ignored) {
                // no readable pyenv here
            }
        }
        return dirs;
    }

    private static CPython probe(Path exe) {
        try {
            Process p = new ProcessBuilder(exe.toString(), "-c",
                    "import sys, platform; v = sys.version_info; "
                            + "print(platform.python_implementation(), v[0], v[1], v[2])")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String[] f = out.split("\\s+");
            if (p.exitValue() != 0 || f.length != 4 || !f[0].equals("CPython")) return null;
            return new CPython(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    exe.toAbsolutePath());
        } catch (IOException | NumberFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
