package multiprocessing4j.managers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;

/**
 * The servers a behaviour suite runs against ({@link #targets()}): every CPython's own
 * SyncManager and the Java server, in this JVM and {@code start()}ed in a child JVM. Each is
 * started on first use and shared by the suite's tests until {@link #close()}.
 */
final class ManagerServers implements AutoCloseable {
    /** One server to run against, named for test reports; {@code python} is null for the Java server. */
    record Target(String label, CPython python) {
        static final Target JAVA_IN_PROCESS = new Target("Java server (in this JVM)", null);
        static final Target JAVA_STARTED = new Target("Java server (start()ed child JVM)", null);

        @Override
        public String toString() {
            return label;
        }
    }

    private final ManagerPeers peers = new ManagerPeers();
    private final Map<Target, JavaManagerUnderTest> java = new ConcurrentHashMap<>();

    /** Every interpreter found, then the Java server in both forms. */
    static Stream<Target> targets() {
        return Stream.concat(CPythons.all().map(p -> new Target(p.toString(), p)),
                Stream.of(Target.JAVA_IN_PROCESS, Target.JAVA_STARTED));
    }

    /**
     * The server for {@code target}; for CPython, the fixture's {@code mode} (e.g. {@code sync-tcp},
     * or {@code manager} for a started {@code Manager()}), which the Java server does not need.
     */
    ManagerUnderTest get(Target target, String mode) throws Exception {
        if (target.python() != null) return peers.get(target.python(), mode);
        return java.computeIfAbsent(target, t -> t == Target.JAVA_IN_PROCESS
                ? JavaManagerUnderTest.inProcess() : JavaManagerUnderTest.started());
    }

    @Override
    public void close() {
        List<JavaManagerUnderTest> all = new ArrayList<>(java.values());
        java.clear();
        all.forEach(JavaManagerUnderTest::close);
        peers.close();
    }
}
