package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PickleWriterTest {

    @Test
    void writesProtocolFourWithRealBytes() {
        byte[] p = ForkingPickler.dumps(PyBytes.of((byte) 7));
        assertArrayEquals(new byte[] {(byte) 0x80, 4, 'C', 1, 7, '.'}, p);
    }

    @Test
    void numbersAreNormalisedOnTheWayBack() {
        assertEquals(5, Pickles.roundTrip((byte) 5));
        assertEquals(-300, Pickles.roundTrip((short) -300));
        assertEquals(7, Pickles.roundTrip(7L));
        assertEquals(7, Pickles.roundTrip(BigInteger.valueOf(7)));
        assertEquals(Long.MIN_VALUE, Pickles.roundTrip(Long.MIN_VALUE));
        assertEquals(BigInteger.TWO.pow(2000).negate(), Pickles.roundTrip(BigInteger.TWO.pow(2000).negate()));
        assertEquals((double) 0.1f, Pickles.roundTrip(0.1f));
        assertEquals("x", Pickles.roundTrip('x'));
    }

    @Test
    void theMemoIsByIdentity() {
        List<Object> a = new ArrayList<>(List.of(1));
        List<Object> b = new ArrayList<>(List.of(1));
        List<?> back = (List<?>) Pickles.roundTrip(List.of(a, b, a));
        assertEquals(back.get(0), back.get(1));
        assertNotSame(back.get(0), back.get(1), "equal but distinct lists stay distinct");
        assertSame(back.get(0), back.get(2), "one list referenced twice stays one");
    }

    @Test
    void theJdksSharedEmptyCollectionsAreNotOneObjectInPython() {
        List<?> back = (List<?>) Pickles.roundTrip(List.of(List.of(), List.of(), Map.of(), Map.of(),
                java.util.Collections.emptySet(), java.util.Collections.emptySet()));
        assertNotSame(back.get(0), back.get(1));
        assertNotSame(back.get(2), back.get(3));
        assertNotSame(back.get(4), back.get(5));
    }

    @Test
    void selfReferencesSurvive() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        List<?> back = (List<?>) Pickles.roundTrip(self);
        assertSame(back, back.get(0));

        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("me", dict);
        Map<?, ?> dictBack = (Map<?, ?>) Pickles.roundTrip(dict);
        assertSame(dictBack, dictBack.get("me"));

        List<Object> inner = new ArrayList<>();
        PyTuple tuple = PyTuple.of(inner);
        inner.add(tuple);
        PyTuple tupleBack = (PyTuple) Pickles.roundTrip(tuple);
        assertSame(tupleBack, ((List<?>) tupleBack.get(0)).get(0), "a tuple reached again through a list");
    }

    @Test
    void convenienceMappings() {
        assertEquals(PyTuple.of(1, "a"), Pickles.roundTrip(new Object[] {1, "a"}));
        assertEquals(List.of("b", "a"), new ArrayList<>(((Map<?, ?>) Pickles.roundTrip(new TreeMap<>(Map.of("b", 1, "a", 2))
                .descendingMap())).keySet()), "a Map is written in its iteration order");
        assertInstanceOf(byte[].class, Pickles.roundTrip(new byte[] {1}));
        assertInstanceOf(PyFrozenSet.class, Pickles.roundTrip(PyFrozenSet.of(1, 2)));
    }

    @Test
    void loneSurrogatesAreKept() {
        assertEquals("a\udc80b\ud800", Pickles.roundTrip("a\udc80b\ud800"));
    }

    @Test
    void javaTimeRoundTripsExactly() {
        LocalDateTime t = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000);
        assertEquals(t, Pickles.roundTrip(t));
        ZoneId ny = ZoneId.of("America/New_York");
        ZonedDateTime first = ZonedDateTime.of(LocalDateTime.of(2024, 11, 3, 1, 30), ny).withEarlierOffsetAtOverlap();
        ZonedDateTime second = first.withLaterOffsetAtOverlap();
        assertEquals(first, Pickles.roundTrip(first));
        assertEquals(second, Pickles.roundTrip(second), "fold=1 keeps the later offset");
        assertEquals(Duration.ofSeconds(-1, 1000), Pickles.roundTrip(Duration.ofSeconds(-1, 1000)));
    }

    @Test
    void whatPythonCannotHoldIsRefused() {
        assertThrows(PicklingError.class, () -> ForkingPickler.dumps(LocalTime.of(1, 2, 3, 1)), "nanoseconds");
        assertThrows(PicklingError.class, () -> ForkingPickler.dumps(LocalDate.of(0, 1, 1)), "year 0");
        assertThrows(PicklingError.class, () -> ForkingPickler.dumps(Duration.ofDays(1_000_000_000L)));
    }

    record Point(int x, int y) {}

    record SerializablePoint(int x, int y) implements Serializable {}

    enum Color { RED }

    @Test
    void unknownJavaObjectsAreErrorsNotDicts() {
        PicklingError e = assertThrows(PicklingError.class, () -> ForkingPickler.dumps(List.of(new Point(1, 2))));
        assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
        assertThrows(PicklingError.class, () -> ForkingPickler.dumps(Optional.of(1)));
    }

    @Test
    void serializableObjectsTravelInTheJavaOnlyEnvelope() {
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter("multiprocessing4j.**;java.base/*;!*");
        JavaObjectEnvelope rec = (JavaObjectEnvelope) Pickles.roundTrip(new SerializablePoint(1, 2));
        assertEquals(new SerializablePoint(1, 2), rec.deserialize(filter));
        JavaObjectEnvelope en = (JavaObjectEnvelope) Pickles.roundTrip(Color.RED);
        assertSame(Color.RED, en.deserialize(filter));
        assertThrows(UnpicklingError.class, () -> rec.deserialize(ObjectInputFilter.Config.createFilter("!*")));
        assertEquals(rec, Pickles.roundTrip(rec), "an envelope re-pickles as itself");
    }

    @Test
    void tooDeepIsAPicklingError() {
        List<Object> deep = new ArrayList<>();
        for (int i = 0; i < PickleReader.MAX_DEPTH + 5; i++) deep = new ArrayList<>(List.of(deep));
        List<Object> input = deep;
        assertThrows(PicklingError.class, () -> ForkingPickler.dumps(input));
    }

    @Test
    void pyObjectsRePickleAsTheyCame() {
        PyObject o = PyObject.newObj(new PyGlobal("__main__", "P"), PyTuple.of(1));
        o.listItems().add("item");
        o.dictItems().put("k", "v");
        o.setState(Map.of("x", 1));
        PyObject back = (PyObject) Pickles.roundTrip(o);
        assertEquals(o, back);
        PyObject kw = PyObject.newObjEx(new PyGlobal("m", "C"), PyTuple.of(), Map.of("a", 1));
        assertEquals(kw, Pickles.roundTrip(kw));
    }
}
