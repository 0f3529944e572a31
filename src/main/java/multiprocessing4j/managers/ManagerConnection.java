package multiprocessing4j.managers;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.ProcessError;
import multiprocessing4j.reduction.PyTuple;

/**
 * One authenticated connection to a manager's server, carrying requests
 * {@code (ident, method, args, kwds)} and their replies.
 *
 * <p>INTERIM transport (framing and the client side of the HMAC handshake) until the
 * connection layer is merged; only this class knows how bytes travel.
 */
final class ManagerConnection implements AutoCloseable {
    /** How long connecting and the handshake may take before the manager counts as unreachable. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Object address;
    private final AutoCloseable channel;
    private final DataInputStream in;
    private final DataOutputStream out;

    private ManagerConnection(Object address, AutoCloseable channel, InputStream in, OutputStream out) {
        this.address = address;
        this.channel = channel;
        this.in = new DataInputStream(new java.io.BufferedInputStream(in));
        this.out = new DataOutputStream(out);
    }

    /**
     * Connects to the server at {@code address} (Python form) and authenticates both ways.
     *
     * @throws ProcessError if the server cannot be reached or does not answer in time
     * @throws AuthenticationError if the keys differ
     */
    static ManagerConnection open(Object address, byte[] authkey) {
        ManagerConnection c;
        try {
            if (address instanceof PyTuple t) {
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress((String) t.get(0), ((Number) t.get(1)).intValue()),
                        CONNECT_TIMEOUT_MILLIS);
                s.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
                c = new ManagerConnection(address, s, s.getInputStream(), s.getOutputStream());
            } else {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.connect(UnixDomainSocketAddress.of((String) address));
                c = new ManagerConnection(address, ch, Channels.newInputStream(ch), Channels.newOutputStream(ch));
            }
        } catch (IOException e) {
            throw new ProcessError("cannot connect to the manager at " + Managers.describe(address) + ": " + e, e);
        }
        try {
            c.answerChallenge(authkey);
            c.deliverChallenge(authkey);
            if (c.channel instanceof Socket s) s.setSoTimeout(0);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            if (e instanceof AuthenticationError a) throw a;
            throw new ProcessError("handshake with the manager at " + Managers.describe(address) + " failed: " + e, e);
        }
    }

    /** Sends a request and reads its reply; proxies in the reply are bound to {@code manager}. */
    Reply request(String ident, String method, PyTuple args, Map<String, Object> kwds, BaseManager manager) {
        try {
            // A fresh dict: a shared Java map (Map.of()) would be one object with any equal-identity
            // map among the arguments, and CPython's RebuildProxy adds keys to its own kwds.
            sendBytes(ManagerPickling.dumps(PyTuple.of(ident, method, args, new LinkedHashMap<>(kwds))));
            Object reply = ManagerPickling.loads(recvBytes(Integer.MAX_VALUE), manager);
            if (reply instanceof PyTuple t && t.size() == 2 && t.get(0) instanceof String kind) {
                return new Reply(kind, t.get(1));
            }
            throw new ProcessError("malformed reply from the manager at " + Managers.describe(address) + ": " + reply);
        } catch (EOFException e) {
            throw new ProcessError("the manager at " + Managers.describe(address) + " closed the connection", e);
        } catch (IOException e) {
            throw new ProcessError("lost the connection to the manager at " + Managers.describe(address) + ": " + e, e);
        }
    }

    private void answerChallenge(byte[] authkey) throws IOException {
        byte[] message = recvBytes(256);
        if (!startsWith(message, CHALLENGE)) throw new AuthenticationError("not a challenge: " + Arrays.toString(message));
        byte[] payload = Arrays.copyOfRange(message, CHALLENGE.length, message.length);
        if (payload.length == 20) {
            sendBytes(hmac("HmacMD5", authkey, payload));
        } else {
            int close = indexOf(payload, (byte) '}');
            String name = new String(payload, 1, close - 1, StandardCharsets.US_ASCII);
            String algorithm = switch (name) {
                case "md5" -> "HmacMD5";
                case "sha256" -> "HmacSHA256";
                case "sha384" -> "HmacSHA384";
                case "sha3_256" -> "HmacSHA3-256";
                case "sha3_384" -> "HmacSHA3-384";
                default -> throw new AuthenticationError("unsupported digest " + name);
            };
            byte[] prefix = Arrays.copyOf(payload, close + 1);
            byte[] mac = hmac(algorithm, authkey, payload);
            byte[] response = Arrays.copyOf(prefix, prefix.length + mac.length);
            System.arraycopy(mac, 0, response, prefix.length, mac.length);
            sendBytes(response);
        }
        if (!Arrays.equals(recvBytes(256), WELCOME)) throw new AuthenticationError("digest sent was rejected");
    }

    private void deliverChallenge(byte[] authkey) throws IOException {
        byte[] nonce = new byte[20];
        RANDOM.nextBytes(nonce);
        byte[] challenge = Arrays.copyOf(CHALLENGE, CHALLENGE.length + nonce.length);
        System.arraycopy(nonce, 0, challenge, CHALLENGE.length, nonce.length);
        sendBytes(challenge);
        byte[] response = recvBytes(256);
        if (!java.security.MessageDigest.isEqual(response, hmac("HmacMD5", authkey, nonce))) {
            sendBytes("#FAILURE#".getBytes(StandardCharsets.US_ASCII));
            throw new AuthenticationError("digest received was wrong");
        }
        sendBytes(WELCOME);
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendBytes(byte[] payload) throws IOException {
        // Header and payload in one write, as CPython does for small messages (no Nagle delay).
        byte[] frame = new byte[4 + payload.length];
        java.nio.ByteBuffer.wrap(frame).putInt(payload.length).put(payload);
        out.write(frame);
        out.flush();
    }

    private byte[] recvBytes(int maxLength) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > maxLength) throw new IOException("bad message length");
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) if (a[i] == b) return i;
        throw new AuthenticationError("malformed challenge");
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (Exception ignored) {
            // closing a broken connection has nothing left to report
        }
    }
}
