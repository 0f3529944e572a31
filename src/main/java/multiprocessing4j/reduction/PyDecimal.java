package multiprocessing4j.reduction;

import java.util.Objects;

/**
 * A {@code decimal.Decimal} that {@link java.math.BigDecimal} cannot hold exactly: {@code NaN},
 * {@code sNaN} (with or without a diagnostic payload and sign), {@code ±Infinity}, negative zero
 * ({@code -0}, {@code -0.00}) and exponents beyond {@code int}. It keeps CPython's {@code str()}
 * of the value and pickles back as {@code decimal.Decimal(text)}.
 *
 * <p>Equality is by text, so {@code PyDecimal.of("NaN").equals(PyDecimal.of("NaN"))} is true
 * (Python's {@code ==} says False for NaN; this is a value holder, not arithmetic).
 */
public final class PyDecimal {
    private final String text;

    private PyDecimal(String text) {
        this.text = text;
    }

    /** The Decimal whose {@code str()} is {@code text}; the text is not validated here. */
    public static PyDecimal of(String text) {
        return new PyDecimal(Objects.requireNonNull(text, "text"));
    }

    /** CPython's {@code str()} of the Decimal, e.g. {@code "-Infinity"}. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof PyDecimal d && text.equals(d.text));
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Python's {@code repr}, e.g. {@code Decimal('NaN')}. */
    @Override
    public String toString() {
        return "Decimal('" + text + "')";
    }
}
