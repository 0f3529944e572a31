package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.ProcessError;
import multiprocessing4j.interop.CPython;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stock {@code multiprocessing.Manager()} (a started process on a Unix socket), references
 * released by the cleaner, and managers that refuse, vanish or never answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerLifetimeTest {
    private final ManagerPeers peers = new ManagerPeers();

    @AfterAll
    void stopPeers() {
        peers.close();
    }

    @ParameterizedTest(name = "{0} multiprocessing.Manager(), the DESIGN example")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void defaultManager(CPython python) throws Exception {
        ManagerPeer peer = peers.get(python, "manager");
        assertInstanceOf(String.class, peer.address); // AF_UNIX, the default family
        int before = peer.objects();
        try (SyncManager manager = new SyncManager(peer.address, peer.authkey)) {
            manager.connect();
            DictProxy d = manager.dict();
            ListProxy l = manager.list(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            Thread q = new Thread(() -> {
                d.put(1, "1");
                d.put("2", 2);
                d.put(0.25, null);
                l.reverse();
            });
            q.start();
            q.join();
            String dict = python.atLeast(3, 7) ? "{1: '1', '2': 2, 0.25: None}" : d.toString();
            assertEquals(dict, d.toString());
            assertEquals("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", l.toString());
            assertEquals(before + 2, manager.numberOfObjects());
        }
        assertEquals(before, peer.objects());
    }

    @ParameterizedTest(name = "{0} unreachable proxies are released")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void unreachableProxiesAreReleased(CPython python) throws Exception {
        ManagerPeer peer = peers.get(python, "sync-tcp");
        int before = peer.objects();
        SyncManager m = new SyncManager(peer.address, peer.authkey);
        m.connect();
        for (int i = 0; i < 5; i++) m.list(List.of(i)).append(i);
        assertTrue(peer.objects() > before);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (peer.objects() != before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(before, peer.objects(), "the cleaner did not release the lost proxies");
    }

    @ParameterizedTest(name = "{0} wrong authkey")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void wrongAuthkey(CPython python) throws Exception {
        ManagerPeer peer = peers.get(python, "sync-tcp");
        BaseManager m = new BaseManager(peer.address, "not the key".getBytes());
        assertThrows(AuthenticationError.class, m::connect);
    }

    @ParameterizedTest(name = "{0} the manager dies during a blocking call")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void managerDies(CPython python) throws Exception {
        ManagerPeer peer = ManagerPeer.start(python, "sync-unix");
        try (SyncManager m = new SyncManager(peer.address, peer.authkey)) {
            m.connect();
            QueueProxy q = m.Queue();
            CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(q::get);
            q.put("one");
            assertEquals("one", blocked.get(30, TimeUnit.SECONDS));
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(q::get);
            assertEquals(0, q.qsize()); // the getter is in place (or about to be)
            peer.peer.kill();
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
            assertInstanceOf(ProcessError.class, e.getCause());
            ProcessError gone = assertThrows(ProcessError.class, q::qsize);
            assertTrue(gone.getMessage().contains(peer.addressText()), gone.getMessage());
        } finally {
            peer.close();
        }
    }

    @Test
    void nobodyListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BaseManager tcp = new BaseManager(new InetSocketAddress("127.0.0.1", port), new byte[] {1});
        ProcessError e = assertThrows(ProcessError.class, tcp::connect);
        assertTrue(e.getMessage().contains("('127.0.0.1', " + port + ")"), e.getMessage());
        Path dir = Files.createTempDirectory("mp4j");
        BaseManager unix = new BaseManager(dir.resolve("no-listener"), new byte[] {1});
        assertThrows(ProcessError.class, unix::connect);
        Files.delete(dir);
    }

    @Test
    void aServerThatNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            BaseManager m = new BaseManager(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), new byte[] {1});
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ProcessError e = assertThrows(ProcessError.class, m::connect);
            assertTrue(e.getMessage().contains("handshake"), e.getMessage());
            accepted.get(10, TimeUnit.SECONDS).close();
        }
    }
}
