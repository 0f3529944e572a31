package multiprocessing4j.synchronize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a process that holds a lock or waits on a condition is gone. A killed process stays a
 * zombie until its parent reaps it, and {@link ProcessHandle#isAlive()} counts zombies as alive;
 * a zombie can release nothing, so on Linux {@code /proc/<pid>/stat}'s state decides. A pid
 * recycled by an unrelated process is not detected.
 */
final class Liveness {
    private static final boolean PROC = Files.exists(Path.of("/proc/self/stat"));

    private Liveness() {}

    /** Whether {@code pid} names no running process (gone, a zombie, or dead). */
    static boolean dead(int pid) {
        if (!PROC) return byProcessHandle(pid);
        try {
            String stat = new String(Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "stat")),
                    StandardCharsets.ISO_8859_1);
            int afterName = stat.lastIndexOf(')'); // the command name may itself hold ") "
            char state = afterName >= 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : 'R';
            return state == 'Z' || state == 'X' || state == 'x';
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return byProcessHandle(pid);
        }
    }

    private static boolean byProcessHandle(int pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }
}
