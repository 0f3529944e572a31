/**
 * The pickle layer: Python values as Java objects, and CPython's pickle format for moving them.
 *
 * <p>{@link multiprocessing4j.reduction.ForkingPickler} is the entry point: {@code dumps} writes a
 * protocol-4 pickle that CPython 3.6–3.13 reads back as the same values, {@code loads} reads
 * whatever CPython sends (protocols 0–5). Both are thread-safe and keep no state between calls.
 *
 * <p>The value model (which Java type stands for which Python type):
 * {@code None}=null, {@code bool}=Boolean, {@code int}=Integer/Long/BigInteger by range,
 * {@code float}=Double, {@code str}=String, {@code bytes}={@link multiprocessing4j.reduction.PyBytes},
 * {@code bytearray}=byte[], {@code tuple}={@link multiprocessing4j.reduction.PyTuple},
 * {@code list}=ArrayList, {@code dict}=LinkedHashMap, {@code set}=LinkedHashSet,
 * {@code frozenset}={@link multiprocessing4j.reduction.PyFrozenSet},
 * {@code complex}={@link multiprocessing4j.reduction.PyComplex}, {@code Decimal}=BigDecimal or
 * {@link multiprocessing4j.reduction.PyDecimal}, the {@code datetime} family = {@code java.time},
 * anything else = {@link multiprocessing4j.reduction.PyObject} /
 * {@link multiprocessing4j.reduction.PyGlobal} data that pickles back unchanged.
 *
 * <p>Security: reading a pickle never loads a Java class or runs code named by the data. Only the
 * globals allow-listed in {@link multiprocessing4j.reduction.Reduction} are turned into Java values;
 * lengths are checked against the input before allocation, nesting is bounded, and every failure is
 * an {@link multiprocessing4j.reduction.UnpicklingError}. Unpickle only authenticated data all the same.
 *
 * <p>Extension: the layers above register constructors for their Python globals and reducers for
 * their Java classes with {@link multiprocessing4j.reduction.Reduction}, at start-up.
 */
package multiprocessing4j.reduction;
