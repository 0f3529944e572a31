package multiprocessing4j.sharedmemory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Removes this JVM's segments after the JVM dies by any means, SIGKILL included: CPython's
 * {@code resource_tracker}, made lighter. The first time this JVM creates a segment it starts a
 * small {@code sh}/{@code awk} process whose standard input is a pipe from this JVM; each line is
 * {@code +name} (this JVM owns the segment now) or {@code -name} (it no longer does). When the
 * pipe reaches end-of-file — which the kernel guarantees once this JVM is gone, however it ended —
 * the tracker unlinks {@code /dev/shm/<name>} for every name still owned, and exits.
 *
 * <p>Why not CPython's design (a tracker process that programs connect to): a JVM cannot hand a
 * pipe to its children, and a second JVM would cost ~40 MB and a boot per owner; a shell and awk
 * cost about a megabyte and a millisecond, and need no protocol beyond lines. The tracker ignores
 * SIGINT, SIGTERM and SIGHUP, so a terminal's Ctrl-C that ends the JVM's process group still
 * leaves it to clean up; it ends as soon as it has.
 *
 * <p>A name containing a newline cannot be written as a line, so such a segment is not tracked
 * (it is still unlinked at normal exit by {@link Segments}). When the tracker cannot start or
 * its pipe breaks, a warning goes to stderr once and segments are cleaned only at normal exit.
 */
final class SegmentTracker {
    private static final String SCRIPT = String.join("\n",
            "trap '' INT TERM HUP",
            "awk '",
            "  /^\\+/ { live[substr($0, 2)] = 1; next }",
            "  /^-/   { delete live[substr($0, 2)]; next }",
            "  END    { for (n in live) print n }",
            "' | while IFS= read -r n; do rm -f -- \"" + SharedMemory.DIR + "/$n\"; done");

    private static OutputStream pipe; // guarded by SegmentTracker.class; null until the first segment
    private static boolean broken;    // guarded by SegmentTracker.class

    private SegmentTracker() {}

    /** This JVM now owns segment {@code name}: the tracker unlinks it if the JVM dies first. */
    static synchronized void register(String name) {
        send('+', name);
    }

    /** This JVM no longer owns {@code name} (it unlinked it, or handed it over). */
    static synchronized void unregister(String name) {
        if (pipe != null) send('-', name);
    }

    /** The tracker process's pid, starting it if needed; -1 if it cannot run (for tests). */
    static synchronized long pid() {
        return start() ? trackerPid : -1;
    }

    private static long trackerPid = -1; // guarded by SegmentTracker.class

    private static void send(char op, String name) {
        if (name.indexOf('\n') >= 0 || !start()) return;
        try {
            pipe.write((op + name + "\n").getBytes(StandardCharsets.UTF_8));
            pipe.flush();
        } catch (IOException e) {
            fail("its pipe broke: " + e);
        }
    }

    private static boolean start() {
        if (pipe != null) return true;
        if (broken) return false;
        try {
            Process p = new ProcessBuilder("sh", "-c", SCRIPT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            pipe = p.getOutputStream();
            trackerPid = p.pid();
            return true;
        } catch (IOException e) {
            fail("it cannot start: " + e);
            return false;
        }
    }

    private static void fail(String why) {
        if (!broken) {
            System.err.println("multiprocessing4j: the shared-memory tracker is not running (" + why
                    + "); segments are unlinked at normal exit only");
        }
        broken = true;
        pipe = null;
    }
}
