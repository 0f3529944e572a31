package multiprocessing4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The children this process has started and not yet seen end (CPython's {@code _children}),
 * and what happens to them when this process exits ({@code util._exit_function}): daemonic
 * children are terminated, then the others are joined.
 */
final class Children {
    private static final Set<Process> started = new LinkedHashSet<>(); // guarded by Children.class
    private static boolean hookInstalled; // guarded by Children.class

    private Children() {}

    static synchronized void add(Process p) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Children::exitFunction, "multiprocessing4j-exit"));
            hookInstalled = true;
        }
        started.add(p);
    }

    static synchronized void discard(Process p) {
        started.remove(p);
    }

    /** Forgets children that have ended ({@code _cleanup}). */
    static synchronized void cleanup() {
        started.removeIf(p -> p.exitcode() != null);
    }

    /** In a fresh child: it has no children yet. */
    static synchronized void reset() {
        started.clear();
    }

    static synchronized List<Process> active() {
        cleanup();
        return new ArrayList<>(started);
    }

    /**
     * Terminates the daemonic children and joins the rest, as CPython does at interpreter exit;
     * runs from a shutdown hook in every process, and at the end of a child's {@code run()}.
     */
    static void exitFunction() {
        for (Process p : active()) {
            if (p.daemon()) p.terminate();
        }
        for (Process p : active()) p.join();
    }
}
