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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random nested values of the Python value model, for the property tests and for the corpus Java
 * sends to CPython. Dict keys and set members are drawn from types whose equality agrees between
 * Java and Python (str, int, bytes, tuples of those): Python merges {@code 1}, {@code 1.0} and
 * {@code True} as keys, Java does not.
 */
final class ValueGen {
    private static final String[] ZONES = {"Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"};
    private static final String[] DECIMAL_SPECIALS = {"NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "-0", "-0.00", "-0E+3"};

    private final Random random;
    private final boolean zoneInfo;

    /** {@code zoneInfo}: whether ZonedDateTime values may appear (the peer has Python 3.9+). */
    ValueGen(Random random, boolean zoneInfo) {
        this.random = random;
        this.zoneInfo = zoneInfo;
    }

    Object value(int depth) {
        if (depth <= 0 || random.nextInt(3) > 0) return scalar();
        int size = random.nextInt(random.nextInt(10) == 0 ? 30 : 5);
        switch (random.nextInt(5)) {
            case 0: {
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < size; i++) l.add(value(depth - 1));
                return l;
            }
            case 1: {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) m.put(key(2), value(depth - 1));
                return m;
            }
            case 2: {
                Object[] items = new Object[size];
                for (int i = 0; i < size; i++) items[i] = value(depth - 1);
                return PyTuple.of(items);
            }
            case 3: {
                Set<Object> s = new LinkedHashSet<>();
                for (int i = 0; i < size; i++) s.add(key(2));
                return s;
            }
            default: {
                List<Object> members = new ArrayList<>();
                for (int i = 0; i < size; i++) members.add(key(2));
                return PyFrozenSet.copyOf(members);
            }
        }
    }

    /** A hashable value whose Python equality matches Java's. */
    Object key(int depth) {
        switch (random.nextInt(depth > 0 ? 4 : 3)) {
            case 0: return string();
            case 1: return integer();
            case 2: return PyBytes.of(bytes());
            default: {
                Object[] items = new Object[random.nextInt(4)];
                for (int i = 0; i < items.length; i++) items[i] = key(depth - 1);
                return PyTuple.of(items);
            }
        }
    }

    Object scalar() {
        switch (random.nextInt(16)) {
            case 0: return null;
            case 1: return random.nextBoolean();
            case 2: case 3: return integer();
            case 4: return floating();
            case 5: case 6: return string();
            case 7: return PyBytes.of(bytes());
            case 8: return bytes();
            case 9: return new PyComplex(floating(), floating());
            case 10: return decimal();
            case 11: return date();
            case 12: return random.nextBoolean() ? time() : OffsetTime.of(time(), offset());
            case 13: return dateTime();
            case 14: return Duration.ofSeconds(random.nextLong() % 8_640_000_000_000L, random.nextInt(1_000_000) * 1000L);
            default: return offset();
        }
    }

    private Object integer() {
        switch (random.nextInt(4)) {
            case 0: return random.nextInt(300) - 50;
            case 1: return random.nextInt();
            case 2: return PyInts.of(random.nextLong());
            default: return PyInts.of(new BigInteger(1 + random.nextInt(300), random).subtract(BigInteger.ONE.shiftLeft(100)));
        }
    }

    private double floating() {
        switch (random.nextInt(6)) {
            case 0: return Double.NaN;
            case 1: return random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2: return -0.0;
            case 3: return Double.longBitsToDouble(random.nextLong());
            default: return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        }
    }

    private String string() {
        int n = random.nextInt(random.nextInt(20) == 0 ? 400 : 12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(8)) {
                case 0: sb.appendCodePoint(0x80 + random.nextInt(0x780)); break;
                case 1: sb.appendCodePoint(0x800 + random.nextInt(0xd000)); break;
                case 2: sb.appendCodePoint(0x10000 + random.nextInt(0xfffff)); break;
                case 3: sb.append(random.nextBoolean() ? '\ud800' : '\udfff').append('x'); break;
                default: sb.append((char) random.nextInt(0x80));
            }
        }
        return sb.toString();
    }

    private byte[] bytes() {
        byte[] b = new byte[random.nextInt(random.nextInt(20) == 0 ? 3000 : 10)];
        random.nextBytes(b);
        return b;
    }

    private Object decimal() {
        if (random.nextInt(4) == 0) return PyDecimal.of(DECIMAL_SPECIALS[random.nextInt(DECIMAL_SPECIALS.length)]);
        return new BigDecimal(new BigInteger(1 + random.nextInt(120), random).subtract(BigInteger.TEN.pow(10)),
                random.nextInt(60) - 30);
    }

    private LocalDate date() {
        return LocalDate.ofEpochDay(random.nextInt(3_652_059) - 719_162); // 0001-01-01 .. 9999-12-31
    }

    private LocalTime time() {
        return LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000L) * 1000);
    }

    private ZoneOffset offset() {
        return ZoneOffset.ofTotalSeconds((random.nextInt(2 * 18 * 60 + 1) - 18 * 60) * 60);
    }

    private Object dateTime() {
        LocalDateTime t = LocalDateTime.of(date(), time());
        switch (random.nextInt(zoneInfo ? 3 : 2)) {
            case 0: return t;
            case 1: return OffsetDateTime.of(t, offset());
            default: {
                ZoneId zone = ZoneId.of(ZONES[random.nextInt(ZONES.length)]);
                LocalDateTime recent = t.withYear(1970 + random.nextInt(60));
                return random.nextBoolean() ? ZonedDateTime.of(recent, zone)
                        : ZonedDateTime.of(recent, zone).withLaterOffsetAtOverlap();
            }
        }
    }
}
