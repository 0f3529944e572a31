package multiprocessing4j.connection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The HMAC digests a handshake may name, as CPython's {@code _ALLOWED_DIGESTS}, each with its
 * wire name (inside the {@code {name}} prefix) and its JCA algorithm.
 */
enum Digest {
    MD5("md5", "HmacMD5"),
    SHA256("sha256", "HmacSHA256"),
    SHA384("sha384", "HmacSHA384"),
    SHA3_256("sha3_256", "HmacSHA3-256"),
    SHA3_384("sha3_384", "HmacSHA3-384");

    /** The longest wire name, which bounds where a prefix's closing brace may be. */
    static final int MAX_NAME_LENGTH = 8;

    private final String wireName;
    private final String algorithm;

    Digest(String wireName, String algorithm) {
        this.wireName = wireName;
        this.algorithm = algorithm;
    }

    String wireName() {
        return wireName;
    }

    /** {@code {name}} in ASCII, the prefix of a modern challenge payload or response. */
    byte[] prefix() {
        return ("{" + wireName + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** The digest whose wire name is exactly {@code name}, or null if none is allowed. */
    static Digest byWireName(String name) {
        for (Digest d : values()) {
            if (d.wireName.equals(name)) return d;
        }
        return null;
    }

    /** HMAC of {@code message} under {@code key}; an empty key is valid, as in Python. */
    byte[] mac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new RawKey(key, algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JDK", e);
        }
    }

    /**
     * A key given as raw bytes. {@code SecretKeySpec} refuses empty keys, which HMAC (and CPython)
     * accepts, so the handshake carries its key in this instead.
     */
    private record RawKey(byte[] bytes, String algorithm) implements SecretKey {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }
    }
}
