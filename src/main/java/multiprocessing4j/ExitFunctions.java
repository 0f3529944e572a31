package multiprocessing4j;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Work to do when this process is done, as the finalizers CPython's {@code util._exit_function}
 * runs: a child runs them after {@code run()} and before it reports its exit code, so a parent
 * whose {@code join()} returned sees their effects (a manager proxy's reference released, for
 * one); any other JVM runs them from a shutdown hook. Last registered, first run; each runs once.
 */
public final class ExitFunctions {
    private static final Deque<Runnable> PENDING = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Hook());
    }

    private ExitFunctions() {}

    /** Runs {@code work} when this process is done; a failure is printed and the others still run. */
    public static synchronized void register(Runnable work) {
        PENDING.push(work);
    }

    /** Forgets {@code work} (the very object registered), when what it would do at exit is done already. */
    public static synchronized void unregister(Runnable work) {
        PENDING.removeFirstOccurrence(work);
    }

    /** The shutdown hook; a class, not a method reference, for the reason {@link Children#cleanup()} gives. */
    private static final class Hook extends Thread {
        Hook() {
            super("exit-functions");
        }

        @Override
        public void run() {
            runAll();
        }
    }

    static void runAll() {
        while (true) {
            Runnable next;
            synchronized (ExitFunctions.class) {
                next = PENDING.poll();
            }
            if (next == null) return;
            try {
                next.run();
            } catch (RuntimeException e) {
                System.err.println("Error in exit function: " + e);
            }
        }
    }
}
