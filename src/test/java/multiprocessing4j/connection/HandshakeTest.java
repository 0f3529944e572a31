package multiprocessing4j.connection;

import static multiprocessing4j.connection.Channels.assertConnects;
import static multiprocessing4j.connection.Channels.async;
import static multiprocessing4j.connection.Channels.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import multiprocessing4j.AuthenticationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handshake, Java to Java: through Listener/Client, and step by step against a scripted peer. */
@Timeout(60)
class HandshakeTest {
    private static final byte[] KEY = "secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> families() {
        return Stream.of(Arguments.of("TCP", Channels.tcp()), Arguments.of("Unix socket", null));
    }

    /** Independent HMAC, through the standard JCA key type. */
    private static byte[] hmac(String algorithm, byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(message);
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void theRightKeyAuthenticatesBothWays(String name, SocketAddress address) throws Exception {
        try (Listener listener = new Listener(address, KEY)) {
            assertConnects(listener, KEY);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void noKeyOnEitherSideMeansNoHandshake(String name, SocketAddress address) throws Exception {
        try (Listener listener = new Listener(address)) {
            assertConnects(listener, null);
        }
    }

    @Test
    void anEmptyKeyStillHandshakes() throws Exception {
        try (Listener listener = new Listener(null, new byte[0])) {
            assertConnects(listener, new byte[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aWrongKeyFailsOnBothSidesAndTheListenerGoesOn(String name, SocketAddress address) throws Exception {
        try (Listener listener = new Listener(address, KEY)) {
            CompletableFuture<Connection> accepted = async(listener::accept);
            AuthenticationError client = assertThrows(AuthenticationError.class,
                    () -> Client.connect(listener.address(), ascii("wrong")));
            assertEquals("digest sent was rejected", client.getMessage());
            AuthenticationError server = assertThrows(AuthenticationError.class, () -> get(accepted));
            assertEquals("digest received was wrong", server.getMessage());
            assertConnects(listener, KEY);
        }
    }

    @Test
    void aClientWithoutAKeySeesTheRawChallengeAndAcceptFailsWhenItLeaves() throws Exception {
        try (Listener listener = new Listener(Channels.tcp(), KEY)) {
            CompletableFuture<Connection> accepted = async(listener::accept);
            try (Connection client = Client.connect(listener.address())) {
                byte[] challenge = client.recvBytes();
                assertEquals(11 + 8 + 40, challenge.length);
                assertArrayEquals(concat(CHALLENGE, ascii("{sha256}")), Arrays.copyOf(challenge, 19));
            }
            assertThrows(EOFException.class, () -> get(accepted));
            assertConnects(listener, KEY);
        }
    }

    @Test
    void aClientWithAKeyRefusesAListenerThatDoesNotChallenge() throws Exception {
        try (Listener listener = new Listener(Channels.tcp())) {
            CompletableFuture<Connection> connecting = async(() -> Client.connect(listener.address(), KEY));
            try (Connection server = listener.accept()) {
                server.sendBytes(ascii("hello, no challenge here"));
                AuthenticationError e = assertThrows(AuthenticationError.class, () -> get(connecting));
                assertTrue(e.getMessage().startsWith("protocol error, expected a challenge, got 24 bytes"),
                        e.getMessage());
                assertThrows(EOFException.class, server::recvBytes, "the client closed its end");
            }
        }
    }

    // ---- answering, step by step -------------------------------------------------------------

    static Stream<Arguments> digests() {
        return Stream.of(
                Arguments.of("md5", "HmacMD5"),
                Arguments.of("sha256", "HmacSHA256"),
                Arguments.of("sha384", "HmacSHA384"),
                Arguments.of("sha3_256", "HmacSHA3-256"),
                Arguments.of("sha3_384", "HmacSHA3-384"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digests")
    void answersAModernChallengeWithThePrefixedHmacOfTheWholePayload(String digest, String jca) throws Exception {
        byte[] payload = concat(ascii("{" + digest + "}"), new byte[40]);
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes(concat(CHALLENGE, payload));
            CompletableFuture<Handshake.Scheme> answering = async(() -> Handshake.answerChallenge(p.right(), KEY));
            byte[] response = p.left().recvBytes();
            assertArrayEquals(concat(ascii("{" + digest + "}"), hmac(jca, KEY, payload)), response);
            p.left().sendBytes(WELCOME);
            assertEquals(new Handshake.Scheme(Digest.byWireName(digest), false), get(answering));
        }
    }

    @Test
    void answersALegacyChallengeWithRawHmacMd5() throws Exception {
        byte[] nonce = new byte[20];
        Arrays.fill(nonce, (byte) 7);
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes(concat(CHALLENGE, nonce));
            CompletableFuture<Handshake.Scheme> answering = async(() -> Handshake.answerChallenge(p.right(), KEY));
            assertArrayEquals(hmac("HmacMD5", KEY, nonce), p.left().recvBytes());
            p.left().sendBytes(WELCOME);
            assertEquals(new Handshake.Scheme(Digest.MD5, true), get(answering));
        }
    }

    static Stream<Arguments> badChallenges() {
        return Stream.of(
                Arguments.of("too short", concat(CHALLENGE, new byte[19]), "challenge too short: 19 bytes"),
                Arguments.of("unknown digest", concat(CHALLENGE, ascii("{sha1}"), new byte[40]),
                        "unsupported message length, missing digest prefix, or unsupported digest"),
                Arguments.of("no prefix", concat(CHALLENGE, new byte[48]),
                        "unsupported message length, missing digest prefix, or unsupported digest"),
                Arguments.of("not a challenge", ascii("#WELCOME#"), "protocol error, expected a challenge"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChallenges")
    void refusesAMalformedChallengeWithAuthenticationError(String name, byte[] frame, String message)
            throws Exception {
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes(frame);
            AuthenticationError e = assertThrows(AuthenticationError.class,
                    () -> Handshake.answerChallenge(p.right(), KEY));
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
        }
    }

    @Test
    void aHandshakeFrameOver256BytesIsBadMessageLength() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes(concat(CHALLENGE, new byte[246]));
            assertEquals("bad message length",
                    assertThrows(IOException.class, () -> Handshake.answerChallenge(p.right(), KEY)).getMessage());
        }
    }

    @Test
    void anAnswererRejectedByTheVerdictRaisesDigestSentWasRejected() throws Exception {
        try (Pipe p = Connection.Pipe()) {
            p.left().sendBytes(concat(CHALLENGE, new byte[20]));
            p.left().sendBytes(FAILURE);
            assertEquals("digest sent was rejected",
                    assertThrows(AuthenticationError.class, () -> Handshake.answerChallenge(p.right(), KEY))
                            .getMessage());
        }
    }

    // ---- delivering, step by step ------------------------------------------------------------

    /** Runs deliverChallenge against a scripted answer computed from the challenge it sends. */
    private interface Answer {
        byte[] to(byte[] payload) throws Exception;
    }

    private static Handshake.Scheme deliverTo(Answer answer, byte[] expectedVerdict) throws Exception {
        try (Pipe p = Connection.Pipe()) {
            CompletableFuture<Handshake.Scheme> delivering = async(() -> Handshake.deliverChallenge(p.right(), KEY));
            byte[] challenge = p.left().recvBytes();
            assertArrayEquals(concat(CHALLENGE, ascii("{sha256}")), Arrays.copyOf(challenge, 19));
            assertEquals(59, challenge.length);
            p.left().sendBytes(answer.to(Arrays.copyOfRange(challenge, 11, challenge.length)));
            assertArrayEquals(expectedVerdict, p.left().recvBytes());
            return get(delivering);
        }
    }

    @Test
    void acceptsALegacyMd5AnswerToTheModernChallenge() throws Exception {
        assertEquals(new Handshake.Scheme(Digest.MD5, true),
                deliverTo(payload -> hmac("HmacMD5", KEY, payload), WELCOME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digests")
    void acceptsAPrefixedAnswerInAnyAllowedDigest(String digest, String jca) throws Exception {
        assertEquals(new Handshake.Scheme(Digest.byWireName(digest), false),
                deliverTo(payload -> concat(ascii("{" + digest + "}"), hmac(jca, KEY, payload)), WELCOME));
    }

    static Stream<Arguments> badAnswers() {
        return Stream.of(
                Arguments.of("wrong key", (Answer) payload -> concat(ascii("{sha256}"),
                        hmac("HmacSHA256", ascii("wrong"), payload)), "digest received was wrong"),
                Arguments.of("wrong legacy key", (Answer) payload -> hmac("HmacMD5", ascii("wrong"), payload),
                        "digest received was wrong"),
                Arguments.of("20 bytes", (Answer) payload -> new byte[20], "expected a md5 digest of 16 bytes, got 20"),
                Arguments.of("truncated mac", (Answer) payload -> concat(ascii("{sha256}"), new byte[31]),
                        "expected a sha256 digest of 32 bytes, got 31"),
                Arguments.of("garbage", (Answer) payload -> ascii("GET / HTTP/1.1"),
                        "unsupported message length, missing digest prefix, or unsupported digest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void aBadAnswerGetsFailureAndAuthenticationError(String name, Answer answer, String message) throws Exception {
        AuthenticationError e = assertThrows(AuthenticationError.class, () -> deliverTo(answer, FAILURE));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
