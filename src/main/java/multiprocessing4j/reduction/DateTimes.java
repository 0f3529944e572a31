package multiprocessing4j.reduction;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * The {@code datetime} module's pickled forms and {@code java.time}. CPython reduces
 * {@code date}/{@code time}/{@code datetime} to a packed byte state plus an optional tzinfo
 * ({@code datetime.datetime(b'\x07\xe8...', tzinfo)}), {@code timedelta} to
 * {@code (days, seconds, microseconds)}, {@code timezone} to {@code (timedelta[, name])} and a
 * {@code ZoneInfo} to {@code ZoneInfo._unpickle(key, 1)}. These are written the same way here, so no
 * third-party module (pytz) is needed on the Python side.
 *
 * <p>The byte states: date = year (2 bytes, big-endian), month, day; time = hour, minute, second,
 * microsecond (3 bytes); datetime = date + time. {@code fold=1} sets the top bit of the hour
 * (time) or month (datetime) byte.
 */
final class DateTimes {
    static final PyGlobal DATE = new PyGlobal("datetime", "date");
    static final PyGlobal TIME = new PyGlobal("datetime", "time");
    static final PyGlobal DATETIME = new PyGlobal("datetime", "datetime");
    static final PyGlobal TIMEDELTA = new PyGlobal("datetime", "timedelta");
    static final PyGlobal TIMEZONE = new PyGlobal("datetime", "timezone");
    static final PyGlobal ZONEINFO = new PyGlobal("zoneinfo", "ZoneInfo._unpickle");

    private static final long MAX_TIMEDELTA_DAYS = 999_999_999L;

    private DateTimes() {}

    // ---- Python -> Java --------------------------------------------------------------------

    static Object date(PyGlobal g, PyTuple args) {
        byte[] s = state(args, 4);
        if (s == null || args.size() != 1) return PyObject.reduce(g, args);
        return LocalDate.of(year(s), s[2], s[3]);
    }

    static Object time(PyGlobal g, PyTuple args) {
        byte[] s = state(args, 6);
        if (s == null || args.size() > 2) return PyObject.reduce(g, args);
        LocalTime t = LocalTime.of(s[0] & 0x7f, s[1], s[2], micros(s, 3) * 1000);
        Object tz = args.size() == 2 ? args.get(1) : null;
        if (tz == null) return t;
        if (tz instanceof ZoneOffset off) return OffsetTime.of(t, off);
        return PyObject.reduce(g, args);
    }

    static Object datetime(PyGlobal g, PyTuple args) {
        byte[] s = state(args, 10);
        if (s == null || args.size() > 2) return PyObject.reduce(g, args);
        boolean fold = (s[2] & 0x80) != 0;
        LocalDateTime t = LocalDateTime.of(year(s), s[2] & 0x7f, s[3], s[4], s[5], s[6], micros(s, 7) * 1000);
        Object tz = args.size() == 2 ? args.get(1) : null;
        if (tz == null) return t;
        if (tz instanceof ZoneOffset off) return OffsetDateTime.of(t, off);
        if (tz instanceof ZoneId zone) {
            ZoneOffsetTransition tr = zone.getRules().getTransition(t);
            if (tr != null && tr.isOverlap()) {
                return ZonedDateTime.ofLocal(t, zone, fold ? tr.getOffsetAfter() : tr.getOffsetBefore());
            }
            return ZonedDateTime.ofLocal(t, zone, null);
        }
        return PyObject.reduce(g, args);
    }

    static Object timedelta(PyGlobal g, PyTuple args) {
        if (args.size() != 3 || !(args.get(0) instanceof Integer d) || !(args.get(1) instanceof Integer s)
                || !(args.get(2) instanceof Integer us)) {
            return PyObject.reduce(g, args);
        }
        return Duration.ofDays(d).plusSeconds(s).plusNanos(us * 1000L);
    }

    /** {@code timezone(offset[, name])} → ZoneOffset; the name is dropped (Python ignores it in {@code ==}). */
    static Object timezone(PyGlobal g, PyTuple args) {
        if (args.size() < 1 || args.size() > 2 || !(args.get(0) instanceof Duration d)
                || d.getNano() != 0 || Math.abs(d.getSeconds()) > 18 * 3600) {
            return PyObject.reduce(g, args);
        }
        return ZoneOffset.ofTotalSeconds((int) d.getSeconds());
    }

    /** {@code ZoneInfo._unpickle(key, 1)} → the region ZoneId of that key, if java.time knows it. */
    static Object zoneInfo(PyGlobal g, PyTuple args) {
        if (args.size() != 2 || !(args.get(0) instanceof String key) || !Integer.valueOf(1).equals(args.get(1))) {
            return PyObject.reduce(g, args);
        }
        try {
            ZoneId zone = ZoneId.of(key);
            if (!(zone instanceof ZoneOffset) && zone.getId().equals(key)) return zone;
        } catch (DateTimeException e) {
            // unknown to this JVM's tz database: keep it as data
        }
        return PyObject.reduce(g, args);
    }

    private static byte[] state(PyTuple args, int length) {
        if (args.isEmpty() || !(args.get(0) instanceof PyBytes b) || b.length() != length) return null;
        return b.toByteArray();
    }

    private static int year(byte[] s) {
        return (s[0] & 0xff) << 8 | (s[1] & 0xff);
    }

    private static int micros(byte[] s, int at) {
        return (s[at] & 0xff) << 16 | (s[at + 1] & 0xff) << 8 | (s[at + 2] & 0xff);
    }

    // ---- Java -> Python --------------------------------------------------------------------

    /** The reduce form of a java.time value of the model, or null if {@code o} is not one. */
    static PyObject reduce(Object o) {
        if (o instanceof LocalDateTime t) return PyObject.reduce(DATETIME, PyTuple.of(dateTimeState(t, false)));
        if (o instanceof OffsetDateTime t) {
            return PyObject.reduce(DATETIME, PyTuple.of(dateTimeState(t.toLocalDateTime(), false), t.getOffset()));
        }
        if (o instanceof ZonedDateTime t) return zoned(t);
        if (o instanceof LocalDate d) return PyObject.reduce(DATE, PyTuple.of(PyBytes.adopt(dateState(d, new byte[4]))));
        if (o instanceof LocalTime t) return PyObject.reduce(TIME, PyTuple.of(timeState(t)));
        if (o instanceof OffsetTime t) return PyObject.reduce(TIME, PyTuple.of(timeState(t.toLocalTime()), t.getOffset()));
        if (o instanceof Duration d) return timedelta(d);
        if (o instanceof ZoneOffset z) return PyObject.reduce(TIMEZONE, PyTuple.of(Duration.ofSeconds(z.getTotalSeconds())));
        if (o instanceof ZoneId z) return PyObject.reduce(ZONEINFO, PyTuple.of(z.getId(), 1));
        return null;
    }

    private static PyObject zoned(ZonedDateTime t) {
        if (t.getZone() instanceof ZoneOffset off) {
            return PyObject.reduce(DATETIME, PyTuple.of(dateTimeState(t.toLocalDateTime(), false), off));
        }
        ZoneOffsetTransition tr = t.getZone().getRules().getTransition(t.toLocalDateTime());
        boolean fold = tr != null && tr.isOverlap() && t.getOffset().equals(tr.getOffsetAfter());
        return PyObject.reduce(DATETIME, PyTuple.of(dateTimeState(t.toLocalDateTime(), fold), t.getZone()));
    }

    private static PyObject timedelta(Duration d) {
        if (d.getNano() % 1000 != 0) throw subMicro(d);
        long days = Math.floorDiv(d.getSeconds(), 86400L);
        if (Math.abs(days) > MAX_TIMEDELTA_DAYS) throw new PicklingError("timedelta out of range: " + d);
        return PyObject.reduce(TIMEDELTA, PyTuple.of((int) days, (int) Math.floorMod(d.getSeconds(), 86400L),
                d.getNano() / 1000));
    }

    private static PyBytes dateTimeState(LocalDateTime t, boolean fold) {
        byte[] s = new byte[10];
        dateState(t.toLocalDate(), s);
        if (fold) s[2] |= (byte) 0x80;
        timeBytes(t.toLocalTime(), s, 4);
        return PyBytes.adopt(s);
    }

    private static byte[] dateState(LocalDate d, byte[] s) {
        int y = d.getYear();
        if (y < 1 || y > 9999) throw new PicklingError("year " + y + " is out of Python's range 1..9999: " + d);
        s[0] = (byte) (y >> 8);
        s[1] = (byte) y;
        s[2] = (byte) d.getMonthValue();
        s[3] = (byte) d.getDayOfMonth();
        return s;
    }

    private static PyBytes timeState(LocalTime t) {
        byte[] s = new byte[6];
        timeBytes(t, s, 0);
        return PyBytes.adopt(s);
    }

    private static void timeBytes(LocalTime t, byte[] s, int at) {
        if (t.getNano() % 1000 != 0) throw subMicro(t);
        int us = t.getNano() / 1000;
        s[at] = (byte) t.getHour();
        s[at + 1] = (byte) t.getMinute();
        s[at + 2] = (byte) t.getSecond();
        s[at + 3] = (byte) (us >> 16);
        s[at + 4] = (byte) (us >> 8);
        s[at + 5] = (byte) us;
    }

    private static PicklingError subMicro(Object value) {
        return new PicklingError("Python's datetime resolution is 1 microsecond; " + value
                + " has nanoseconds (truncate it, e.g. truncatedTo(ChronoUnit.MICROS))");
    }
}
