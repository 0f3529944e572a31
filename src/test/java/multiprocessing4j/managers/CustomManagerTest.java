package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import multiprocessing4j.PyException;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A CPython {@code BaseManager} with custom typeids (an auto-proxied callable, a typed proxy of a
 * shared dict, a class with custom {@code exposed} and {@code method_to_typeid}), over TCP and
 * over a Unix socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomManagerTest {
    private final ManagerPeers peers = new ManagerPeers();

    @AfterAll
    void stopPeers() {
        peers.close();
    }

    static Stream<Arguments> transports() {
        return CPythons.all().flatMap(p -> Stream.of(Arguments.of(p, "custom-tcp"), Arguments.of(p, "custom-unix")));
    }

    /** A Java proxy type for the fixture's Counter, as a user would write one. */
    static final class CounterProxy extends BaseProxy {
        CounterProxy(Token token, BaseManager manager) {
            super(token, manager);
        }

        int increment(int by) {
            return (Integer) callMethod("increment", PyTuple.of(), Map.of("by", by));
        }

        int get() {
            return (Integer) callMethod("get");
        }
    }

    private BaseManager client(ManagerPeer peer) {
        BaseManager m = new BaseManager(peer.address, peer.authkey);
        m.register("get_queue");
        m.register("get_dict", DictProxy::new);
        m.register("Counter", CounterProxy::new, List.of("increment", "get", "fail", "unpicklable", "child"),
                Map.of("child", "Child"), true);
        m.register("Child", CounterProxy::new, null, null, false);
        m.register("AutoCounter");
        return m;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transports")
    void customTypeids(CPython python, String mode) throws Exception {
        ManagerPeer peer = peers.get(python, mode);
        assertEquals(mode.endsWith("tcp"), peer.address instanceof PyTuple, peer.addressText());
        int before = peer.objects();
        try (BaseManager m = client(peer)) {
            m.connect();
            assertEquals(before, m.numberOfObjects());

            // A callable returning a shared object, auto-proxied: the queue of the DESIGN example.
            BaseProxy q = m.call("get_queue");
            assertInstanceOf(AutoProxy.class, q);
            q.callMethod("put", "hello");
            assertEquals("hello", q.callMethod("get"));
            BaseProxy again = m.call("get_queue");
            assertEquals(q.token(), again.token()); // the same object, one more reference

            // The same shared dict through a typed proxy.
            DictProxy d = (DictProxy) m.call("get_dict");
            assertEquals(42, d.get("answer"));
            d.setItem("from java", true);
            assertEquals("True", peer.eval("shared['dict']['from java']"));
            d.remove("from java");

            // Custom exposed and method_to_typeid.
            CounterProxy c = (CounterProxy) m.call("Counter", PyTuple.of(5), Map.of());
            assertEquals(6, c.increment(1));
            assertEquals(8, c.increment(2));
            assertEquals("Counter(8)", c.toString());
            assertEquals("Counter(8)", c.callMethod("__repr__"));
            CounterProxy child = (CounterProxy) c.callMethod("child");
            assertEquals("Child", child.token().typeid());
            assertEquals(80, child.get());
            assertEquals(peer.address, child.token().address());
            assertEquals(before + 4, m.numberOfObjects());
            assertTrue(m.debugInfo().contains("refcount=1"), m.debugInfo());

            PyException err = assertThrows(PyException.class, () -> c.callMethod("fail"));
            assertEquals("__main__.MyErr", err.pythonType());
            assertEquals("MyErr", err.typeName());
            assertEquals(PyTuple.of("boom", 42), err.args());
            assertEquals("MyErr: ('boom', 42)", err.getMessage());

            RemoteError unserializable = assertThrows(RemoteError.class, () -> c.callMethod("unpicklable"));
            assertTrue(unserializable.traceback().startsWith("Unserializable message: "), unserializable.traceback());
            RemoteError hidden = assertThrows(RemoteError.class, () -> c.callMethod("hidden"));
            assertTrue(hidden.traceback().contains("is not in exposed"), hidden.traceback());
            assertTrue(hidden.getMessage().contains("\n" + "-".repeat(75) + "\n"), hidden.getMessage());

            // No proxy type registered: the server's public methods, alphabetical.
            AutoProxy auto = (AutoProxy) m.call("AutoCounter");
            assertEquals(List.of("child", "fail", "get", "hidden", "increment", "unpicklable"), auto.exposed());
            assertEquals(0, auto.callMethod("get"));
            assertEquals(1, auto.callMethod("increment"));

            assertThrows(IllegalArgumentException.class, () -> m.call("unregistered"));
            assertThrows(IllegalArgumentException.class, () -> m.call("Child"));
            assertThrows(RemoteError.class, () -> {
                BaseManager other = new BaseManager(peer.address, peer.authkey);
                other.register("nope");
                other.connect();
                other.call("nope");
            });
        }
        assertEquals(before, peer.objects());
    }
}
