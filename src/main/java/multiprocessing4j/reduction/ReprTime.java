package multiprocessing4j.reduction;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * CPython 3.7+'s repr of the {@code datetime} values: {@code datetime.date(2024, 1, 2)},
 * {@code datetime.timedelta(days=-1, seconds=86399)} and so on. (3.6 wrote timedeltas
 * positionally, {@code datetime.timedelta(-1, 86399)}, also inside timezones.)
 *
 * <p>Python keeps microseconds; nanoseconds below a microsecond are dropped (floored).
 */
final class ReprTime {
    private ReprTime() {}

    static String date(LocalDate d) {
        return "datetime.date(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth() + ")";
    }

    /** Seconds and microseconds are left out from the end while they are zero, as CPython does. */
    static String time(LocalTime t, ZoneOffset offset) {
        StringBuilder s = new StringBuilder("datetime.time(").append(t.getHour()).append(", ").append(t.getMinute());
        secondsAndMicros(s, t);
        if (offset != null) s.append(", tzinfo=").append(timezone(offset));
        return s.append(')').toString();
    }

    static String dateTime(LocalDateTime dt) {
        return dateTime(dt, null, false);
    }

    static String dateTime(OffsetDateTime dt) {
        return dateTime(dt.toLocalDateTime(), timezone(dt.getOffset()), false);
    }

    /**
     * A zone that is a bare offset prints as {@code datetime.timezone}; a region as
     * {@code zoneinfo.ZoneInfo}, with {@code fold=1} when the time is the later of the two an
     * overlap (a clock set back) repeats: Python tells the two apart that way.
     */
    static String dateTime(ZonedDateTime dt) {
        if (dt.getZone() instanceof ZoneOffset offset) return dateTime(dt.toLocalDateTime(), timezone(offset), false);
        ZoneOffsetTransition t = dt.getZone().getRules().getTransition(dt.toLocalDateTime());
        boolean fold = t != null && t.isOverlap() && dt.getOffset().equals(t.getOffsetAfter());
        return dateTime(dt.toLocalDateTime(), "zoneinfo.ZoneInfo(key=" + PyRepr.repr(dt.getZone().getId()) + ")", fold);
    }

    private static String dateTime(LocalDateTime dt, String tzinfo, boolean fold) {
        StringBuilder s = new StringBuilder("datetime.datetime(")
                .append(dt.getYear()).append(", ").append(dt.getMonthValue()).append(", ").append(dt.getDayOfMonth())
                .append(", ").append(dt.getHour()).append(", ").append(dt.getMinute());
        secondsAndMicros(s, dt.toLocalTime());
        if (fold) s.append(", fold=1"); // before tzinfo, as CPython's C datetime (not its datetime.py) writes it
        if (tzinfo != null) s.append(", tzinfo=").append(tzinfo);
        return s.append(')').toString();
    }

    static String time(OffsetTime t) {
        return time(t.toLocalTime(), t.getOffset());
    }

    private static void secondsAndMicros(StringBuilder s, LocalTime t) {
        int micros = t.getNano() / 1000;
        if (micros != 0) s.append(", ").append(t.getSecond()).append(", ").append(micros);
        else if (t.getSecond() != 0) s.append(", ").append(t.getSecond());
    }

    /** Normalised as Python's timedelta: whole days (may be negative), then 0 ≤ seconds < 86400, 0 ≤ microseconds. */
    static String timedelta(Duration d) {
        long days = Math.floorDiv(d.getSeconds(), 86400);
        long seconds = Math.floorMod(d.getSeconds(), 86400);
        int micros = d.getNano() / 1000;
        StringBuilder s = new StringBuilder("datetime.timedelta(");
        String sep = "";
        if (days != 0) { s.append("days=").append(days); sep = ", "; }
        if (seconds != 0) { s.append(sep).append("seconds=").append(seconds); sep = ", "; }
        if (micros != 0) s.append(sep).append("microseconds=").append(micros);
        if (days == 0 && seconds == 0 && micros == 0) s.append('0');
        return s.append(')').toString();
    }

    /** {@code datetime.timezone(timedelta(0))} is {@code datetime.timezone.utc} in CPython. */
    private static String timezone(ZoneOffset offset) {
        if (offset.getTotalSeconds() == 0) return "datetime.timezone.utc";
        return "datetime.timezone(" + timedelta(Duration.ofSeconds(offset.getTotalSeconds())) + ")";
    }
}
