package multiprocessing4j.sharedmemory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import multiprocessing4j.ExitFunctions;

/**
 * The segments this JVM created and has not unlinked, unlinked when the JVM exits normally: what
 * CPython's resource tracker does for {@code shared_memory} when a program ends.
 *
 * <p>CPython's rules (3.8–3.12): every {@code SharedMemory}, created <em>or attached</em>,
 * registers with the program's tracker process; only {@code unlink()} unregisters; when the
 * program's last process exits, the tracker unlinks whatever is still registered and warns of
 * "leaked shared_memory objects". 3.13 adds {@code track=False}. Here only the creator tracks, so a
 * Java process that attaches to a CPython segment never destroys it. The clean-up runs from a
 * {@linkplain ExitFunctions exit function} (in a child, before its parent's {@code join()} returns;
 * elsewhere from a shutdown hook); after a SIGKILL, the JVM's {@link SegmentTracker} process
 * unlinks what is left.
 *
 * <p>{@code quiet} segments (the sharedctypes' {@code Value}/{@code Array} storage, which CPython
 * keeps in anonymous memory) are removed without a warning.
 */
public final class Segments {
    private static final Set<String> LIVE = new LinkedHashSet<>(); // guarded by Segments.class
    private static final Set<String> QUIET = new LinkedHashSet<>(); // guarded by Segments.class

    static {
        // a child runs exit functions before it reports its exit, so its parent's join() sees the segments gone
        ExitFunctions.register(Segments::unlinkAll);
    }

    private Segments() {}

    static synchronized void created(String name) {
        LIVE.add(name);
        SegmentTracker.register(name);
    }

    static synchronized void unlinked(String name) {
        if (LIVE.remove(name)) SegmentTracker.unregister(name);
        QUIET.remove(name);
    }

    /**
     * This JVM takes over the unlinking of segment {@code name}, which another process created:
     * it is unlinked when this JVM exits, or by its tracker if the JVM is killed, unless
     * {@link SharedMemory#unlink()}ed or {@link #disown}ed first. What a
     * {@code SharedMemoryManager}'s server does with the segments its clients hand it.
     */
    public static synchronized void own(String name) {
        if (LIVE.add(name)) SegmentTracker.register(name);
    }

    /** Undoes {@link #own} (or a creation): this JVM will not unlink {@code name}. */
    public static synchronized void disown(String name) {
        unlinked(name);
    }

    /** Marks a segment this JVM created as internal storage: unlinked at exit without a warning. */
    public static synchronized void quiet(String name) {
        if (LIVE.contains(name)) QUIET.add(name);
    }

    /** The names of the segments this JVM created and has not unlinked, oldest first. */
    public static synchronized List<String> live() {
        return new ArrayList<>(LIVE);
    }

    private static void unlinkAll() {
        List<String> names;
        int leaked;
        synchronized (Segments.class) {
            names = new ArrayList<>(LIVE);
            leaked = (int) LIVE.stream().filter(n -> !QUIET.contains(n)).count();
            LIVE.clear();
            QUIET.clear();
        }
        if (leaked > 0) {
            System.err.println("multiprocessing4j: There appear to be " + leaked
                    + " leaked shared_memory objects to clean up at shutdown");
        }
        for (String name : names) {
            try {
                Files.deleteIfExists(SharedMemory.DIR.resolve(name));
            } catch (IOException e) {
                System.err.println("multiprocessing4j: cannot unlink " + name + ": " + e);
            }
            SegmentTracker.unregister(name);
        }
    }
}
