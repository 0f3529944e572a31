package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Python's {@code bool(x)} and {@code type(x).__name__} over the value model. */
class PyTypesTest {
    @Test
    void truthIsPythonsForEveryFormOfTheValueModel() {
        List<Object> falsy = new ArrayList<>(List.of(false, 0, 0L, (short) 0, (byte) 0, BigInteger.ZERO, 0.0, -0.0, 0.0f,
                new BigDecimal("0.000"), new PyComplex(0, 0), "", PyBytes.of(new byte[0]), new byte[0], PyTuple.of(),
                List.of(), Set.of(), PyFrozenSet.of(), Map.of()));
        falsy.add(null);
        for (Object v : falsy) assertEquals(false, PyTypes.truth(v), PyRepr.repr(v));
        List<Object> truthy = List.of(true, 1, -1L, BigInteger.ONE.shiftLeft(80), 0.5, Double.NaN, new BigDecimal("1E-400"),
                new PyComplex(0, 1), " ", PyBytes.of(new byte[1]), new byte[1], PyTuple.of((Object) null),
                List.of(0), Map.of(0, 0), new Object());
        for (Object v : truthy) assertEquals(true, PyTypes.truth(v), String.valueOf(v));
    }

    @Test
    void namesArePythons() {
        assertEquals("NoneType", PyTypes.name(null));
        assertEquals("bool", PyTypes.name(true));
        assertEquals("int", PyTypes.name(BigInteger.TEN));
        assertEquals("float", PyTypes.name(1.5f));
        assertEquals("bytearray", PyTypes.name(new byte[0]));
        assertEquals("frozenset", PyTypes.name(PyFrozenSet.of()));
        assertEquals("set", PyTypes.name(Set.of()));
    }
}
