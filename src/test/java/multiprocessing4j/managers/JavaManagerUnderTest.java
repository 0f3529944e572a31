package multiprocessing4j.managers;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The Java server under a behaviour suite: a {@link SyncManager}'s server on TCP in this JVM
 * ({@link #inProcess}), or a {@code start()}ed SyncManager, served by a child JVM on a Unix
 * socket as {@code Manager()} serves ({@link #started}).
 */
abstract class JavaManagerUnderTest implements ManagerUnderTest, AutoCloseable {
    private static final byte[] AUTHKEY = "behaviour-suite".getBytes();

    @Override
    public byte[] authkey() {
        return AUTHKEY.clone();
    }

    @Override
    public int objects() {
        try (SyncManager m = new SyncManager(address(), AUTHKEY)) {
            m.connect();
            return m.numberOfObjects();
        }
    }

    @Override
    public boolean atLeast(int major, int minor) {
        return major < 3 || (major == 3 && minor <= 13);
    }

    @Override
    public abstract void close();

    static JavaManagerUnderTest inProcess() {
        Server server = new SyncManager(new InetSocketAddress("127.0.0.1", 0), AUTHKEY).getServer();
        Thread serving = new Thread(server::serveForever, "behaviour-suite-server");
        serving.setDaemon(true);
        serving.start();
        return new JavaManagerUnderTest() {
            @Override
            public Object address() {
                return server.address();
            }

            @Override
            public Optional<List<String>> servingThreadNames() {
                return Optional.of(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .filter(name -> name.contains("|pool-")).sorted().toList());
            }

            @Override
            public void close() {
                server.close();
            }

            @Override
            public String toString() {
                return "Java server (in this JVM)";
            }
        };
    }

    static JavaManagerUnderTest started() {
        SyncManager manager = new SyncManager(null, AUTHKEY);
        manager.start();
        return new JavaManagerUnderTest() {
            @Override
            public Object address() {
                return manager.address();
            }

            @Override
            public Optional<List<String>> servingThreadNames() {
                return Optional.empty(); // they live in the child JVM
            }

            @Override
            public void close() {
                manager.close();
            }

            @Override
            public String toString() {
                return "Java server (start()ed child JVM)";
            }
        };
    }
}
