package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.connection.Addresses;
import multiprocessing4j.managers.hosted.Exposed;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Java client (issue 3) against the Java server: custom registrations
 * with Java callables (AutoProxy, {@code methodToTypeid}, results that cannot be pickled), bad
 * clients, many threads, and {@code start()} / {@code Multiprocessing.Manager()} in a child JVM.
 * SyncManager's types are {@link SyncManagerTest}'s, run against this server and CPython's alike;
 * CPython clients of the Java server are proved by {@code compat-tests/test_manager_server.py}
 * and {@link ManagerTranscriptTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaServerTest {
    private final byte[] authkey = "java-server-test".getBytes();
    private Server server;

    /** A user's shared type: a counter whose methods CPython and Java clients call by name. */
    public static final class Counter implements Exposed {
        private int value;

        @Override
        public List<String> publicMethods() {
            return List.of("as_dict", "get", "increment", "opaque");
        }

        @Override
        public synchronized Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
            return switch (name) {
                case "increment" -> value += args.isEmpty() ? ((Number) kwds.getOrDefault("by", 1)).intValue()
                        : ((Number) args.get(0)).intValue();
                case "get" -> value;
                case "as_dict" -> Map.of("value", value);
                default -> new Object(); // opaque: no pickle for it
            };
        }
    }

    /** A manager class whose constructor registers its typeids, as start() requires. */
    public static final class CounterManager extends BaseManager {
        public CounterManager(Object address, byte[] authkey) {
            super(address, authkey);
            register("Counter", (args, kwds) -> new Counter(), AutoProxy::new, null, Map.of("as_dict", "dict"), true);
            register("dict", multiprocessing4j.managers.hosted.PyDict::make, DictProxy::new, null, null, true);
        }
    }

    @BeforeAll
    void serve() {
        server = new CounterManagerWithSync(null, authkey).getServer();
        Thread t = new Thread(server::serveForever, "java-server-test");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** SyncManager's typeids plus the Counter, for one server. */
    static final class CounterManagerWithSync extends SyncManager {
        CounterManagerWithSync(Object address, byte[] authkey) {
            super(address, authkey);
            register("Counter", (args, kwds) -> new Counter(), AutoProxy::new, null, Map.of("as_dict", "dict"), true);
        }
    }

    private CounterManagerWithSync client() {
        CounterManagerWithSync m = new CounterManagerWithSync(server.address(), authkey);
        m.connect();
        return m;
    }

    @Test
    void javaCallablesReachedThroughAutoProxy() {
        try (CounterManagerWithSync m = client()) {
            BaseProxy counter = m.call("Counter");
            assertEquals(List.of("as_dict", "get", "increment", "opaque", "as_dict"), counter.exposed.asList());
            assertEquals(5, counter.callMethod("increment", 5));
            assertEquals(7, counter.callMethod("increment", PyTuple.of(), Map.of("by", 2)));
            // method_to_typeid: the dict typeid's callable makes the shared dict from the result.
            DictProxy shared = assertInstanceOf(DictProxy.class, counter.callMethod("as_dict"));
            assertEquals(7, shared.getItem("value"));
            RemoteError unserializable = assertThrows(RemoteError.class, () -> counter.callMethod("opaque"));
            assertTrue(unserializable.getMessage().contains("Unserializable message"), unserializable.getMessage());
            assertEquals(7, counter.callMethod("get"), "the connection still serves after #UNSERIALIZABLE");
            RemoteError unknown = assertThrows(RemoteError.class, () -> counter.callMethod("frobnicate"));
            assertTrue(unknown.getMessage().contains("KeyError: 'frobnicate'"), unknown.getMessage());
            m.register("only_on_the_client", AutoProxy::new);
            RemoteError unregistered = assertThrows(RemoteError.class, () -> m.call("only_on_the_client"));
            assertTrue(unregistered.getMessage().contains("KeyError: 'only_on_the_client'"), unregistered.getMessage());
        }
    }

    @Test
    void badClientsCostTheOthersNothing() throws IOException {
        SyncManager wrongKey = new SyncManager(server.address(), "wrong".getBytes());
        assertThrows(AuthenticationError.class, wrongKey::connect);
        try (SocketChannel garbage = SocketChannel.open(Addresses.fromPython(server.address()));
             SocketChannel silent = SocketChannel.open(Addresses.fromPython(server.address()))) {
            garbage.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 3, 'x', 'y', 'z', -1, -1, -1, -1}));
            try (CounterManagerWithSync m = client()) {
                DictProxy d = m.dict(Map.of("still", "serving"));
                assertEquals("serving", d.getItem("still"));
            }
            assertTrue(silent.isConnected());
        }
    }

    @Test
    void eightThreadsShareOneServer() throws Exception {
        try (CounterManagerWithSync m = client()) {
            BaseProxy counter = m.call("Counter");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) counter.callMethod("increment", 1);
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdown();
            }
            assertEquals(800, counter.callMethod("get"));
        }
    }

    @Test
    void startServesInAChildJvmUntilShutdown() {
        try (CounterManager m = new CounterManager(null, authkey)) {
            m.start();
            assertInstanceOf(String.class, m.address(), "a fresh Unix socket path, as CPython's default");
            BaseProxy counter = m.call("Counter");
            assertEquals(3, counter.callMethod("increment", 3));
            m.shutdown();
            assertThrows(RuntimeException.class, () -> counter.callMethod("get"));
        }
    }

    @Test
    void startRefusesTypeidsTheChildCannotKnow() {
        CounterManager m = new CounterManager(new InetSocketAddress("127.0.0.1", 0), authkey);
        m.register("later", (args, kwds) -> new Counter(), AutoProxy::new, null, null, true);
        assertThrows(IllegalStateException.class, m::start);
    }

    @Test
    void shutdownStopsTheServerEvenIfTheClientHangsUpAtOnce() throws Exception {
        Server doomed = new SyncManager(null, authkey).getServer();
        Thread serving = new Thread(doomed::serveForever, "doomed-server");
        serving.setDaemon(true);
        serving.start();
        try {
            try (multiprocessing4j.connection.Connection c =
                         multiprocessing4j.connection.Client.connect(Addresses.fromPython(doomed.address()), authkey)) {
                c.send(PyTuple.of(null, "shutdown", PyTuple.of(), Map.of())); // and hang up without reading
            }
            serving.join(60_000); // a hang guard, not a timing: serveForever returns once shutdown is served
            assertFalse(serving.isAlive(), "serveForever still running after shutdown");
        } finally {
            doomed.close();
        }
    }

    @Test
    void aManagerMadeWithoutAKeyUsesThisProcesssAuthkey() {
        byte[] processKey = Multiprocessing.currentProcess().authkey();
        assertArrayEquals(processKey, new SyncManager().authkey());
        assertArrayEquals(processKey, new BaseManager().authkey());
    }

    @Test
    void multiprocessingManagerIsAStartedSyncManager() {
        try (SyncManager m = Multiprocessing.Manager()) {
            ListProxy l = m.list(List.of(0, 1, 2));
            l.reverse();
            assertEquals("[2, 1, 0]", l.toString());
        }
    }
}
