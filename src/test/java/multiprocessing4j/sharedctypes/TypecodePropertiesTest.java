package multiprocessing4j.sharedctypes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;
import multiprocessing4j.reduction.PyBytes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every typecode's codec: a written value reads back as ctypes would give it back, wrapped to the
 * type's width; and on boundary values the reprs are exactly CPython's ctypes'.
 */
class TypecodePropertiesTest {
    private static final String[] INTEGER_CODES = {"b", "B", "h", "H", "i", "I", "l", "L", "q", "Q"};

    @Provide
    Arbitrary<String> integerCodes() {
        return Arbitraries.of(INTEGER_CODES);
    }

    @Provide
    Arbitrary<BigInteger> integers() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(70).negate(), BigInteger.ONE.shiftLeft(70)),
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.integers().between(-300, 300).map(BigInteger::valueOf));
    }

    /** ctypes' rule, stated independently of the codec: keep the low bits, read them signed or not. */
    private static BigInteger wrapped(Typecode t, BigInteger x) {
        int bits = t.size() * 8;
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits);
        BigInteger low = x.mod(modulus);
        boolean signed = Character.isLowerCase(t.name().charAt(0));
        return signed && low.testBit(bits - 1) ? low.subtract(modulus) : low;
    }

    private static BigInteger asUnsignedAware(Typecode t, Object read) {
        long v = ((Number) read).longValue();
        return (t == Typecode.L || t == Typecode.Q) ? new BigInteger(Long.toUnsignedString(v)) : BigInteger.valueOf(v);
    }

    @Property
    void integersRoundTripWrappedToTheirWidth(@ForAll("integerCodes") String code, @ForAll("integers") BigInteger x) {
        Typecode t = Typecode.of(code);
        ByteBuffer buf = buffer(t.size() + 3);
        Object value = x.bitLength() < 32 ? (Object) x.intValue() : x.bitLength() < 64 ? (Object) x.longValue() : x;
        t.write(buf, 3, value); // an unaligned offset too
        assertEquals(wrapped(t, x), asUnsignedAware(t, t.read(buf, 3)));
        assertEquals(t.ctype() + "(" + wrapped(t, x) + ")", t.repr(t.read(buf, 3)));
    }

    @Property
    void doublesRoundTripExactlyAndFloatsAsJavasFloatCast(@ForAll double x) {
        ByteBuffer buf = buffer(8);
        Typecode.d.write(buf, 0, x);
        assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits((Double) Typecode.d.read(buf, 0)));
        Typecode.f.write(buf, 0, x);
        assertEquals(Float.floatToIntBits((float) x), Float.floatToIntBits((Float) Typecode.f.read(buf, 0)));
    }

    @Property
    void charsAndBoolsAndWideCharsRoundTrip(@ForAll byte b, @ForAll("codePoints") int cp, @ForAll long n) {
        ByteBuffer buf = buffer(4);
        Typecode.c.write(buf, 0, PyBytes.of(b));
        assertEquals(PyBytes.of(b), Typecode.c.read(buf, 0));
        Typecode.c.write(buf, 0, b & 0xff);
        assertEquals(PyBytes.of(b), Typecode.c.read(buf, 0));
        Typecode.BOOL.write(buf, 0, n);
        assertEquals(n != 0, Typecode.BOOL.read(buf, 0));
        String s = new String(Character.toChars(cp));
        Typecode.u.write(buf, 0, s);
        assertEquals(s, Typecode.u.read(buf, 0));
    }

    @Provide
    Arbitrary<Integer> codePoints() {
        return Arbitraries.integers().between(0, 0x10FFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF);
    }

    @Test
    void boundaryValuesReprAsCPythonsCtypes() throws Exception {
        CPython python = CPythons.newest();
        if (python == null) return; // CPythons says loudly when none is found
        List<String> values = List.of("0", "1", "-1", "127", "128", "255", "256", "-129", "32767", "32768", "65535",
                "65536", "2147483647", "2147483648", "4294967295", "4294967296", "-2147483649",
                "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
                "-9223372036854775809", "1180591620717411303424", "-1180591620717411303425");
        List<String> names = new ArrayList<>();
        for (String code : INTEGER_CODES) names.add(Typecode.of(code).ctype());
        names.add("c_bool");
        String script = "import ctypes\n"
                + "for n in " + pyList(names) + ":\n"
                + "    print(' '.join(repr(getattr(ctypes, n)(v)) for v in " + values.toString() + "))\n"
                + "print(' '.join(repr(ctypes.c_float(v)) for v in (0.1, 1e39, -1e39, 3.4028234663852886e38, 1e-46)))\n";
        java.lang.Process p = new ProcessBuilder(python.executable().toString(), "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        String[] lines = out.split("\n");
        for (int k = 0; k < names.size(); k++) {
            Typecode t = Typecode.of(names.get(k));
            List<String> mine = new ArrayList<>();
            for (String v : values) {
                ByteBuffer buf = buffer(8);
                t.write(buf, 0, new BigInteger(v));
                mine.add(t.repr(t.read(buf, 0)));
            }
            assertEquals(lines[k], String.join(" ", mine), names.get(k) + " (" + python + ")");
        }
        List<String> floats = new ArrayList<>();
        for (double v : new double[] {0.1, 1e39, -1e39, 3.4028234663852886e38, 1e-46}) {
            ByteBuffer buf = buffer(4);
            Typecode.f.write(buf, 0, v);
            floats.add(Typecode.f.repr(Typecode.f.read(buf, 0)));
        }
        assertEquals(lines[names.size()], String.join(" ", floats), "c_float (" + python + ")");
    }

    /**
     * Values a ctypes type takes or refuses, each as a Java value of the value model and as the
     * Python expression for it: the same reprs for what is taken, the same TypeError for the rest.
     */
    @Test
    void valuesAreTakenOrRefusedAsCPythonsCtypes() throws Exception {
        CPython python = CPythons.newest();
        if (python == null) return; // CPythons says loudly when none is found
        record Case(String code, Object java, String python) {}
        List<Case> cases = List.of(
                new Case("c", 300, "300"), new Case("c", -1, "-1"), new Case("c", 255, "255"), new Case("c", true, "True"),
                new Case("c", "x", "'x'"), new Case("c", PyBytes.of(new byte[] {'x'}), "b'x'"),
                new Case("c", PyBytes.of(new byte[] {'x', 'y'}), "b'xy'"), new Case("c", new byte[] {'x'}, "bytearray(b'x')"),
                new Case("c", null, "None"), new Case("u", 5, "5"), new Case("u", "ab", "'ab'"), new Case("u", "", "''"),
                new Case("u", "\u00e9", "'\u00e9'"), new Case("u", null, "None"), new Case("i", 1.5, "1.5"),
                new Case("i", "x", "'x'"), new Case("i", null, "None"), new Case("i", true, "True"),
                new Case("i", List.of(1), "[1]"), new Case("d", "x", "'x'"), new Case("d", null, "None"),
                new Case("d", true, "True"), new Case("d", new java.math.BigDecimal("1.5"), "decimal.Decimal('1.5')"),
                new Case("d", new multiprocessing4j.reduction.PyComplex(1, 2), "complex(1, 2)"),
                new Case("B", BigInteger.ONE.shiftLeft(70), "2**70"), new Case("?", null, "None"),
                new Case("?", "", "''"), new Case("?", 0.0, "0.0"), new Case("?", List.of(), "[]"));
        StringBuilder script = new StringBuilder("import ctypes, decimal\n"
                + "def attempt(name, value):\n"
                + "    try:\n"
                + "        return repr(getattr(ctypes, name)(value))\n"
                + "    except TypeError as e:\n"
                + "        return 'TypeError: %s' % e\n");
        for (Case c : cases) {
            script.append("print(attempt('").append(Typecode.of(c.code()).ctype()).append("', ").append(c.python()).append("))\n");
        }
        java.lang.Process p = new ProcessBuilder(python.executable().toString(), "-c", script.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        String[] lines = out.split("\n");
        for (int k = 0; k < cases.size(); k++) {
            Case c = cases.get(k);
            Typecode t = Typecode.of(c.code());
            String mine;
            try {
                ByteBuffer buf = buffer(8);
                t.write(buf, 0, c.java());
                mine = t.repr(t.read(buf, 0));
            } catch (multiprocessing4j.PyTypeError e) {
                mine = e.getMessage();
            }
            assertEquals(lines[k], mine, t.ctype() + "(" + c.python() + ") (" + python + ")");
        }
    }

    private static String pyList(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (String n : names) sb.append('\'').append(n).append("',");
        return sb.append(']').toString();
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }
}
