package multiprocessing4j.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.PythonPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java against real CPython {@code multiprocessing.connection} peers, for every interpreter found:
 * each direction (CPython {@code Client} to Java {@link Listener}, Java {@link Client} to CPython
 * {@code Listener}), over TCP and Unix sockets, with no key, the right key, a wrong key and an
 * empty key, and the handshake scheme each side ends up using. One {@code connection_peer.py}
 * process per interpreter serves the whole class.
 */
@Timeout(120)
class CPythonInteropTest {
    private static final byte[] KEY = "s3cr3t key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRONG = "not the key".getBytes(StandardCharsets.US_ASCII);
    private static final Map<CPython, PythonPeer> PEERS = new ConcurrentHashMap<>();

    @AfterAll
    static void stopPeers() {
        PEERS.values().forEach(PythonPeer::close);
        PEERS.clear();
    }

    private interface PeerTest {
        void run(PythonPeer peer) throws Exception;
    }

    /** Runs {@code test} with this interpreter's peer; a failure retires the peer, whatever state it is in. */
    private static void withPeer(CPython python, PeerTest test) throws Exception {
        PythonPeer peer = PEERS.get(python);
        if (peer == null) {
            peer = PythonPeer.start(python, "connection_peer.py");
            assertEquals(python.version(), peer.expect("READY", 30));
            PEERS.put(python, peer);
        }
        try {
            test.run(peer);
        } catch (Exception | AssertionError e) {
            PEERS.remove(python);
            peer.kill();
            peer.close();
            throw e;
        }
    }

    private static final List<SocketAddress> FAMILIES = java.util.Arrays.asList(Channels.tcp(), null);

    private static String keyArg(byte[] key) {
        if (key == null) return "none";
        return key.length == 0 ? "empty" : HexFormat.of().formatHex(key);
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return "inet " + inet.getAddress().getHostAddress() + " " + inet.getPort();
        }
        return "unix " + ((UnixDomainSocketAddress) address).getPath();
    }

    private static SocketAddress parse(String listening) {
        String[] w = listening.split(" ");
        return w[0].equals("inet") ? new InetSocketAddress(w[1], Integer.parseInt(w[2])) : UnixDomainSocketAddress.of(w[1]);
    }

    /** Objects and bytes both ways, CPython echoing what it receives. */
    private static void exchange(Connection c, PythonPeer peer) throws Exception {
        Map<String, Integer> dict = new LinkedHashMap<>();
        dict.put("a", 1);
        dict.put("b", 2);
        Object[][] cases = {
            {"h\u00e9llo", "'h\\xe9llo'"},
            {-42, "-42"},
            {List.of(1, "two", 3), "[1, 'two', 3]"},
            {dict, "{'a': 1, 'b': 2}"},
        };
        for (Object[] each : cases) {
            peer.writeLine("RECV");
            c.send(each[0]);
            assertEquals("OBJ " + each[1], peer.readLine());
            assertEquals(each[0], c.recv(), "CPython's send() of " + each[1]);
        }
        byte[] big = new byte[100_000];
        new Random(7).nextBytes(big);
        for (byte[] data : List.of(new byte[0], big)) {
            peer.writeLine("RECV_BYTES");
            c.sendBytes(data);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            assertEquals("BYTES " + data.length + " " + sha, peer.readLine());
            assertArrayEquals(data, c.recvBytes());
        }
        peer.writeLine("SEND {'x': [1, 2], 'y': 'z'}");
        assertEquals(Map.of("x", List.of(1, 2), "y", "z"), c.recv());
        assertEquals("SENT", peer.readLine());
    }

    private static void closeBoth(Connection c, PythonPeer peer) throws Exception {
        c.close();
        peer.writeLine("CLOSE");
        assertEquals("CLOSED", peer.readLine());
    }

    @ParameterizedTest(name = "{0} Client -> Java Listener")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void cpythonClientToJavaListener(CPython python) throws Exception {
        withPeer(python, peer -> {
            for (SocketAddress family : FAMILIES) {
                for (byte[] key : java.util.Arrays.asList(null, KEY)) {
                    try (Listener listener = new Listener(family, key)) {
                        peer.writeLine("CONNECT " + keyArg(key) + " " + describe(listener.address()));
                        Connection c = listener.accept();
                        assertEquals("CONNECTED", peer.readLine());
                        exchange(c, peer);
                        closeBoth(c, peer);
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "Java Client -> {0} Listener")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void javaClientToCPythonListener(CPython python) throws Exception {
        withPeer(python, peer -> {
            for (String family : List.of("inet", "unix")) {
                for (byte[] key : java.util.Arrays.asList(null, KEY)) {
                    peer.writeLine("LISTEN " + keyArg(key) + " " + family);
                    SocketAddress address = parse(peer.expect("LISTENING", 30));
                    peer.writeLine("ACCEPT");
                    Connection c = Client.connect(address, key);
                    assertEquals("ACCEPTED", peer.readLine());
                    exchange(c, peer);
                    closeBoth(c, peer);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0} Client with a wrong key -> Java Listener")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void aCPythonClientWithAWrongKeyFailsAndTheJavaListenerGoesOn(CPython python) throws Exception {
        withPeer(python, peer -> {
            for (SocketAddress family : FAMILIES) {
                try (Listener listener = new Listener(family, KEY)) {
                    peer.writeLine("CONNECT " + keyArg(WRONG) + " " + describe(listener.address()));
                    AuthenticationError e = assertThrows(AuthenticationError.class, listener::accept);
                    assertEquals("digest received was wrong", e.getMessage());
                    assertEquals("ERROR AuthenticationError digest sent was rejected", peer.readLine());

                    peer.writeLine("CONNECT " + keyArg(KEY) + " " + describe(listener.address()));
                    Connection c = listener.accept();
                    assertEquals("CONNECTED", peer.readLine());
                    peer.writeLine("RECV");
                    c.send("after a failure");
                    assertEquals("OBJ 'after a failure'", peer.readLine());
                    assertEquals("after a failure", c.recv());
                    closeBoth(c, peer);
                }
            }
        });
    }

    @ParameterizedTest(name = "Java Client with a wrong key -> {0} Listener")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void aJavaClientWithAWrongKeyFailsOnBothSides(CPython python) throws Exception {
        withPeer(python, peer -> {
            for (String family : List.of("inet", "unix")) {
                peer.writeLine("LISTEN " + keyArg(KEY) + " " + family);
                SocketAddress address = parse(peer.expect("LISTENING", 30));
                peer.writeLine("ACCEPT");
                AuthenticationError e = assertThrows(AuthenticationError.class, () -> Client.connect(address, WRONG));
                assertEquals("digest sent was rejected", e.getMessage());
                assertEquals("ERROR AuthenticationError digest received was wrong", peer.readLine());

                peer.writeLine("ACCEPT");
                Connection c = Client.connect(address, KEY);
                assertEquals("ACCEPTED", peer.readLine());
                closeBoth(c, peer);
            }
        });
    }

    /**
     * Java always offers {@code {sha256}}; 3.6 to 3.11 answer it with legacy raw HMAC-MD5 and
     * challenge with 20 bytes, which Java answers the legacy way. 3.12+ speak {@code {sha256}}.
     */
    @ParameterizedTest(name = "{0} handshake scheme against Java")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void theSchemeIsLegacyUpTo311AndModernFrom312(CPython python) throws Exception {
        boolean modern = python.atLeast(3, 12);
        Handshake.Scheme expected = modern ? new Handshake.Scheme(Digest.SHA256, false)
                : new Handshake.Scheme(Digest.MD5, true);
        withPeer(python, peer -> {
            try (Listener listener = new Listener(Channels.tcp())) {
                peer.writeLine("CONNECT none " + describe(listener.address()));
                Connection c = listener.accept();
                assertEquals("CONNECTED", peer.readLine());

                peer.writeLine("ANSWER " + keyArg(KEY));
                assertEquals(expected, Handshake.deliverChallenge(c, KEY), "how CPython answered Java");
                assertEquals("ANSWERED", peer.readLine());

                peer.writeLine("DELIVER " + keyArg(KEY) + " sha256");
                assertEquals(expected, Handshake.answerChallenge(c, KEY), "how Java answered CPython");
                assertEquals("DELIVERED", peer.readLine());

                if (modern) {
                    for (Digest digest : Digest.values()) {
                        peer.writeLine("DELIVER " + keyArg(KEY) + " " + digest.wireName());
                        assertEquals(new Handshake.Scheme(digest, false), Handshake.answerChallenge(c, KEY));
                        assertEquals("DELIVERED", peer.readLine());
                    }
                }
                closeBoth(c, peer);
            }
        });
    }

    /**
     * An empty key is a key: Java handshakes with it, as CPython 3.13 does. Every CPython
     * {@code Client(authkey=b"")} handshakes too; only a 3.13+ CPython Listener does (older ones
     * skip it, so a Java client would wait for a challenge that never comes).
     */
    @ParameterizedTest(name = "{0} with an empty key")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void anEmptyKeyHandshakes(CPython python) throws Exception {
        withPeer(python, peer -> {
            try (Listener listener = new Listener(null, new byte[0])) {
                peer.writeLine("CONNECT empty " + describe(listener.address()));
                Connection c = listener.accept();
                assertEquals("CONNECTED", peer.readLine());
                closeBoth(c, peer);
            }
            if (python.atLeast(3, 13)) {
                peer.writeLine("LISTEN empty unix");
                SocketAddress address = parse(peer.expect("LISTENING", 30));
                peer.writeLine("ACCEPT");
                Connection c = Client.connect(address, new byte[0]);
                assertEquals("ACCEPTED", peer.readLine());
                closeBoth(c, peer);
            }
        });
    }
}
