package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyTypeError;
import org.junit.jupiter.api.Test;

/** Python's {@code ==} and {@code hash} over the value model, as CPython 3.11 evaluates them. */
class PyEqualityTest {
    @Test
    void numbersOfEveryFormAreEqualWhenTheirValuesAre() {
        List<Object> ones = List.of(1, 1L, true, 1.0, BigInteger.ONE, new BigDecimal("1.00"), new PyComplex(1, 0));
        for (Object a : ones) {
            for (Object b : ones) {
                assertTrue(PyEquality.equal(a, b), a + " == " + b);
                assertEquals(new PyEquality.Key(a), new PyEquality.Key(b), "one dict key: " + a + ", " + b);
            }
        }
        assertFalse(PyEquality.equal(1, "1"));
        assertFalse(PyEquality.equal(0.5, 0));
    }

    @Test
    void dictsCompareByPythonsKeyEquality() {
        assertTrue(PyEquality.equal(Map.of(1, "a", 2.5, List.of(1)), Map.of(1.0, "a", 2.5, List.of(true))));  // {1: 'a', 2.5: [1]} == {1.0: 'a', 2.5: [True]}
        assertTrue(PyEquality.equal(Map.of(true, 1), Map.of(1, 1.0)));
        assertFalse(PyEquality.equal(Map.of(1, "a"), Map.of(1, "b")));
        assertFalse(PyEquality.equal(Map.of(1, "a"), Map.of(2, "a")));
        assertFalse(PyEquality.equal(Map.of(1, "a"), Map.of(1, "a", 2, "b")));
        // None is a value, not a missing key: {1: None} == {1.0: None}, {1: None} != {2: None}
        assertTrue(PyEquality.equal(Collections.singletonMap(1, null), Collections.singletonMap(1.0, null)));
        assertFalse(PyEquality.equal(Collections.singletonMap(1, null), Collections.singletonMap(2, null)));
    }

    @Test
    void unhashableValuesAreTypeErrors() {
        assertEquals("TypeError: unhashable type: 'list'",
                assertThrows(PyTypeError.class, () -> new PyEquality.Key(List.of(1))).getMessage());
        assertEquals("TypeError: unhashable type: 'dict'",
                assertThrows(PyTypeError.class, () -> PyEquality.hash(Map.of())).getMessage());
    }
}
