package multiprocessing4j.reduction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * CPython's {@code repr()} of the values of the Python value model ({@code value-model.md}),
 * character for character as CPython 3.11 prints it, e.g. {@code {1: '1', '2': 2, 0.25: None}}.
 *
 * <ul>
 *   <li>{@code null} → {@code None}; {@code Boolean} → {@code True}/{@code False}; Byte, Short,
 *       Integer, Long, BigInteger → decimal.
 *   <li>Double (and Float, widened) → the shortest digits that read back as the same double:
 *       {@code 0.1}, {@code 1.0}, {@code 1e+16}, {@code 1e-05}, {@code -0.0}, {@code inf}, {@code nan}.
 *   <li>String, Character → quoted and escaped as CPython does; which characters are printable
 *       (left as they are) follows CPython 3.11's Unicode 14.0.0 database whatever the JDK's.
 *   <li>PyBytes → {@code b'..'}; {@code byte[]} → {@code bytearray(b'..')}.
 *   <li>PyTuple, List, Map (its iteration order), Set ({@code set()} when empty), PyFrozenSet;
 *       a container met again inside itself prints as {@code (...)}, {@code [...]},
 *       {@code {...}}, {@code set(...)} or {@code frozenset(...)}.
 *   <li>PyComplex → {@code (1+2j)}, {@code 2j}, {@code (-0-1j)}.
 *   <li>BigDecimal → {@code Decimal('1.00')}, {@code Decimal('1E+5')}.
 *   <li>LocalDate, LocalTime, OffsetTime, LocalDateTime, OffsetDateTime, ZonedDateTime,
 *       Duration → {@code datetime.date(2024, 1, 2)} etc. in the 3.7+ form, with
 *       {@code datetime.timezone(...)} or {@code zoneinfo.ZoneInfo(key=...)} as tzinfo.
 *   <li>a {@link Reprable} → its {@link Reprable#pyRepr()}; any other object → its
 *       {@code toString()}.
 * </ul>
 *
 * <p>Other CPythons print the same (PyReprOracleTest checks 3.6–3.13) except: strings with
 * characters their Unicode database classes otherwise (3.9/3.10 have Unicode 13.0, 3.12 15.0,
 * 3.13 15.1; see {@link ReprPrintable}), and 3.6's positional timedeltas. Nanoseconds below a
 * microsecond, which Python cannot hold, are dropped.
 *
 * <p>Thread-safe. Cycles are detected per thread by identity, as CPython's
 * {@code Py_ReprEnter} does, also across {@link Reprable}s that call {@link #repr} for their parts.
 */
public final class PyRepr {
    /** A value that knows its Python repr (types beyond the core of the value model, proxies). */
    public interface Reprable {
        /** The repr; parts are best printed with {@link PyRepr#repr}, which catches cycles. */
        String pyRepr();
    }

    private static final ThreadLocal<Set<Object>> IN_PROGRESS =
            ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

    private PyRepr() {}

    public static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object v) {
        if (v instanceof Reprable r) out.append(r.pyRepr());
        else if (v == null) out.append("None");
        else if (v instanceof Boolean b) out.append(b ? "True" : "False");
        else if (v instanceof Integer || v instanceof Long || v instanceof BigInteger
                || v instanceof Short || v instanceof Byte) out.append(v);
        else if (v instanceof Double d) out.append(ReprFloat.repr(d));
        else if (v instanceof Float f) out.append(ReprFloat.repr(f));
        else if (v instanceof String s) str(out, s);
        else if (v instanceof Character c) str(out, c.toString());
        else if (v instanceof PyBytes b) bytes(out, b.array(), b.offset(), b.length(), false);
        else if (v instanceof byte[] b) bytes(out.append("bytearray("), b, 0, b.length, true).append(')');
        else if (v instanceof PyComplex c) out.append(ReprFloat.complex(c.real(), c.imag()));
        else if (v instanceof BigDecimal d) decimal(out, d);
        else if (v instanceof PyTuple t) items(out, t, t, "(", t.size() == 1 ? ",)" : ")", "(...)", PyRepr::append);
        else if (v instanceof List<?> l) items(out, l, l, "[", "]", "[...]", PyRepr::append);
        else if (v instanceof Map<?, ?> m) entries(out, m);
        else if (v instanceof PyFrozenSet s) set(out, s, "frozenset");
        else if (v instanceof Set<?> s) set(out, s, "set");
        else if (v instanceof LocalDate d) out.append(ReprTime.date(d));
        else if (v instanceof LocalTime t) out.append(ReprTime.time(t, null));
        else if (v instanceof OffsetTime t) out.append(ReprTime.time(t));
        else if (v instanceof LocalDateTime dt) out.append(ReprTime.dateTime(dt));
        else if (v instanceof OffsetDateTime dt) out.append(ReprTime.dateTime(dt));
        else if (v instanceof ZonedDateTime dt) out.append(ReprTime.dateTime(dt));
        else if (v instanceof Duration d) out.append(ReprTime.timedelta(d));
        else out.append(v);
    }

    /** A set is {@code {1, 2}} but {@code set()} when empty; a frozenset {@code frozenset({1, 2})}. */
    private static void set(StringBuilder out, Set<?> s, String type) {
        boolean named = s instanceof PyFrozenSet;
        if (s.isEmpty()) out.append(type).append("()");
        else items(out, s, s, named ? type + "({" : "{", named ? "})" : "}", type + "(...)", PyRepr::append);
    }

    private static void entries(StringBuilder out, Map<?, ?> map) {
        items(out, map, map.entrySet(), "{", "}", "{...}", (o, entry) -> {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
            append(o, e.getKey());
            append(o.append(": "), e.getValue());
        });
    }

    /** {@code open item, item close}, or {@code recursive} when the container is already being printed. */
    private static void items(StringBuilder out, Object container, Iterable<?> items, String open, String close,
            String recursive, BiConsumer<StringBuilder, Object> each) {
        Set<Object> active = IN_PROGRESS.get();
        if (!active.add(container)) {
            out.append(recursive);
            return;
        }
        try {
            out.append(open);
            String sep = "";
            for (Object item : items) {
                each.accept(out.append(sep), item);
                sep = ", ";
            }
            out.append(close);
        } finally {
            active.remove(container);
        }
    }

    /**
     * Single quotes unless the text has a single quote and no double one. Kept: printable
     * characters; escaped: the quote, backslash, \t \n \r, other controls and Latin-1
     * non-printables as \xNN, the rest as \\uNNNN or \\UNNNNNNNN (lone surrogates included).
     */
    private static void str(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') out.append('\\').append((char) c);
            else if (c == '\t') out.append("\\t");
            else if (c == '\n') out.append("\\n");
            else if (c == '\r') out.append("\\r");
            else if (c < ' ' || c == 0x7f) hex(out, "\\x", c, 2);
            else if (c < 0x7f || ReprPrintable.isPrintable(c)) out.appendCodePoint(c);
            else if (c <= 0xff) hex(out, "\\x", c, 2);
            else if (c <= 0xffff) hex(out, "\\u", c, 4);
            else hex(out, "\\U", c, 8);
        }
        out.append(quote);
    }

    /**
     * As {@code str}, but every byte outside printable ASCII is \xNN. CPython's bytearray
     * escapes a single quote even inside double quotes: {@code bytearray(b"\'")}, but {@code b"'"}.
     */
    private static StringBuilder bytes(StringBuilder out, byte[] data, int offset, int length, boolean bytearray) {
        boolean single = false;
        boolean dbl = false;
        for (int i = offset; i < offset + length; i++) {
            single |= data[i] == '\'';
            dbl |= data[i] == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        out.append("b").append(quote);
        for (int i = offset; i < offset + length; i++) {
            int c = data[i] & 0xff;
            if (c == '\\' || c == (bytearray ? '\'' : quote)) out.append('\\').append((char) c);
            else if (c == '\t') out.append("\\t");
            else if (c == '\n') out.append("\\n");
            else if (c == '\r') out.append("\\r");
            else if (c < ' ' || c >= 0x7f) hex(out, "\\x", c, 2);
            else out.append((char) c);
        }
        return out.append(quote);
    }

    private static void hex(StringBuilder out, String prefix, int c, int width) {
        String digits = Integer.toHexString(c);
        out.append(prefix).append("0".repeat(width - digits.length())).append(digits);
    }

    /**
     * CPython's {@code str(Decimal)} (the General Decimal Arithmetic to-scientific-string):
     * plain when the exponent is ≤ 0 and the adjusted exponent ≥ -6, else one digit before the
     * point and {@code E±n}.
     */
    private static void decimal(StringBuilder out, BigDecimal d) {
        String digits = d.unscaledValue().abs().toString();
        long exp = -(long) d.scale();
        long leftDigits = exp + digits.length();
        long dotPlace = exp <= 0 && leftDigits > -6 ? leftDigits : 1;
        out.append("Decimal('");
        if (d.signum() < 0) out.append('-');
        if (dotPlace <= 0) out.append("0.").append("0".repeat((int) -dotPlace)).append(digits);
        else if (dotPlace >= digits.length()) out.append(digits);
        else out.append(digits, 0, (int) dotPlace).append('.').append(digits, (int) dotPlace, digits.length());
        if (leftDigits != dotPlace) out.append('E').append(leftDigits > dotPlace ? "+" : "").append(leftDigits - dotPlace);
        out.append("')");
    }
}
