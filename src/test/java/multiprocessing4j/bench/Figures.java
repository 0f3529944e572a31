package multiprocessing4j.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How figures and ratios are written in the report: three significant digits, no exponents. */
public final class Figures {
    private Figures() {}

    /** {@code 18737.6 → 18,738}, {@code 41.23 → 41.2}, {@code 0.012345 → 0.0123}. */
    public static String format(double value) {
        if (!Double.isFinite(value)) return Double.toString(value);
        if (Math.abs(value) >= 100) return String.format(Locale.ROOT, "%,d", Math.round(value));
        if (value == 0) return "0";
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** {@code 1.234 → 1.23×}. */
    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
