package multiprocessing4j.reduction;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * CPython's repr of {@code float} and {@code complex}: the shortest decimal that reads back as
 * the same double (among those, the nearest), laid out as CPython's {@code format_float_short}
 * does in 'r' mode. {@link Double#toString} will not do: before JDK 19 it is not always the
 * shortest (JDK 17 prints 2e23 as 1.9999999999999998E23, 2.82879384806159e+17 as
 * 2.82879384806159008E17).
 */
final class ReprFloat {
    private ReprFloat() {}

    /** {@code repr(float)}: {@code 0.1}, {@code 1.0}, {@code 1e+16}, {@code 1e-05}, {@code inf}, {@code nan}. */
    static String repr(double x) {
        return format(x, true, false);
    }

    /**
     * {@code repr(complex)}: the real part is left out when it is +0.0 (not -0.0); the parts
     * have no ".0", so {@code (1+2j)}, {@code 2j}, {@code (-0-1j)}, {@code (nan+infj)}.
     */
    static String complex(double real, double imag) {
        if (real == 0 && Double.doubleToRawLongBits(real) == 0) return format(imag, false, false) + "j";
        return "(" + format(real, false, false) + format(imag, false, true) + "j)";
    }

    private static String format(double x, boolean addDot0, boolean alwaysSign) {
        String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : alwaysSign ? "+" : "";
        if (Double.isNaN(x)) return (alwaysSign ? "+" : "") + "nan"; // CPython ignores a nan's sign
        if (Double.isInfinite(x)) return sign + "inf";
        BigDecimal shortest = x == 0 ? BigDecimal.ZERO : shortest(Math.abs(x));
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.<digits> * 10^decpt
        StringBuilder s = new StringBuilder(sign);
        if (decpt <= -4 || decpt > 16) {
            s.append(digits.charAt(0));
            if (digits.length() > 1) s.append('.').append(digits, 1, digits.length());
            int exp = decpt - 1;
            s.append(exp < 0 ? "e-" : "e+");
            if (Math.abs(exp) < 10) s.append('0');
            s.append(Math.abs(exp));
        } else if (decpt <= 0) {
            s.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt < digits.length()) {
            s.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        } else {
            s.append(digits).append("0".repeat(decpt - digits.length()));
            if (addDot0) s.append(".0");
        }
        return s.toString();
    }

    /**
     * The fewest significant digits that round-trip; of two such candidates with as many digits
     * (one below, one above), the nearer, as David Gay's dtoa mode 0 in CPython picks. Trailing
     * zeros stripped. {@code x} is finite and positive.
     */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int precision = 1; ; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (readsBackAs(nearest, x)) return nearest.stripTrailingZeros();
            // Near a power of two the doubles are twice as dense below as above, so the nearest
            // candidate can miss while the one on the other side still reads back.
            for (RoundingMode side : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal other = exact.round(new MathContext(precision, side));
                if (readsBackAs(other, x)) return other.stripTrailingZeros();
            }
        }
    }

    private static boolean readsBackAs(BigDecimal decimal, double x) {
        return Double.parseDouble(decimal.toString()) == x;
    }
}
