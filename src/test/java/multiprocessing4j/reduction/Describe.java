package multiprocessing4j.reduction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A canonical, type-revealing description of a value of the model, identical to
 * {@code desc()} in {@code python-fixtures/pickle_echo.py}: both sides describe what they hold and
 * the interop test compares the texts (set members sorted, dict order kept).
 */
final class Describe {
    private static final HexFormat HEX = HexFormat.of();

    private Describe() {}

    static String of(Object x) {
        if (x == null) return "None";
        if (x instanceof Boolean b) return b ? "bool(True)" : "bool(False)";
        if (x instanceof Integer || x instanceof Long || x instanceof BigInteger) return "int(" + x + ")";
        if (x instanceof Double d) return "float(" + bits(d) + ")";
        if (x instanceof String s) return "str(" + HEX.formatHex(Utf8.encode(s)) + ")";
        if (x instanceof PyBytes b) return "bytes(" + HEX.formatHex(b.toByteArray()) + ")";
        if (x instanceof byte[] b) return "bytearray(" + HEX.formatHex(b) + ")";
        if (x instanceof PyComplex c) return "complex(" + bits(c.real()) + "," + bits(c.imag()) + ")";
        if (x instanceof BigDecimal d) return "Decimal(" + d + ")";
        if (x instanceof PyDecimal d) return "Decimal(" + d.text() + ")";
        if (x instanceof PyTuple t) return "tuple(" + join(t) + ")";
        if (x instanceof List<?> l) return "list(" + join(l) + ")";
        if (x instanceof Map<?, ?> m) {
            return "dict(" + m.entrySet().stream().map(e -> of(e.getKey()) + ":" + of(e.getValue()))
                    .collect(Collectors.joining(",")) + ")";
        }
        if (x instanceof PyFrozenSet s) return "frozenset(" + sorted(s) + ")";
        if (x instanceof Set<?> s) return "set(" + sorted(s) + ")";
        if (x instanceof LocalDate d) return "date(" + d + ")";
        if (x instanceof LocalTime t) return time("time", time(t), null);
        if (x instanceof OffsetTime t) return time("time", time(t.toLocalTime()), t.getOffset());
        if (x instanceof LocalDateTime t) return time("datetime", dateTime(t), null);
        if (x instanceof OffsetDateTime t) return time("datetime", dateTime(t.toLocalDateTime()), t.getOffset());
        if (x instanceof ZonedDateTime t) {
            var tr = t.getZone().getRules().getTransition(t.toLocalDateTime());
            int fold = tr != null && tr.isOverlap() && t.getOffset().equals(tr.getOffsetAfter()) ? 1 : 0;
            return "datetime(" + dateTime(t.toLocalDateTime()) + ",fold=" + fold + ",tz=" + tz(t.getZone()) + ")";
        }
        if (x instanceof Duration d) {
            long days = Math.floorDiv(d.getSeconds(), 86400);
            return "timedelta(" + days + "," + Math.floorMod(d.getSeconds(), 86400) + "," + d.getNano() / 1000 + ")";
        }
        if (x instanceof ZoneOffset z) return "timezone(" + tz(z) + ")";
        return "other(" + x.getClass().getName() + ")";
    }

    private static String bits(double d) {
        return String.format("%016x", Double.doubleToRawLongBits(d));
    }

    private static String join(Iterable<?> items) {
        return StreamSupport.stream(items.spliterator(), false).map(Describe::of).collect(Collectors.joining(","));
    }

    private static String sorted(Set<?> s) {
        return s.stream().map(Describe::of).sorted().collect(Collectors.joining(","));
    }

    private static String time(String kind, String text, ZoneId zone) {
        return kind + "(" + text + ",fold=0,tz=" + tz(zone) + ")";
    }

    private static String tz(ZoneId zone) {
        if (zone == null) return "None";
        if (zone instanceof ZoneOffset o) return "offset" + o.getTotalSeconds();
        return "zone:" + zone.getId();
    }

    private static String time(LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        return t.getNano() == 0 ? s : s + String.format(".%06d", t.getNano() / 1000);
    }

    private static String dateTime(LocalDateTime t) {
        return t.toLocalDate() + "T" + time(t.toLocalTime());
    }
}
