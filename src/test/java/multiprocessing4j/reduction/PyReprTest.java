package multiprocessing4j.reduction;

import static multiprocessing4j.reduction.PyRepr.repr;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Literal expectations, each checked against CPython 3.11 when written. */
class PyReprTest {

    @Test
    void scalars() {
        assertEquals("None", repr(null));
        assertEquals("True", repr(true));
        assertEquals("False", repr(false));
        assertEquals("-7", repr((byte) -7));
        assertEquals("300", repr((short) 300));
        assertEquals("-2147483648", repr(Integer.MIN_VALUE));
        assertEquals("9223372036854775807", repr(Long.MAX_VALUE));
        assertEquals("-123456789012345678901234567890", repr(new BigInteger("-123456789012345678901234567890")));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "0.1|0.1", "1.0|1.0", "-0.0|-0.0", "0.0|0.0", "1e16|1e+16", "9999999999999998|9999999999999998.0",
        "1e-5|1e-05", "1e-4|0.0001", "0.00012345|0.00012345", "123456789012345.0|123456789012345.0",
        "1.2345678901234567e19|1.2345678901234567e+19", "1e22|1e+22", "1e23|1e+23", "2e23|2e+23",
        "2.82879384806159e17|2.82879384806159e+17", "5e-324|5e-324", "1.7976931348623157e308|1.7976931348623157e+308",
        "2.2250738585072014e-308|2.2250738585072014e-308", "100|100.0", "1.5e300|1.5e+300", "0.3|0.3",
        "Infinity|inf", "-Infinity|-inf", "NaN|nan", "1e15|1000000000000000.0", "123.456|123.456",
        "9007199254740993|9007199254740992.0", "4.35|4.35", "0.1e-3|0.0001", "-1.25e-7|-1.25e-07",
    })
    void floats(String javaLiteral, String expected) {
        assertEquals(expected, repr(Double.parseDouble(javaLiteral)));
    }

    @Test
    void floatsAreWidened() {
        assertEquals("0.10000000149011612", repr(0.1f));
        assertEquals("-inf", repr(Float.NEGATIVE_INFINITY));
    }

    @Test
    void complexNumbers() {
        assertEquals("(1+2j)", repr(new PyComplex(1, 2)));
        assertEquals("2j", repr(new PyComplex(0, 2)));
        assertEquals("0j", repr(new PyComplex(0, 0)));
        assertEquals("-0j", repr(new PyComplex(0, -0.0)));
        assertEquals("(-0+0j)", repr(new PyComplex(-0.0, 0)));
        assertEquals("(-0-1j)", repr(new PyComplex(-0.0, -1)));
        assertEquals("(1.5-0j)", repr(new PyComplex(1.5, -0.0)));
        assertEquals("(nan+infj)", repr(new PyComplex(Double.NaN, Double.POSITIVE_INFINITY)));
        assertEquals("(-inf+nanj)", repr(new PyComplex(Double.NEGATIVE_INFINITY, -Double.NaN)));
        assertEquals("nanj", repr(new PyComplex(0, Double.NaN)));
        assertEquals("(1e+16+1e-05j)", repr(new PyComplex(1e16, 1e-5)));
        assertEquals("(1000000000000000+0.1j)", repr(new PyComplex(1e15, 0.1)));
    }

    @Test
    void strings() {
        assertEquals("''", repr(""));
        assertEquals("'abc'", repr("abc"));
        assertEquals("\"it's\"", repr("it's"));
        assertEquals("'say \"hi\"'", repr("say \"hi\""));
        assertEquals("'it\\'s \"both\"'", repr("it's \"both\""));
        assertEquals("'a\\\\b\\t\\n\\r\\x00\\x1f\\x7f'", repr("a\\b\t\n\r\0\u001f\u007f"));
        assertEquals("'\\x80\\xa0é\\xad'", repr("\u0080\u00a0é\u00ad"));
        assertEquals("'€\\u2028\\u200b\\u3000\\ue000\\ufffe'", repr("€\u2028\u200b\u3000\ue000\ufffe"));
        assertEquals("'😀\\U000e0001\\U0010ffff\\U000f0000'", repr("😀\udb40\udc01\udbff\udfff\udb80\udc00"));
        assertEquals("'\\ud800x\\udfff'", repr("\ud800x\udfff"));
        assertEquals("'\\udc00\\ud800'", repr("\udc00\ud800"));
        assertEquals("'\"'", repr('"'));
        assertEquals("\"'\"", repr('\''));
    }

    @Test
    void printabilityFollowsUnicode14NotTheJdk() {
        // U+1FAE0 MELTING FACE and U+061D ARABIC END OF TEXT MARK are new in Unicode 14.0 (CPython
        // 3.11); U+1FAF7 was assigned in 15.0 (3.12), so 3.11 still escapes it.
        String melting = new String(Character.toChars(0x1FAE0));
        assertEquals("'" + melting + "\u061d'", repr(melting + "\u061d"));
        assertEquals("'\\U0001faf7'", repr(new String(Character.toChars(0x1FAF7))));
    }

    @Test
    void bytesAndBytearrays() {
        assertEquals("b''", repr(PyBytes.of()));
        assertEquals("b'ab\\x00'", repr(PyBytes.of((byte) 'a', (byte) 'b', (byte) 0)));
        assertEquals("b\"'\"", repr(PyBytes.ascii("'")));
        assertEquals("b'\\'\"'", repr(PyBytes.ascii("'\"")));
        assertEquals("b'\\\\\\t\\n\\r\\x1f \\x7f\\x80\\xff~'",
                repr(PyBytes.of((byte) '\\', (byte) 9, (byte) 10, (byte) 13, (byte) 31, (byte) 32, (byte) 127,
                        (byte) 128, (byte) 255, (byte) '~')));
        assertEquals("bytearray(b'')", repr(new byte[0]));
        assertEquals("bytearray(b'hi\\n')", repr(new byte[] {'h', 'i', '\n'}));
        assertEquals("bytearray(b\"\\'\")", repr(new byte[] {'\''}));
        assertEquals("bytearray(b'\\'\"')", repr(new byte[] {'\'', '"'}));
    }

    @Test
    void containers() {
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put(1, "1");
        dict.put("2", 2);
        dict.put(0.25, null);
        assertEquals("{1: '1', '2': 2, 0.25: None}", repr(dict));
        assertEquals("{}", repr(Map.of()));
        assertEquals("[]", repr(List.of()));
        assertEquals("[1, [2.0, 'x'], (None,)]", repr(List.of(1, List.of(2.0, "x"), PyTuple.of((Object) null))));
        assertEquals("()", repr(PyTuple.of()));
        assertEquals("(1,)", repr(PyTuple.of(1)));
        assertEquals("(1, 2)", repr(PyTuple.of(1, 2)));
        assertEquals("set()", repr(new LinkedHashSet<>()));
        assertEquals("{1, 2}", repr(new LinkedHashSet<>(List.of(1, 2))));
        assertEquals("frozenset()", repr(PyFrozenSet.of()));
        assertEquals("frozenset({1, 'a'})", repr(PyFrozenSet.of(1, "a")));
        assertEquals("{frozenset(): [b'x', bytearray(b'y')]}",
                repr(Map.of(PyFrozenSet.of(), List.of(PyBytes.ascii("x"), new byte[] {'y'}))));
    }

    @Test
    void recursiveContainersPrintEllipses() {
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(list);
        assertEquals("[1, [...]]", repr(list));

        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("self", dict);
        dict.put("in list", List.of(dict));
        assertEquals("{'self': {...}, 'in list': [{...}]}", repr(dict));

        List<Object> inTuple = new ArrayList<>();
        inTuple.add(PyTuple.of(inTuple));
        assertEquals("[([...],)]", repr(inTuple));
    }

    @Test
    void aContainerSeenTwiceButNotInsideItselfPrintsInFull() {
        List<Object> shared = List.of(1);
        assertEquals("[[1], [1]]", repr(Arrays.asList(shared, shared)));
    }

    @Test
    void reprablesSupplyTheirOwnAndCyclesThroughThemAreCaught() {
        List<Object> list = new ArrayList<>();
        PyRepr.Reprable wrapper = () -> "Wrapper(" + repr(list) + ")";
        list.add(wrapper);
        assertEquals("[Wrapper([...])]", repr(list));
        assertEquals("Wrapper([Wrapper([...])])", repr(wrapper));
    }

    @Test
    void otherObjectsFallBackToToString() {
        Object other = new Object() {
            @Override
            public String toString() {
                return "<other>";
            }
        };
        assertEquals("[<other>]", repr(List.of(other)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1.00|Decimal('1.00')", "1E+5|Decimal('1E+5')", "100|Decimal('100')", "-0.5|Decimal('-0.5')",
        "0|Decimal('0')", "0E+3|Decimal('0E+3')", "0.000000|Decimal('0.000000')", "0E-7|Decimal('0E-7')",
        "0.000001|Decimal('0.000001')", "1E-7|Decimal('1E-7')", "1.23E-7|Decimal('1.23E-7')",
        "-12.5E+3|Decimal('-1.25E+4')", "123456789012345678901234567890.5|Decimal('123456789012345678901234567890.5')",
        "1E+2147483647|Decimal('1E+2147483647')", "1E-2147483647|Decimal('1E-2147483647')",
    })
    void decimals(String value, String expected) {
        assertEquals(expected, repr(new BigDecimal(value)));
    }

    @Test
    void datesAndTimes() {
        assertEquals("datetime.date(2024, 1, 2)", repr(LocalDate.of(2024, 1, 2)));
        assertEquals("datetime.time(0, 0)", repr(LocalTime.MIDNIGHT));
        assertEquals("datetime.time(12, 30)", repr(LocalTime.of(12, 30)));
        assertEquals("datetime.time(12, 30, 5)", repr(LocalTime.of(12, 30, 5)));
        assertEquals("datetime.time(12, 30, 0, 123)", repr(LocalTime.of(12, 30, 0, 123_999)));
        assertEquals("datetime.time(12, 30, tzinfo=datetime.timezone.utc)", repr(OffsetTime.of(12, 30, 0, 0, ZoneOffset.UTC)));
        assertEquals("datetime.datetime(2024, 1, 2, 0, 0)", repr(LocalDateTime.of(2024, 1, 2, 0, 0)));
        assertEquals("datetime.datetime(2024, 1, 2, 3, 4, 5, 6)", repr(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000)));
        assertEquals("datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)",
                repr(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC)));
        assertEquals("datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))",
                repr(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHours(1))));
        assertEquals("datetime.datetime(2024, 1, 2, 3, 4, 5, "
                        + "tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=82800)))",
                repr(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(-1))));
        assertEquals("datetime.datetime(2024, 7, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))",
                repr(ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"))));
        assertEquals("datetime.datetime(2024, 7, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))",
                repr(ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30))));
    }

    @Test
    void theLaterOfTwoRepeatedTimesHasFold1() {
        ZonedDateTime first = ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Paris"));
        assertEquals("datetime.datetime(2024, 10, 27, 2, 30, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))", repr(first));
        assertEquals("datetime.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))",
                repr(first.withLaterOffsetAtOverlap()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "PT0S|datetime.timedelta(0)", "P1DT5.000007S|datetime.timedelta(days=1, seconds=5, microseconds=7)",
        "PT-1S|datetime.timedelta(days=-1, seconds=86399)", "PT-0.000001S|datetime.timedelta(days=-1, seconds=86399, microseconds=999999)",
        "PT0.0000009S|datetime.timedelta(0)", "P-2D|datetime.timedelta(days=-2)", "PT1H|datetime.timedelta(seconds=3600)",
        "PT0.5S|datetime.timedelta(microseconds=500000)",
    })
    void timedeltas(String duration, String expected) {
        assertEquals(expected, repr(Duration.parse(duration)));
    }
}
