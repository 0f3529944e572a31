package multiprocessing4j.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.Process;
import multiprocessing4j.SerializableRunnable;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python address forms, and the listener's own addresses. */
@Timeout(60)
class AddressesTest {

    @Test
    void inetAddressesAreHostPortTuples() {
        assertEquals(PyTuple.of("127.0.0.1", 5000), Addresses.toPython(new InetSocketAddress("127.0.0.1", 5000)));
        assertEquals(new InetSocketAddress("127.0.0.1", 5000), Addresses.fromPython(new Object[] {"127.0.0.1", 5000}));
        assertEquals(new InetSocketAddress("127.0.0.1", 5000), Addresses.fromPython(List.of("127.0.0.1", 5000L)));
        assertThrows(IllegalArgumentException.class, () -> Addresses.fromPython(List.of("127.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> Addresses.fromPython(List.of(5000, "127.0.0.1")));
    }

    @Test
    void unixAddressesArePathStrings() {
        assertEquals("/tmp/x/listener-1", Addresses.toPython(UnixDomainSocketAddress.of("/tmp/x/listener-1")));
        assertEquals(UnixDomainSocketAddress.of("/tmp/s"), Addresses.fromPython("/tmp/s"));
        assertEquals(UnixDomainSocketAddress.of("/tmp/s"), Addresses.fromPython("/tmp/s".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void abstractUnixNamesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Addresses.fromPython("\0pymp-abc"));
        assertTrue(e.getMessage().contains("abstract AF_UNIX names"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Addresses.fromPython(new byte[] {0, 'a'}));
        assertThrows(IllegalArgumentException.class, () -> Addresses.fromPython(42));
    }

    @Test
    void theDefaultListenerIsAUnixSocketInAPympDirectoryRemovedOnClose() throws Exception {
        Path path;
        try (Listener listener = new Listener()) {
            UnixDomainSocketAddress address = assertInstanceOf(UnixDomainSocketAddress.class, listener.address());
            path = address.getPath();
            assertTrue(path.getFileName().toString().matches("listener-[a-z0-9_]{8}"), path.toString());
            assertTrue(path.getParent().getFileName().toString().matches("pymp-[a-z0-9_]{8}"), path.toString());
            assertTrue(Files.exists(path));
            assertNull(listener.lastAccepted());
            try (Connection c = Client.connect(address); Connection s = listener.accept()) {
                assertNotNull(listener.lastAccepted());
                c.send(1);
                assertEquals(1, s.recv());
            }
        }
        assertFalse(Files.exists(path), "close() unlinks the socket file");
    }

    @Test
    void aJvmThatRemovedItsPympDirectoryBeforeHaltingMakesNoOtherOne() throws Exception {
        // in a spawned child, which has made no directory yet: afterwards it could make no Unix listener
        passesInASpawnedChild(AddressesTest::removeThenListen);
    }

    @Test
    void aJvmAboutToHaltRemovesItsPympDirectoryWithTheSocketsInIt() throws Exception {
        // in a spawned child: a listener still open there, as in a JVM halting on its parent's death
        passesInASpawnedChild(AddressesTest::removeWithASocketInside);
    }

    private static void passesInASpawnedChild(SerializableRunnable assertions) throws InterruptedException {
        Process child = Multiprocessing.getContext("spawn").Process(assertions);
        child.start();
        child.join();
        assertEquals(0, child.exitcode(), "the child's assertions (its stderr has any failure)");
    }

    private static void removeWithASocketInside() throws IOException {
        try (Listener open = new Listener()) {
            Path socket = ((UnixDomainSocketAddress) open.address()).getPath();
            Addresses.removeTempDir();
            assertFalse(Files.exists(socket.getParent()), socket.getParent().toString());
        }
    }

    private static void removeThenListen() {
        Addresses.removeTempDir();
        // another thread, running on until the halt, must not make the directory (nothing would remove it)
        IOException e = assertThrows(IOException.class, Listener::new);
        assertEquals("no new AF_UNIX address: this JVM is halting", e.getMessage());
    }

    @Test
    void aTcpListenerReportsItsNumericAddressAndRefusesAcceptOnceClosed() throws Exception {
        Listener listener = new Listener(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress address = assertInstanceOf(InetSocketAddress.class, listener.address());
        assertTrue(address.getPort() > 0);
        assertEquals("127.0.0.1", ((PyTuple) Addresses.toPython(address)).get(0));
        listener.close();
        listener.close();
        assertTrue(listener.closed());
        assertEquals("listener is closed", assertThrows(IOException.class, listener::accept).getMessage());
    }
}
