package multiprocessing4j.reduction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made pickles for tests: ints and chars are single bytes (opcodes, arguments), strings their latin-1 bytes. */
final class Pickles {
    private Pickles() {}

    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) out.write(i);
            else if (p instanceof Character c) out.write(c);
            else if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            else if (p instanceof byte[] b) out.writeBytes(b);
            else throw new IllegalArgumentException(String.valueOf(p));
        }
        return out.toByteArray();
    }

    static Object load(Object... parts) {
        return ForkingPickler.loads(of(parts));
    }

    /** Pickles and unpickles {@code value} on the Java side only. */
    static Object roundTrip(Object value) {
        return ForkingPickler.loads(ForkingPickler.dumps(value));
    }
}
