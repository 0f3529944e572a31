package multiprocessing4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The children this process has started and not yet seen end (CPython's {@code _children}),
 * and what happens to them when this process exits ({@code util._exit_function}): daemonic
 * children are terminated, then the others are joined.
 *
 * <p>In a JVM the joining mostly happens by itself: {@link KeepAlive} holds a non-daemon thread
 * while a non-daemonic child runs, so the JVM does not end before that child when {@code main}
 * returns. The shutdown hook therefore only terminates the daemonic children; it does not join
 * the others, because the hook also runs on SIGTERM, and a parent that CPython would let die at
 * once must not hang until its children end. After {@code System.exit} in a parent, its
 * non-daemonic children see it gone and exit too.
 */
final class Children {
    private static final Set<Process> started = new LinkedHashSet<>(); // guarded by Children.class
    private static boolean hookInstalled; // guarded by Children.class

    private Children() {}

    static synchronized void add(Process p) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Children::terminateDaemonic, "multiprocessing4j-exit"));
            hookInstalled = true;
        }
        started.add(p);
    }

    static synchronized void discard(Process p) {
        started.remove(p);
    }

    /**
     * Forgets children that have ended ({@code _cleanup}). A loop, not {@code removeIf} with a
     * lambda: every child runs this on its way out, and a JVM's first lambda costs it the
     * set-up of {@code java.lang.invoke} (see {@link ParentChannel}'s watcher).
     */
    static synchronized void cleanup() {
        for (Iterator<Process> it = started.iterator(); it.hasNext(); ) {
            if (it.next().exitcode() != null) it.remove();
        }
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
     * Terminates the daemonic children and joins the rest: a child's end, after {@code run()}.
     * Not a {@link ServerProcess}: its owner ends it from the exit functions that run next (CPython
     * runs the manager's finalizer before it joins the children).
     */
    static void exitFunction() {
        terminateDaemonic();
        for (Process p : active()) {
            if (p.parentWaits()) p.join();
        }
    }

    static void terminateDaemonic() {
        for (Process p : active()) {
            if (p.daemon()) p.terminate();
        }
    }
}
