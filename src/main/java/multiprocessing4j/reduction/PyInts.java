package multiprocessing4j.reduction;

import java.math.BigInteger;

/** Python {@code int} in the value model: one Java type per range (Integer, Long, BigInteger). */
final class PyInts {
    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private PyInts() {}

    static Object of(long v) {
        return v == (int) v ? (Object) Integer.valueOf((int) v) : (Object) Long.valueOf(v);
    }

    static Object of(BigInteger v) {
        return v.compareTo(MIN_LONG) >= 0 && v.compareTo(MAX_LONG) <= 0 ? of(v.longValue()) : v;
    }

    /** A little-endian two's-complement integer of {@code n} bytes at {@code off} (LONG1/LONG4). */
    static Object fromLittleEndian(byte[] b, int off, int n) {
        if (n == 0) return 0;
        if (n <= 8) {
            long v = b[off + n - 1]; // sign-extended top byte
            for (int i = n - 2; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
            return of(v);
        }
        byte[] bigEndian = new byte[n];
        for (int i = 0; i < n; i++) bigEndian[i] = b[off + n - 1 - i];
        return of(new BigInteger(bigEndian));
    }

    /** The minimal little-endian two's-complement bytes of {@code v}, as CPython's encode_long. */
    static byte[] toLittleEndian(BigInteger v) {
        if (v.signum() == 0) return new byte[0];
        byte[] be = v.toByteArray(); // minimal, big-endian, with sign bit
        byte[] le = new byte[be.length];
        for (int i = 0; i < be.length; i++) le[i] = be[be.length - 1 - i];
        return le;
    }
}
