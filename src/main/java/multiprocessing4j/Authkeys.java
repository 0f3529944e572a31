package multiprocessing4j;

import java.security.SecureRandom;

/** Fresh authentication keys: 32 random bytes, as CPython's {@code os.urandom(32)}. */
final class Authkeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Authkeys() {}

    static byte[] random() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
