package multiprocessing4j.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import multiprocessing4j.AuthenticationError;

/**
 * CPython's HMAC challenge/response handshake ({@code deliver_challenge} and
 * {@code answer_challenge}), for both wire schemes.
 *
 * <p>The handshake moves raw bytes only: it calls {@link Connection#sendBytes(byte[])} and
 * {@link Connection#recvBytes(int)} with a limit of {@value #MAX_LENGTH} bytes and never
 * unpickles anything, so a peer cannot reach the unpickler before it has proved that it holds
 * the key.
 *
 * <ul>
 *   <li><b>Modern</b> (CPython 3.12+): the challenge payload is {@code {sha256}} followed by 40
 *       random bytes; the answer is {@code {name}} followed by the HMAC, under that digest, of the
 *       <em>whole</em> payload, prefix included.
 *   <li><b>Legacy</b> (CPython 3.6&ndash;3.11): the challenge payload is 20 random bytes; the
 *       answer is the raw 16-byte HMAC-MD5 of whatever follows {@code #CHALLENGE#}.
 * </ul>
 *
 * <p>This side always offers the modern challenge. A legacy peer answers it with a raw HMAC-MD5
 * over the whole 48-byte payload, which is accepted (as CPython 3.12+ accepts it), so every
 * CPython from 3.6 on can authenticate against Java; a 20-byte challenge is answered the legacy
 * way. The legacy/modern decision is made purely by length (20 for a challenge, 16 or 20 for a
 * response), as CPython makes it.
 */
final class Handshake {
    /** The longest handshake frame either side accepts. */
    static final int MAX_LENGTH = 256;

    private static final byte[] CHALLENGE = ascii("#CHALLENGE#");
    private static final byte[] WELCOME = ascii("#WELCOME#");
    private static final byte[] FAILURE = ascii("#FAILURE#");
    private static final int NONCE_LENGTH = 40;
    private static final int LEGACY_CHALLENGE_LENGTH = 20;
    private static final int LEGACY_RESPONSE_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}

    /**
     * How one side of a handshake was authenticated: the digest used and whether it was the
     * legacy, unprefixed form.
     */
    record Scheme(Digest digest, boolean legacy) {}

    /**
     * Challenges the peer and checks its answer, as CPython's {@code deliver_challenge}: sends
     * {@code #CHALLENGE#{sha256}} and 40 random bytes, reads the answer, and replies
     * {@code #WELCOME#} or {@code #FAILURE#}.
     *
     * @return the scheme the peer answered with
     * @throws AuthenticationError after sending {@code #FAILURE#}, if the answer is wrong
     *     ("digest received was wrong") or malformed
     * @throws IOException if the peer's answer is longer than {@value #MAX_LENGTH} bytes ("bad
     *     message length"), the peer closes, or the transport fails
     */
    static Scheme deliverChallenge(Connection connection, byte[] authkey) throws IOException {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        byte[] message = concat(Digest.SHA256.prefix(), nonce);
        connection.sendBytes(concat(CHALLENGE, message));
        byte[] response = connection.recvBytes(MAX_LENGTH);
        Scheme scheme;
        try {
            scheme = verify(authkey, message, response);
        } catch (AuthenticationError e) {
            connection.sendBytes(FAILURE);
            throw e;
        }
        connection.sendBytes(WELCOME);
        return scheme;
    }

    /**
     * Answers the peer's challenge, as CPython's {@code answer_challenge}: reads
     * {@code #CHALLENGE#} and a payload, sends the HMAC the payload asks for, and reads the
     * verdict.
     *
     * @return the scheme this side answered with
     * @throws AuthenticationError if the first frame is not a challenge, names no allowed digest,
     *     or the verdict is not {@code #WELCOME#} ("digest sent was rejected")
     * @throws IOException if a frame is longer than {@value #MAX_LENGTH} bytes ("bad message
     *     length"), the peer closes, or the transport fails
     */
    static Scheme answerChallenge(Connection connection, byte[] authkey) throws IOException {
        byte[] frame = connection.recvBytes(MAX_LENGTH);
        if (!startsWith(frame, CHALLENGE)) {
            throw new AuthenticationError("protocol error, expected a challenge, got " + describe(frame));
        }
        byte[] message = Arrays.copyOfRange(frame, CHALLENGE.length, frame.length);
        if (message.length < LEGACY_CHALLENGE_LENGTH) {
            throw new AuthenticationError("challenge too short: " + message.length + " bytes");
        }
        Scheme scheme = schemeOf(message);
        byte[] mac = scheme.digest().mac(authkey, message);
        connection.sendBytes(scheme.legacy() ? mac : concat(scheme.digest().prefix(), mac));
        byte[] verdict = connection.recvBytes(MAX_LENGTH);
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationError("digest sent was rejected");
        }
        return scheme;
    }

    private static Scheme verify(byte[] authkey, byte[] message, byte[] response) {
        Scheme scheme = schemeOf(response);
        byte[] received = scheme.legacy()
                ? response
                : Arrays.copyOfRange(response, scheme.digest().prefix().length, response.length);
        byte[] expected = scheme.digest().mac(authkey, message);
        if (expected.length != received.length) {
            throw new AuthenticationError("expected a " + scheme.digest().wireName() + " digest of "
                    + expected.length + " bytes, got " + received.length);
        }
        if (!MessageDigest.isEqual(expected, received)) {
            throw new AuthenticationError("digest received was wrong");
        }
        return scheme;
    }

    /**
     * The scheme a challenge payload or a response uses: 16 or 20 bytes mean legacy HMAC-MD5;
     * anything else must start with {@code {name}} naming an allowed digest.
     */
    private static Scheme schemeOf(byte[] message) {
        if (message.length == LEGACY_CHALLENGE_LENGTH || message.length == LEGACY_RESPONSE_LENGTH) {
            return new Scheme(Digest.MD5, true);
        }
        if (message.length > 0 && message[0] == '{') {
            int limit = Math.min(message.length, Digest.MAX_NAME_LENGTH + 2);
            for (int i = 1; i < limit; i++) {
                if (message[i] == '}') {
                    Digest d = Digest.byWireName(new String(message, 1, i - 1, StandardCharsets.US_ASCII));
                    if (d != null) return new Scheme(d, false);
                    break;
                }
            }
        }
        throw new AuthenticationError("unsupported message length, missing digest prefix, or unsupported digest: "
                + describe(message));
    }

    /** A short, printable description of untrusted bytes for an error message. */
    private static String describe(byte[] bytes) {
        int shown = Math.min(bytes.length, 16);
        return bytes.length + " bytes starting " + HexFormat.of().formatHex(bytes, 0, shown);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
