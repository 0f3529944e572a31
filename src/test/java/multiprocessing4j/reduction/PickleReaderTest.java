package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The reader opcode family by family, on hand-made pickles (CPython's real output is covered by the interop test). */
class PickleReaderTest {
    private static final int PROTO = 0x80, STOP = '.', MARK = '(';

    @Nested
    class Ints {
        @Test
        void binaryIntsAreIntegers() {
            assertEquals(7, Pickles.load('K', 7, STOP));
            assertEquals(0xbeef, Pickles.load('M', 0xef, 0xbe, STOP));
            assertEquals(-2, Pickles.load('J', 0xfe, 0xff, 0xff, 0xff, STOP));
        }

        @Test
        void long1IsNormalisedByRange() {
            assertEquals(5, Pickles.load(0x8a, 1, 5, STOP));
            assertEquals(1L << 31, Pickles.load(0x8a, 5, 0, 0, 0, 0x80, 0, STOP));
            assertEquals(BigInteger.ONE.shiftLeft(63), Pickles.load(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, STOP));
            assertEquals(-1, Pickles.load(0x8a, 1, 0xff, STOP));
            assertEquals(0, Pickles.load(0x8a, 0, STOP));
            assertEquals(-1, Pickles.load(0x8b, 9, 0, 0, 0, "\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff", STOP),
                    "a non-minimal LONG4 is still normalised");
        }

        @Test
        void textFormsOfProtocolZero() {
            assertEquals(Boolean.TRUE, Pickles.load("I01\n", STOP));
            assertEquals(Boolean.FALSE, Pickles.load("I00\n", STOP));
            assertEquals(-12, Pickles.load("I-12\n", STOP));
            assertEquals(1L << 40, Pickles.load("I1099511627776\n", STOP));
            assertEquals(new BigInteger("123456789012345678901234567890"),
                    Pickles.load("L123456789012345678901234567890L\n", STOP));
            assertEquals(3, Pickles.load("L3L\n", STOP), "a small LONG is an Integer");
        }

        @Test
        void hugeTextIntegersAreRefused() {
            UnpicklingError e = assertThrows(UnpicklingError.class, () -> Pickles.load("L" + "9".repeat(5000) + "L\n", STOP));
            assertTrue(e.getMessage().contains("4300"), e.getMessage());
        }
    }

    @Test
    void floats() {
        assertEquals(-0.0, Pickles.load('G', 0x80, 0, 0, 0, 0, 0, 0, 0, STOP));
        assertEquals(Double.NaN, Pickles.load("Fnan\n", STOP));
        assertEquals(Double.NEGATIVE_INFINITY, Pickles.load("F-inf\n", STOP));
        assertEquals(0.1, Pickles.load("F0.1\n", STOP));
        assertThrows(UnpicklingError.class, () -> Pickles.load("FNaN\n", STOP), "Java-only spellings are refused");
    }

    @Nested
    class Strings {
        @Test
        void utf8WithLoneSurrogatesKept() {
            assertEquals("a\ud800b", Pickles.load(0x8c, 5, "a\u00ed\u00a0\u0080b", STOP));
            assertEquals("\ud83d\ude00", Pickles.load('X', 4, 0, 0, 0, "\u00f0\u009f\u0098\u0080", STOP));
        }

        @Test
        void malformedUtf8IsAnError() {
            assertThrows(UnpicklingError.class, () -> Pickles.load(0x8c, 1, 0xff, STOP));
            assertThrows(UnpicklingError.class, () -> Pickles.load(0x8c, 2, 0xc0, 0x80, STOP), "overlong");
        }

        @Test
        void rawUnicodeEscapeOfProtocolZero() {
            assertEquals("\u20ac\\x\n\ud83d\ude00", Pickles.load("V\\u20ac\\u005cx\\u000a\\U0001f600\n", STOP));
        }

        @Test
        void python2StrOpcodesDecodeAsAscii() {
            assertEquals("ab", Pickles.load('U', 2, "ab", STOP));
            assertEquals("a'\n", Pickles.load("S'a\\'\\n'\n", STOP));
            assertThrows(UnpicklingError.class, () -> Pickles.load('U', 1, 0xe9, STOP));
        }
    }

    @Nested
    class BytesAndByteArrays {
        @Test
        void bytesOpcodesGivePyBytes() {
            assertEquals(PyBytes.of((byte) 1, (byte) 2), Pickles.load('C', 2, 1, 2, STOP));
            assertEquals(PyBytes.of((byte) 9), Pickles.load('B', 1, 0, 0, 0, 9, STOP));
            assertEquals(PyBytes.of((byte) 9), Pickles.load(0x8e, 1, 0, 0, 0, 0, 0, 0, 0, 9, STOP));
        }

        @Test
        void protocolTwoBytesForms() {
            assertEquals(PyBytes.of((byte) 0xe9, (byte) 0), Pickles.load(PROTO, 2, "c_codecs\nencode\n",
                    0x8c, 3, 0xc3, 0xa9, 0, 0x8c, 6, "latin1", 0x86, 'R', STOP));
            assertEquals(PyBytes.of(), Pickles.load(PROTO, 2, "c__builtin__\nbytes\n)R", STOP));
            assertThrows(UnpicklingError.class, () -> Pickles.load(PROTO, 2, "c_codecs\nencode\n",
                    0x8c, 3, 0xe2, 0x82, 0xac, 0x8c, 6, "latin1", 0x86, 'R', STOP), "beyond latin-1");
        }

        @Test
        void byteArrays() {
            assertArrayEquals(new byte[] {1, 2}, (byte[]) Pickles.load(0x96, 2, 0, 0, 0, 0, 0, 0, 0, 1, 2, STOP));
            assertArrayEquals(new byte[] {(byte) 0xff}, (byte[]) Pickles.load(PROTO, 3, "cbuiltins\nbytearray\n",
                    'C', 1, 0xff, 0x85, 'R', STOP));
        }
    }

    @Nested
    class Containers {
        @Test
        void tuplesOfEveryOpcode() {
            assertEquals(PyTuple.of(), Pickles.load(')', STOP));
            assertEquals(PyTuple.of(1), Pickles.load('K', 1, 0x85, STOP));
            assertEquals(PyTuple.of(1, 2, 3), Pickles.load('K', 1, 'K', 2, 'K', 3, 0x87, STOP));
            assertEquals(PyTuple.of(1, 2, 3, 4), Pickles.load(MARK, 'K', 1, 'K', 2, 'K', 3, 'K', 4, 't', STOP));
        }

        @Test
        void dictsKeepOrderAndTupleKeysWork() {
            Object d = Pickles.load('}', MARK, 0x8c, 1, "z", 'K', 1, 'K', 2, 'K', 3, 'K', 4, 0x85, 'N', 'u', STOP);
            assertInstanceOf(LinkedHashMap.class, d);
            assertEquals(List.of("z", 2, PyTuple.of(4)), new ArrayList<>(((Map<?, ?>) d).keySet()));
            assertEquals(3, ((Map<?, ?>) d).get(2));
            Object fromMark = Pickles.load(MARK, 0x8c, 1, "b", 'K', 1, 0x8c, 1, "a", 'K', 2, 'd', STOP);
            assertEquals(List.of("b", "a"), new ArrayList<>(((Map<?, ?>) fromMark).keySet()));
            assertEquals("{'z': 1, 2: 3, (4,): None}", d.toString(), "printed as CPython prints it");
            assertEquals("{'b': 1, 'a': 2}", fromMark.toString());
        }

        @Test
        void listsFromAppendAppendsAndList() {
            assertEquals(List.of(1, 2, 3), Pickles.load(']', 'K', 1, 'a', MARK, 'K', 2, 'K', 3, 'e', STOP));
            assertEquals(List.of(1), Pickles.load(MARK, 'K', 1, 'l', STOP));
            assertEquals("[None, 'x', True]", Pickles.load(']', MARK, 'N', 0x8c, 1, "x", 0x88, 'e', STOP).toString(),
                    "printed as CPython prints it");
            assertEquals("[1]", Pickles.load(MARK, 'K', 1, 'l', STOP).toString());
        }

        @Test
        void setsAndFrozensets() {
            Object s = Pickles.load(0x8f, MARK, 'K', 3, 'K', 1, 0x90, STOP);
            assertInstanceOf(LinkedHashSet.class, s);
            assertEquals(List.of(3, 1), new ArrayList<>((LinkedHashSet<?>) s));
            assertEquals("{3, 1}", s.toString());
            assertEquals("set()", Pickles.load(0x8f, STOP).toString());
            assertInstanceOf(PyFrozenSet.class, Pickles.load(MARK, 'K', 1, 0x91, STOP));
            Object f = Pickles.load(PROTO, 2, "c__builtin__\nfrozenset\n", ']', 'K', 5, 'a', 0x85, 'R', STOP);
            assertEquals(PyFrozenSet.of(5), f);
            assertInstanceOf(PyFrozenSet.class, f);
            assertEquals(new LinkedHashSet<>(List.of(5)), Pickles.load(PROTO, 2, "c__builtin__\nset\n", ']', 'K', 5, 'a', 0x85, 'R', STOP));
        }

        @Test
        void memoGivesSharedAndSelfReferencingContainers() {
            List<?> self = (List<?>) Pickles.load(']', 0x94, 'h', 0, 'a', STOP);
            assertSame(self, self.get(0));
            List<?> shared = (List<?>) Pickles.load(']', 0x94, ']', 0x94, 'h', 1, 0x86, 'a', STOP);
            PyTuple pair = (PyTuple) shared.get(0);
            assertSame(pair.get(0), pair.get(1));
            assertEquals(List.of(1), Pickles.load('K', 1, "p7\n", '0', ']', "g7\n", 'a', STOP), "text PUT/GET");
            List<?> viaLong = (List<?>) Pickles.load(']', 'r', 7, 0, 0, 0, 'j', 7, 0, 0, 0, 'a', STOP);
            assertSame(viaLong, viaLong.get(0));
            assertThrows(UnpicklingError.class, () -> Pickles.load('h', 3, STOP), "memo miss");
        }

        @Test
        void stackOpcodes() {
            assertEquals(PyTuple.of(1, 1), Pickles.load('K', 1, '2', 0x86, STOP));
            assertEquals(2, Pickles.load('K', 2, MARK, 'K', 1, 'K', 1, '1', STOP));
            assertEquals(2, Pickles.load('K', 2, 'K', 1, '0', STOP));
        }
    }

    @Nested
    class Globals {
        @Test
        void anUnknownGlobalIsOnlyData() {
            Object g = Pickles.load("cjava.lang\nRuntime\n", STOP);
            assertEquals(new PyGlobal("java.lang", "Runtime"), g);
            PyObject o = (PyObject) Pickles.load("cjava.lang\nRuntime\n", ')', 'R', STOP);
            assertEquals(PyObject.Construction.REDUCE, o.construction());
            assertEquals("java.lang.Runtime", o.type().qualifiedName());
        }

        @Test
        void reduceNewobjBuildAndItemsKeepEverything() {
            PyObject e = (PyObject) Pickles.load(0x8c, 8, "builtins", 0x8c, 8, "KeyError", 0x93, 0x8c, 1, "x", 0x85, 'R',
                    '}', 0x8c, 1, "a", 'K', 1, 's', 'b', STOP);
            assertEquals(new PyGlobal("builtins", "KeyError"), e.type());
            assertEquals(PyTuple.of("x"), e.args());
            assertEquals(Map.of("a", 1), e.state());
            PyObject n = (PyObject) Pickles.load("c__main__\nP\n", ')', 0x81, MARK, 'K', 1, 'e', 0x8c, 1, "k", 'K', 2, 's', STOP);
            assertEquals(PyObject.Construction.NEWOBJ, n.construction());
            assertEquals(List.of(1), n.listItems());
            assertEquals(Map.of("k", 2), n.dictItems());
            PyObject x = (PyObject) Pickles.load("c__main__\nP\n", ')', '}', 0x8c, 1, "k", 'K', 2, 's', 0x92, STOP);
            assertEquals(Map.of("k", 2), x.kwargs());
            assertThrows(UnpicklingError.class, () -> Pickles.load("c__main__\nP\n", ')', 'R', '}', 'b', '}', 'b', STOP),
                    "a second BUILD");
        }

        @Test
        void python2NamesOfProtocolTwoAreMapped() {
            assertEquals(new PyGlobal("builtins", "int"), Pickles.load(PROTO, 2, "c__builtin__\nlong\n", STOP));
            assertEquals(new PyGlobal("builtins", "KeyError"), Pickles.load(PROTO, 2, "cexceptions\nKeyError\n", STOP));
            assertEquals(new PyGlobal("__builtin__", "long"), Pickles.load(PROTO, 3, "c__builtin__\nlong\n", STOP),
                    "protocol 3+ names are taken as written");
        }

        @Test
        void getattrOnAGlobalNamesANestedGlobal() {
            assertEquals(new PyGlobal("zoneinfo", "ZoneInfo._unpickle"), Pickles.load(PROTO, 2, "c__builtin__\ngetattr\n",
                    "czoneinfo\nZoneInfo\n", 0x8c, 9, "_unpickle", 0x86, 'R', STOP));
        }

        @Test
        void decimalsAndComplex() {
            assertEquals(new BigDecimal("1.00"), Pickles.load("cdecimal\nDecimal\n", 0x8c, 4, "1.00", 0x85, 'R', STOP));
            assertEquals(new BigDecimal("1E+5"), Pickles.load("cdecimal\nDecimal\n", 0x8c, 4, "1E+5", 0x85, 'R', STOP));
            assertEquals(PyDecimal.of("-0"), Pickles.load("cdecimal\nDecimal\n", 0x8c, 2, "-0", 0x85, 'R', STOP));
            assertEquals(PyDecimal.of("sNaN"), Pickles.load("cdecimal\nDecimal\n", 0x8c, 4, "sNaN", 0x85, 'R', STOP));
            assertEquals(new PyComplex(1, -0.0), Pickles.load("cbuiltins\ncomplex\n", 'G', 0x3f, 0xf0, 0, 0, 0, 0, 0, 0,
                    'G', 0x80, 0, 0, 0, 0, 0, 0, 0, 0x86, 'R', STOP));
        }
    }
}
