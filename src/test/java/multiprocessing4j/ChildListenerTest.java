package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket children connect back to (a loopback port for their channels, a Unix socket for
 * relayed connections), played here by this JVM: only a peer with a token and the key gets
 * through, and peers that do not greet cannot hold it up.
 */
@Timeout(30)
class ChildListenerTest {
    /** Longer than the test may run: a close seen within the test is not the deadline's. */
    private static final long NO_DEADLINE_MS = TimeUnit.SECONDS.toMillis(60);

    private ChildListener listener;

    @AfterEach
    void close() {
        if (listener != null) listener.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"loopback TCP", "Unix socket"})
    void aPeerWithItsTokenAndTheKeyIsHandedToItsLauncher(String kind) throws Exception {
        listener = listener(kind, NO_DEADLINE_MS, 4);
        CompletableFuture<Connection> launched = new CompletableFuture<>();
        long token = listener.expect(launched);
        try (Connection child = greet(token, listener.key())) {
            Connection parentSide = launched.get(20, TimeUnit.SECONDS);
            child.sendBytes(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, parentSide.recvBytes());
            parentSide.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"loopback TCP", "Unix socket"})
    void aWrongKeyAnUnknownTokenOrAReusedTokenIsClosedAndHandsNothingOver(String kind) throws Exception {
        listener = listener(kind, NO_DEADLINE_MS, 4);
        CompletableFuture<Connection> launched = new CompletableFuture<>();
        long token = listener.expect(launched);
        byte[] wrongKey = listener.key();
        wrongKey[0] ^= 1;
        assertClosedByListener(greet(token, wrongKey));
        assertClosedByListener(greet(token + 1, listener.key()));
        assertFalse(launched.isDone());

        greet(token, listener.key()).close(); // the one use of the token
        launched.get(20, TimeUnit.SECONDS).close();
        assertClosedByListener(greet(token, listener.key()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"loopback TCP", "Unix socket"})
    void aFirstFrameOfAnyOtherSizeIsClosed(String kind) throws Exception {
        listener = listener(kind, NO_DEADLINE_MS, 4);
        for (int size : new int[] {0, 1, Long.BYTES + listener.key().length - 1, Long.BYTES + listener.key().length + 1, 1 << 20}) {
            Connection peer = Client.connect(listener.address());
            try {
                peer.sendBytes(new byte[size]);
            } catch (IOException e) {
                // the listener may close before a large frame is all written
            }
            assertClosedByListener(peer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"loopback TCP", "Unix socket"})
    void aSilentPeerIsClosedAtTheDeadlineWhileOthersGetThrough(String kind) throws Exception {
        listener = listener(kind, 200, 4);
        try (Connection silent = Client.connect(listener.address())) {
            CompletableFuture<Connection> launched = new CompletableFuture<>();
            try (Connection child = greet(listener.expect(launched), listener.key())) {
                launched.get(20, TimeUnit.SECONDS).close();
            }
            assertClosedByListener(silent);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"loopback TCP", "Unix socket"})
    void aPeerBeyondTheGreetingLimitClosesTheOneThatHasWaitedLongest(String kind) throws Exception {
        listener = listener(kind, NO_DEADLINE_MS, 1);
        try (Connection silent = Client.connect(listener.address())) {
            CompletableFuture<Connection> launched = new CompletableFuture<>();
            try (Connection child = greet(listener.expect(launched), listener.key())) {
                launched.get(20, TimeUnit.SECONDS).close(); // through, though the silent peer held the only greeting
            }
            assertClosedByListener(silent);
        }
    }

    /** The channels' kind ({@link ChildListener#get()}) or the relays' ({@link ChildListener#forRelays()}). */
    private static ChildListener listener(String kind, long greetingMillis, int maxGreetings) throws IOException {
        return kind.equals("Unix socket")
                ? new ChildListener(null, greetingMillis, maxGreetings)
                : new ChildListener(greetingMillis, maxGreetings);
    }

    private Connection greet(long token, byte[] key) throws IOException {
        return ChildListener.greet(listener.address(), token, key);
    }

    private static void assertClosedByListener(Connection peer) {
        try {
            // end of stream, or a reset where the listener closed with the peer's bytes unread
            assertThrows(IOException.class, peer::recvBytes);
        } finally {
            peer.close();
        }
    }
}
