package multiprocessing4j;

import static multiprocessing4j.Multiprocessing.Array;
import static multiprocessing4j.Multiprocessing.RawArray;
import static multiprocessing4j.Multiprocessing.RawValue;
import static multiprocessing4j.Multiprocessing.Value;
import static multiprocessing4j.Multiprocessing.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.synchronize.RLock;
import multiprocessing4j.synchronize.SemLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What CPython's sharedctypes arrays do beyond a list: character arrays' value and raw, slices,
 * bulk copies into Java arrays, ctypes names as typecodes, synchronized() and copy(). Expected
 * values are what CPython 3.11 printed for the same statements.
 */
@Timeout(60)
class ArraysBeyondTheListTest {

    @Test
    void aCharArraysValueStopsAtTheFirstNulAndRawIsEveryByte() {
        Array<PyBytes> a = RawArray("c", PyBytes.ascii("hello\0world"));
        assertEquals(11, a.size());
        assertEquals(PyBytes.ascii("hello"), a.value());
        assertEquals(PyBytes.ascii("hello\0world"), a.raw());
        a.value(PyBytes.ascii("hi"));                       // a.value = b'hi'
        assertEquals(PyBytes.ascii("hi\0lo\0world"), a.raw()); // a NUL after it, the rest unchanged
        a.raw(PyBytes.ascii("ab"));
        assertEquals(PyBytes.ascii("ab\0lo\0world"), a.raw());
        a.value(PyBytes.ascii("x".repeat(11)));              // exactly full: no NUL
        assertEquals(PyBytes.ascii("x".repeat(11)), a.value());
    }

    @Test
    void settingTooLongAValueOrRawFailsAndChangesNothing() {
        Array<PyBytes> a = Array("c", PyBytes.ascii("abc"));
        assertEquals("ValueError: byte string too long", assertThrows(PyValueError.class, () -> a.value(PyBytes.ascii("abcd"))).getMessage());
        assertEquals("ValueError: byte string too long", assertThrows(PyValueError.class, () -> a.raw(PyBytes.ascii("abcd"))).getMessage());
        assertThrows(PyTypeError.class, () -> a.value("abc"));
        assertEquals(PyBytes.ascii("abc"), a.raw());
        assertEquals(PyBytes.ascii("b"), a.get(1));
    }

    @Test
    void aContextMakesCharArraysToo() {
        Context ctx = Multiprocessing.getContext("forkserver");
        assertEquals(PyBytes.ascii("ab"), ctx.Array("c", PyBytes.ascii("ab")).value());
        assertEquals("é", ctx.RawArray("u", "é").value());
    }

    @Test
    void aWideCharArrayHasAValueButNoRaw() {
        Array<String> w = RawArray("u", "hé\0x");
        assertEquals(4, w.size());
        assertEquals("hé", w.value());
        w.value("日本");
        assertEquals(List.of("日", "本", "\0", "x"), w);
        assertThrows(PyValueError.class, () -> w.value("12345"));
        assertEquals("AttributeError: 'c_wchar_Array_4' object has no attribute 'raw'",
                assertThrows(PyAttributeError.class, w::raw).getMessage());
        assertThrows(PyAttributeError.class, () -> RawArray("i", 3).value());
    }

    @Test
    void slicesAreCPythons() {
        Array<Integer> a = Array("i", range(5));
        assertEquals(List.of(0, 1, 2, 3, 4), a.slice(0, a.size()));   // a[:]
        assertEquals(List.of(1, 2), a.slice(1, 3));                    // a[1:3]
        assertEquals(List.of(3, 4), a.slice(-2, 99));                  // a[-2:99]
        assertEquals(List.of(), a.slice(4, 1));                        // a[4:1]
        a.setSlice(1, 3, List.of(9, 9));                               // a[1:3] = [9, 9]
        assertEquals(List.of(0, 9, 9, 3, 4), a);
        assertEquals("ValueError: Can only assign sequence of same size",
                assertThrows(PyValueError.class, () -> a.setSlice(1, 3, List.of(1))).getMessage());
        List<Object> half = List.of(7, 1.5);
        @SuppressWarnings("unchecked")
        Array<Object> untyped = (Array<Object>) (Array<?>) a;
        assertThrows(PyTypeError.class, () -> untyped.setSlice(0, 2, half));
        assertEquals(List.of(0, 9, 9, 3, 4), a, "a bad element anywhere stores none of them");
    }

    @Test
    void bulkCopiesMoveTheRawBitsOfEveryWidth() {
        Array<Integer> ints = RawArray("i", range(6));
        int[] got = new int[8];
        ints.read(1, got, 2, 4);
        assertArrayEquals(new int[] {0, 0, 1, 2, 3, 4, 0, 0}, got);
        ints.write(0, new int[] {-1, -2, -3}, 1, 2);
        assertEquals(List.of(-2, -3, 2, 3, 4, 5), ints);

        Array<Long> unsigned = RawArray("I", 2);
        unsigned.write(0, new int[] {-1, 5}, 0, 2);
        assertEquals(List.of(4294967295L, 5L), unsigned, "raw bits: -1 is 2**32-1 as c_uint");

        Array<Double> ds = Array("d", 3);
        ds.write(0, new double[] {1.5, -0.0, Double.NaN}, 0, 3);
        double[] back = new double[3];
        ds.read(0, back, 0, 3);
        assertArrayEquals(new double[] {1.5, -0.0, Double.NaN}, back);

        Array<Integer> shorts = RawArray("h", 2);
        shorts.write(0, new short[] {-7, 300}, 0, 2);
        assertEquals(List.of(-7, 300), shorts);
        Array<Long> longs = RawArray("q", 1);
        longs.write(0, new long[] {Long.MIN_VALUE}, 0, 1);
        assertEquals(Long.MIN_VALUE, longs.get(0));
        Array<Float> fs = RawArray("f", 1);
        fs.write(0, new float[] {0.1f}, 0, 1);
        assertEquals(0.1f, fs.get(0));
        Array<Integer> bs = RawArray("B", 2);
        bs.write(0, new byte[] {-1, 1}, 0, 2);
        assertEquals(List.of(255, 1), bs);
    }

    @Test
    void bulkCopiesCheckKindAndBoundsBeforeTouchingAnything() {
        Array<Integer> ints = RawArray("i", range(4));
        assertThrows(PyTypeError.class, () -> ints.read(0, new long[4], 0, 4));
        assertThrows(PyTypeError.class, () -> ints.write(0, new byte[4], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> ints.write(2, new int[3], 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> ints.read(0, new int[2], 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> ints.read(-1, new int[2], 0, 1));
        assertEquals(List.of(0, 1, 2, 3), ints);
    }

    @Test
    void aFixedSizeList() {
        Array<Integer> a = Array("i", 2);
        assertThrows(UnsupportedOperationException.class, () -> a.add(1));
        assertThrows(UnsupportedOperationException.class, () -> a.remove(0));
        assertThrows(UnsupportedOperationException.class, a::clear);
        assertEquals(2, a.size());
    }

    @Test
    void ctypesNamesAreAcceptedWhereverATypecodeIs() {
        assertEquals("c_ulong(5)", RawValue("c_size_t", 5).toString());      // c_size_t is c_ulong
        assertEquals("c_long(-1)", RawValue("c_ssize_t", -1).toString());
        assertEquals("c_byte(-56)", RawValue("c_int8", 200).toString());
        assertEquals("c_ubyte(200)", RawValue("c_uint8", 200).toString());
        assertEquals("c_int(-2147483648)", RawValue("c_int32", 1L << 31).toString());
        assertEquals("c_double(0.5)", RawValue("c_double", 0.5).toString());
        assertEquals("c_char(b'A')", RawValue("c_char", 65).toString());  // c_char takes an int 0..255
        assertEquals("c_bool(True)", RawValue("c_bool", 2).toString());    // and c_bool any object's truth
        assertEquals("c_bool(False)", RawValue("c_bool", "").toString());
        assertEquals(List.of(0L, 0L, 0L), RawArray("c_uint64", 3));
        assertEquals("TypeError: unknown sharedctypes typecode or ctypes type: 'c_longdouble'",
                assertThrows(PyTypeError.class, () -> RawValue("c_longdouble")).getMessage());
        assertThrows(PyTypeError.class, () -> RawValue("c_char", 256));
    }

    @Test
    void synchronizedWrapsTheSameMemoryWithALock() {
        Value<Integer> raw = RawValue("i", 3);
        Value<Integer> wrapped = SharedCtypes.Synchronized(raw);
        assertEquals("<Synchronized wrapper for c_int(3)>", wrapped.toString());
        wrapped.value(4);
        assertEquals(4, raw.value());
        RLock lock = (RLock) wrapped.getLock();
        lock.acquire();
        lock.release();
        assertThrows(IllegalArgumentException.class, () -> SharedCtypes.Synchronized(wrapped));

        Array<PyBytes> chars = RawArray("c", PyBytes.ascii("ab"));
        SemLock given = new RLock();
        Array<PyBytes> guarded = SharedCtypes.Synchronized(chars, given);
        assertSame(given, guarded.getLock());
        assertEquals(PyBytes.ascii("ab"), guarded.value());
        guarded.set(0, PyBytes.ascii("z"));
        assertEquals(PyBytes.ascii("zb"), chars.raw());
    }

    @Test
    void copyIsNewRawMemoryWithTheSameContents() {
        Array<Integer> a = Array("i", range(4));
        Array<Integer> c = SharedCtypes.copy(a);
        assertEquals(a, c);
        assertNotEquals(a.shm().name(), c.shm().name());
        c.set(0, 99);
        assertEquals(0, a.get(0));
        assertThrows(PyAttributeError.class, c::getLock);
        Value<Double> v = Value("d", 2.5);
        Value<Double> vc = SharedCtypes.copy(v.getObj());
        assertEquals("c_double(2.5)", vc.toString());
        vc.value(1.0);
        assertEquals(2.5, v.value());
    }
}
