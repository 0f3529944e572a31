package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;
import multiprocessing4j.interop.PythonPeer;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.sharedmemory.Segments;
import multiprocessing4j.sharedmemory.ShareableList;
import multiprocessing4j.sharedmemory.SharedMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SharedMemoryManager: Java-hosted for CPython clients, Java client of CPython's, segments unlinked at shutdown. */
@Timeout(120)
class SharedMemoryManagerTest {
    private static final byte[] AUTHKEY = "shm-manager-test".getBytes();
    private static final List<Object> ITEMS = Arrays.asList(1, "two", 3.5, null, PyBytes.ascii("x"), true);

    static Stream<CPython> from38() {
        return CPythons.atLeast(3, 8);
    }

    @ParameterizedTest(name = "{0}: an unmodified CPython SharedMemoryManager client uses a Java-hosted one")
    @MethodSource("from38")
    void javaHostedServesCPythonClients(CPython python) throws Exception {
        Server server = new SharedMemoryManager(new InetSocketAddress("127.0.0.1", 0), AUTHKEY).getServer();
        Thread serving = new Thread(server::serveForever, "shm-manager-test");
        serving.start();
        SharedMemoryManager java = new SharedMemoryManager(server.address(), AUTHKEY);
        java.connect();
        try (Peer peer = Peer.client(python, server.address())) {
            String block = peer.ok("SHM 100");
            String list = peer.ok("SL " + hexPickle(ITEMS));
            assertEquals(List.of(block, list), java.listSegments());
            try (SharedMemory attached = new SharedMemory(block)) {
                byte[] got = new byte[attached.size()];
                attached.buf().get(got);
                assertEquals(1, got[0]);
                assertEquals((byte) (5 * 99 + 1), got[99]);
            }
            ShareableList sl = new ShareableList(list); // 3.8's layout too
            assertEquals(ITEMS, sl);
            sl.shm().close();
            SharedMemory mine = java.SharedMemory(64);
            assertEquals(block + " " + list + " " + mine.name(), peer.ok("LIST"));

            assertEquals("", peer.ok("RELEASE " + block));
            assertFalse(exists(block), "release_segment unlinks at once");
            assertTrue(peer.answer("RELEASE " + block).startsWith("ERR"), "an untracked name is an error, as CPython's");
            assertTrue(exists(list) && exists(mine.name()));

            server.close(); // CPython's shutdown: every tracked segment is unlinked
            serving.join(10_000);
            assertFalse(exists(list) || exists(mine.name()), "unlinked at shutdown");
        } finally {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}: Java is a client of CPython's SharedMemoryManager")
    @MethodSource("from38")
    void javaClientOfCPythonsManager(CPython python) throws Exception {
        try (Peer peer = Peer.server(python)) {
            SharedMemoryManager smm = new SharedMemoryManager(peer.address, peer.authkey);
            smm.connect();
            SharedMemory shm = smm.SharedMemory(256);
            shm.buf().put(new byte[] {1, 2, 3});
            ShareableList sl = smm.ShareableList(ITEMS);
            assertEquals(List.of(shm.name(), sl.shm().name()), smm.listSegments());
            assertEquals(shm.name() + " " + sl.shm().name(), peer.ok("LIST"));
            assertFalse(Segments.live().contains(shm.name()), "the server owns it now, not this JVM");
            if (python.minor() >= 9) { // smm.ShareableList makes 3.9's layout, which 3.8 cannot read
                assertEquals(ITEMS, ForkingPickler.loads(HexFormat.of().parseHex(peer.ok("READ " + sl.shm().name()))));
            }
            smm.releaseSegment(shm.name());
            assertFalse(exists(shm.name()));
            assertEquals(List.of(sl.shm().name()), smm.listSegments());
            peer.ok("SHUTDOWN");
            assertFalse(exists(sl.shm().name()), "CPython's server unlinked it at shutdown");
        }
    }

    @Test
    void startedInAChildJvmUnlinksAtShutdown() {
        String block;
        String list;
        try (SharedMemoryManager smm = new SharedMemoryManager()) {
            smm.start();
            SharedMemory shm = smm.SharedMemory(10);
            shm.buf().put(0, (byte) 42);
            ShareableList sl = smm.ShareableList(List.of(1, "two"));
            block = shm.name();
            list = sl.shm().name();
            assertEquals(List.of(block, list), smm.listSegments());
            assertEquals(42, new SharedMemory(block).buf().get(0));
            assertThrows(RemoteError.class, () -> smm.releaseSegment("psm_not_tracked"));
        }
        assertFalse(exists(block) || exists(list), "close() shut the server down, which unlinked both");
    }

    private static boolean exists(String name) {
        return Files.exists(Path.of("/dev/shm", name));
    }

    private static String hexPickle(Object value) {
        return HexFormat.of().formatHex(ForkingPickler.dumps(value));
    }

    /** {@code python-fixtures/shm_manager.py}. */
    private static final class Peer implements AutoCloseable {
        final PythonPeer peer;
        Object address;
        byte[] authkey;

        Peer(PythonPeer peer) {
            this.peer = peer;
        }

        static Peer client(CPython python, Object address) throws IOException, InterruptedException {
            String text = address instanceof multiprocessing4j.reduction.PyTuple t ? t.get(0) + ":" + t.get(1) : (String) address;
            Peer p = new Peer(PythonPeer.start(python, "shm_manager.py", "client", text, HexFormat.of().formatHex(AUTHKEY)));
            p.peer.expect("READY", 30);
            return p;
        }

        static Peer server(CPython python) throws IOException, InterruptedException {
            Peer p = new Peer(PythonPeer.start(python, "shm_manager.py", "server"));
            p.address = ManagerPeer.parse(p.peer.expect("READY", 60));
            p.authkey = HexFormat.of().parseHex(p.peer.expect("AUTHKEY", 10));
            return p;
        }

        String ok(String command) throws IOException, InterruptedException {
            String answer = answer(command);
            if (!answer.startsWith("OK")) throw new AssertionError(command + " -> " + answer + "\n" + peer.stderr());
            return answer.length() <= 3 ? "" : answer.substring(3);
        }

        String answer(String command) throws IOException, InterruptedException {
            peer.writeLine(command);
            return peer.readLine(30);
        }

        @Override
        public void close() {
            peer.close();
        }
    }
}
