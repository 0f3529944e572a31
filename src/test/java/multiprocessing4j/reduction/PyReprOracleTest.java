package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.PythonPeer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks PyRepr against every CPython found: the test writes each value as a Python
 * expression (literals plus a few constructors, see {@code python-fixtures/repr_oracle.py}),
 * the interpreter prints its repr, and that must equal PyRepr's, character for character.
 *
 * <p>Values are edge cases plus thousands drawn from a fixed seed, so a failure reproduces.
 * Where an interpreter's Unicode database says otherwise than PyRepr's (Unicode 14.0, from
 * CPython 3.11) about a code point being printable, strings avoid that code point; the test
 * prints those code points, and there must be none when the versions are the same. Left out
 * for old interpreters: timedeltas and non-UTC timezones before 3.7 (3.6 wrote
 * {@code datetime.timedelta(-1, 86399)} and knew only whole-minute offsets), {@code zoneinfo}
 * before 3.9.
 */
class PyReprOracleTest {
    private static final long SEED = 0x5eed_2024L;
    private static final String[] ZONES = {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"};

    @ParameterizedTest(name = "{0} prints every value as PyRepr does")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void cpythonPrintsWhatPyReprPrints(CPython python) throws Exception {
        try (PythonPeer peer = PythonPeer.start(python, "repr_oracle.py")) {
            String unicodeVersion = peer.expect("READY", 30).split(" ")[1];
            BitSet differing = printabilityDifferences(peer);
            report(python, unicodeVersion, differing);
            if (unicodeVersion.equals(ReprPrintable.UNICODE_VERSION)) assertEquals(0, differing.cardinality());

            List<Object> values = new Values(new Random(SEED), python, differing).all();
            for (Object v : values) peer.writeLine(source(v));
            List<String> mismatches = new ArrayList<>();
            for (Object v : values) {
                String answer = peer.readLine();
                String expected = "= " + PyRepr.repr(v);
                if (!answer.equals(expected)) mismatches.add(source(v) + "\n  CPython: " + answer + "\n  PyRepr:  " + expected);
            }
            assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())),
                    mismatches.size() + " of " + values.size() + " values differ");
        }
    }

    /** The code points {@code str.isprintable()} in this interpreter answers differently from PyRepr. */
    private static BitSet printabilityDifferences(PythonPeer peer) throws Exception {
        peer.writeLine("PRINTABLE");
        String answer = peer.readLine();
        BitSet printable = new BitSet();
        String[] flips = answer.substring(2).split(" ");
        for (int i = 0; i < flips.length; i += 2) {
            int end = i + 1 < flips.length ? Integer.parseInt(flips[i + 1]) : Character.MAX_CODE_POINT + 1;
            printable.set(Integer.parseInt(flips[i]), end);
        }
        BitSet differing = new BitSet();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (printable.get(cp) != ReprPrintable.isPrintable(cp)) differing.set(cp);
        }
        return differing;
    }

    private static void report(CPython python, String unicodeVersion, BitSet differing) {
        StringBuilder ranges = new StringBuilder();
        int count = 0;
        for (int start = differing.nextSetBit(0); start >= 0 && count < 12; start = differing.nextSetBit(start + 1), count++) {
            int end = differing.nextClearBit(start) - 1;
            ranges.append(String.format(" U+%04X", start)).append(end > start ? String.format("..U+%04X", end) : "");
            start = end;
        }
        System.err.printf("%s (Unicode %s): %d code points printable otherwise than in PyRepr (Unicode %s)%s%s%n",
                python, unicodeVersion, differing.cardinality(), ReprPrintable.UNICODE_VERSION,
                ranges.length() > 0 ? ", e.g." : "", ranges);
    }

    /** The value as a Python expression that repr_oracle.py evaluates; written without PyRepr. */
    static String source(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) return v.toString();
        if (v instanceof Double d) return "float.fromhex('" + hex(d) + "')";
        if (v instanceof String s) {
            StringBuilder out = new StringBuilder("'");
            s.codePoints().forEach(cp -> out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp)));
            return out.append("'").toString();
        }
        if (v instanceof PyBytes b) return bytesSource(b.toByteArray());
        if (v instanceof byte[] b) return "bytearray(" + bytesSource(b) + ")";
        if (v instanceof PyComplex c) return "complex(" + source(c.real()) + ", " + source(c.imag()) + ")";
        if (v instanceof BigDecimal d) return "Decimal('" + d.unscaledValue() + "E" + (-(long) d.scale()) + "')";
        if (v instanceof PyTuple t) return "(" + join(t) + (t.size() == 1 ? ",)" : ")");
        if (v instanceof List<?> l) return "[" + join(l) + "]";
        if (v instanceof PyFrozenSet s) return "frozenset([" + join(s) + "])";
        if (v instanceof Set<?> s) return s.isEmpty() ? "set()" : "{" + join(s) + "}";
        if (v instanceof Map<?, ?> m) {
            List<String> entries = new ArrayList<>();
            m.forEach((k, x) -> entries.add(source(k) + ": " + source(x)));
            return "{" + String.join(", ", entries) + "}";
        }
        if (v instanceof LocalDate d) return "date(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth() + ")";
        if (v instanceof LocalTime t) return "time(" + timeArgs(t) + ")";
        if (v instanceof OffsetTime t) return "time(" + timeArgs(t.toLocalTime()) + ", tzinfo=" + tz(t.getOffset()) + ")";
        if (v instanceof LocalDateTime dt) return "datetime(" + dateTimeArgs(dt) + ")";
        if (v instanceof OffsetDateTime dt) return "datetime(" + dateTimeArgs(dt.toLocalDateTime()) + ", tzinfo=" + tz(dt.getOffset()) + ")";
        if (v instanceof ZonedDateTime dt) {
            boolean later = dt.equals(dt.withLaterOffsetAtOverlap()) && !dt.equals(dt.withEarlierOffsetAtOverlap());
            return "datetime(" + dateTimeArgs(dt.toLocalDateTime()) + ", tzinfo=ZoneInfo('" + dt.getZone().getId() + "')"
                    + (later ? ", fold=1)" : ")");
        }
        if (v instanceof Duration d) return "timedelta(seconds=" + d.getSeconds() + ", microseconds=" + d.getNano() / 1000 + ")";
        throw new IllegalArgumentException("no source for " + v.getClass());
    }

    private static String hex(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        return Double.toHexString(d);
    }

    private static String bytesSource(byte[] data) {
        StringBuilder out = new StringBuilder("b'");
        for (byte b : data) out.append(String.format("\\x%02x", b & 0xff));
        return out.append("'").toString();
    }

    private static String join(Iterable<?> items) {
        List<String> parts = new ArrayList<>();
        for (Object o : items) parts.add(source(o));
        return String.join(", ", parts);
    }

    private static String timeArgs(LocalTime t) {
        return t.getHour() + ", " + t.getMinute() + ", " + t.getSecond() + ", " + t.getNano() / 1000;
    }

    private static String dateTimeArgs(LocalDateTime dt) {
        return dt.getYear() + ", " + dt.getMonthValue() + ", " + dt.getDayOfMonth() + ", " + timeArgs(dt.toLocalTime());
    }

    private static String tz(ZoneOffset offset) {
        return "timezone(timedelta(seconds=" + offset.getTotalSeconds() + "))";
    }

    /** The values sent to one interpreter: edge cases, then random ones of every kind. */
    private static final class Values {
        private final Random rnd;
        private final CPython python;
        private final BitSet avoid;

        Values(Random rnd, CPython python, BitSet avoid) {
            this.rnd = rnd;
            this.python = python;
            this.avoid = avoid;
        }

        List<Object> all() {
            List<Object> values = new ArrayList<>(edgeCases());
            repeat(values, 6000, this::aDouble);
            repeat(values, 300, () -> new PyComplex(aDouble(), aDouble()));
            repeat(values, 2000, this::aString);
            repeat(values, 300, () -> PyBytes.of(someBytes()));
            repeat(values, 100, this::someBytes);
            repeat(values, 500, this::aDecimal);
            repeat(values, 500, this::aTemporal);
            repeat(values, 500, () -> aValue(3));
            return values;
        }

        private List<Object> edgeCases() {
            List<Object> values = new ArrayList<>(List.of(true, false, 0, -1, Long.MIN_VALUE, BigInteger.TEN.pow(40).negate(),
                    "", "'", "\"", "'\"", "\\", "\t\n\r\0\u007f\u0080\u00a0\u00ad\u00ff\u0100", PyBytes.ascii("'\"\\"),
                    new byte[0], PyTuple.of(), PyTuple.of(1), new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashSet<>(),
                    PyFrozenSet.of(), PyFrozenSet.of(PyTuple.of())));
            values.add(null);
            for (int e = -330; e <= 310; e++) {
                double d = Double.parseDouble("1e" + e);
                values.addAll(List.of(d, Math.nextUp(d), Math.nextDown(d), Math.scalb(1.0, e * 1074 / 330)));
            }
            values.addAll(List.of(0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, Double.NaN,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e16 - 2, 0.0001, 0.00009999999999999999));
            for (double re : new double[] {0.0, -0.0, 1, Double.NaN, Double.NEGATIVE_INFINITY}) {
                for (double im : new double[] {0.0, -0.0, 2.5, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e300}) {
                    values.add(new PyComplex(re, im));
                }
            }
            return values;
        }

        private static void repeat(List<Object> values, int n, Supplier<Object> next) {
            for (int i = 0; i < n; i++) values.add(next.get());
        }

        private double aDouble() {
            switch (rnd.nextInt(6)) {
                case 0: return Double.longBitsToDouble(rnd.nextLong());
                case 1: return Double.longBitsToDouble(rnd.nextLong() & 0x800f_ffff_ffff_ffffL); // subnormal
                case 2: return Double.parseDouble(rnd.nextInt(1_000_000) + "e" + (rnd.nextInt(60) - 30));
                case 3: return Math.scalb(1.0, rnd.nextInt(2098) - 1074) * (rnd.nextBoolean() ? 1 : -1);
                case 4: return rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
                default: return (double) rnd.nextLong() / (1L << rnd.nextInt(63));
            }
        }

        private String aString() {
            StringBuilder s = new StringBuilder();
            for (int n = rnd.nextInt(10); n > 0; ) {
                int cp = aCodePoint();
                if (avoid.get(cp)) continue;
                s.appendCodePoint(cp);
                n--;
            }
            return s.toString();
        }

        private int aCodePoint() {
            switch (rnd.nextInt(8)) {
                case 0: return rnd.nextInt(0x80);
                case 1: return "'\"\\\t\n\r".charAt(rnd.nextInt(6));
                case 2: return rnd.nextInt(0x100);
                case 3: return 0xd800 + rnd.nextInt(0x800); // lone surrogate, unless two happen to pair
                case 4: return rnd.nextInt(0x3000);
                case 5: return rnd.nextInt(0x10000);
                case 6: return 0x10000 + rnd.nextInt(0x30000); // the planes in use
                default: return rnd.nextInt(Character.MAX_CODE_POINT + 1);
            }
        }

        private byte[] someBytes() {
            byte[] b = new byte[rnd.nextInt(12)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (rnd.nextInt(4) == 0 ? "'\"\\\t\n\r".charAt(rnd.nextInt(6)) : rnd.nextInt(256));
            return b;
        }

        private BigDecimal aDecimal() {
            BigInteger unscaled = new BigInteger(rnd.nextInt(100), rnd);
            return new BigDecimal(rnd.nextBoolean() ? unscaled : unscaled.negate(), rnd.nextInt(40) - 20);
        }

        private Object aTemporal() {
            LocalDateTime dt = LocalDateTime.of(1 + rnd.nextInt(9999), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                    rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(60),
                    rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1_000_000_000));
            boolean modern = python.atLeast(3, 7);
            ZoneOffset offset = modern && rnd.nextBoolean() ? ZoneOffset.ofTotalSeconds(rnd.nextInt(2 * 64800) - 64800) : ZoneOffset.UTC;
            switch (rnd.nextInt(modern ? 7 : 5)) {
                case 0: return dt.toLocalDate();
                case 1: return dt.toLocalTime();
                case 2: return dt;
                case 3: return OffsetTime.of(dt.toLocalTime(), offset);
                case 4: return OffsetDateTime.of(dt, offset);
                case 5: return Duration.ofSeconds(rnd.nextLong() % 86_400_000_000_000L, rnd.nextInt(1_000_000_000));
                default:
                    if (!python.atLeast(3, 9)) return dt;
                    // Within an hour of a transition, so that clocks set back give fold=1.
                    ZoneId zone = ZoneId.of(ZONES[rnd.nextInt(ZONES.length)]);
                    Instant around = Instant.ofEpochSecond(rnd.nextInt(Integer.MAX_VALUE));
                    ZoneOffsetTransition t = zone.getRules().nextTransition(around);
                    Instant at = t == null ? around : t.getInstant().plusSeconds(rnd.nextInt(7200) - 3600);
                    return ZonedDateTime.ofInstant(at.plusNanos(dt.getNano()), zone);
            }
        }

        /** A hashable value: a key or set member. */
        private Object aLeaf() {
            switch (rnd.nextInt(7)) {
                case 0: return null;
                case 1: return rnd.nextBoolean();
                case 2: return rnd.nextInt(2000) - 1000;
                case 3: return aDouble();
                case 4: return aString();
                case 5: return PyBytes.of(someBytes());
                default: return aDecimal();
            }
        }

        /**
         * A value nested up to {@code depth}. Dict keys are made distinct in Python too (1, 1.0
         * and True are one key there); sets have at most one member, since CPython orders them
         * by hash.
         */
        private Object aValue(int depth) {
            int kind = depth == 0 ? 0 : rnd.nextInt(7);
            int n = rnd.nextInt(4);
            switch (kind) {
                case 0: return aLeaf();
                case 1: {
                    List<Object> l = new ArrayList<>();
                    for (int i = 0; i < n; i++) l.add(aValue(depth - 1));
                    return l;
                }
                case 2: {
                    Object[] items = new Object[n];
                    for (int i = 0; i < n; i++) items[i] = aValue(depth - 1);
                    return PyTuple.of(items);
                }
                case 3: {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        Object key = switch (rnd.nextInt(3)) {
                            case 0 -> i;
                            case 1 -> "k" + i + aString();
                            default -> PyTuple.of(i, aLeaf());
                        };
                        m.put(key, aValue(depth - 1));
                    }
                    return m;
                }
                case 4: return n == 0 ? new LinkedHashSet<>() : new LinkedHashSet<>(List.of(PyTuple.of(aLeaf())));
                case 5: return n == 0 ? PyFrozenSet.of() : PyFrozenSet.of(aLeaf());
                default: return rnd.nextBoolean() ? aTemporal() : new PyComplex(aDouble(), aDouble());
            }
        }
    }
}
