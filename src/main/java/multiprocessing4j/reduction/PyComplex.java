package multiprocessing4j.reduction;

/** Python's {@code complex}. Equality is Python's for complex numbers: by both parts, bit for bit as {@code Double.equals}. */
public record PyComplex(double real, double imag) {

    /** Python's {@code repr}, e.g. {@code (1+2j)} or {@code 3j}. */
    @Override
    public String toString() {
        return PyRepr.repr(this);
    }
}
