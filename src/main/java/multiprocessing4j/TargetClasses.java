package multiprocessing4j;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The application classes that the targets started so far needed, in the order first needed, up
 * to {@value #MAX}: what idle warm JVMs are told to load ahead of their job ({@link Preload},
 * {@link ForkServer}), and what a class-data archive built from then on holds
 * ({@link ClassDataSharing}). The list only grows, so one taken later extends one taken earlier.
 */
final class TargetClasses {
    static final int MAX = 4096;
    private static final Set<String> known = new LinkedHashSet<>(); // guarded by TargetClasses.class

    private TargetClasses() {}

    /** Adds the classes a target about to start needs; whether any of them was new. */
    static synchronized boolean learn(Set<String> classNames) {
        boolean added = false;
        for (String name : classNames) {
            if (known.size() >= MAX) break;
            added |= known.add(name);
        }
        return added;
    }

    static synchronized List<String> known() {
        return List.copyOf(known);
    }
}
