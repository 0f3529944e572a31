package multiprocessing4j.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link ValueCodec}'s frames round trip: the primitive runs (Integer, Long, Double arrays and
 * slices of them), arrays that only nearly are runs (a null, a second class) on the tagged path,
 * and a reused {@link ValueCodec.Writer} whose earlier, larger frames leave nothing behind.
 */
class ValueCodecPropertiesTest {
    @Property(tries = 300)
    void anArrayOfCommonValuesReadsBackEqual(@ForAll("arrays") Object[] items) throws IOException {
        assertArrayEquals(items, (Object[]) roundTrip(new ValueCodec.Writer(), items));
    }

    @Property(tries = 200)
    void aSliceReadsBackAsAnArrayOfItsOwn(@ForAll("arrays") Object[] items, @ForAll @IntRange(max = 60) int a,
            @ForAll @IntRange(max = 60) int b) throws IOException {
        int from = Math.min(Math.min(a, b), items.length);
        int to = Math.min(Math.max(a, b), items.length);
        ValueCodec.Writer w = new ValueCodec.Writer();
        int length = w.start(Frames.RESULT).putArray(items, from, to).putInt(7).finish();
        ValueCodec.Reader in = Frames.reader(w.buffer(), length);
        assertArrayEquals(Arrays.copyOfRange(items, from, to), (Object[]) in.getValue());
        assertEquals(7, in.getInt());
    }

    @Property(tries = 100)
    void aReusedWriterWritesEachFrameAsAFreshOneWould(@ForAll @Size(max = 5) List<@From("arrays") Object[]> frames)
            throws IOException {
        ValueCodec.Writer reused = new ValueCodec.Writer();
        for (Object[] items : frames) {
            assertArrayEquals(items, (Object[]) roundTrip(reused, items));
            assertArrayEquals(new ValueCodec.Writer().start(Frames.RESULT).putValue(items).toByteArray(),
                    reused.start(Frames.RESULT).putValue(items).toByteArray());
        }
    }

    @Property(tries = 100)
    void runsKeepEveryDoubleBitPattern(@ForAll long bits, @ForAll @IntRange(min = 1, max = 20) int n) throws IOException {
        Object[] items = new Object[n];
        Arrays.fill(items, Double.longBitsToDouble(bits));
        Object[] back = (Object[]) roundTrip(new ValueCodec.Writer(), items);
        for (Object d : back) assertEquals(bits, Double.doubleToRawLongBits((Double) d));
    }

    @Property(tries = 50)
    void aSerializedObjectAfterARunStillReadsAndCopiesWhole(@ForAll("ints") Object[] run, @ForAll String tail) throws IOException {
        ValueCodec.Writer w = new ValueCodec.Writer();
        java.util.ArrayList<String> object = new java.util.ArrayList<>(List.of(tail)); // goes as Java serialization
        int length = w.start(Frames.RESULT).putValue(run).putValue(object).putValue(null).finish();
        byte[] copy = new ValueCodec.Writer().start(Frames.RESULT).putValue(run).putValue(object).putValue(null).toByteArray();
        assertArrayEquals(Arrays.copyOf(w.buffer(), length), copy);
        ValueCodec.Reader in = Frames.reader(copy, copy.length);
        assertArrayEquals(run, (Object[]) in.getValue());
        assertEquals(object, in.getValue());
        assertNull(in.getValue());
    }

    private static Object roundTrip(ValueCodec.Writer w, Object value) throws IOException {
        int length = w.start(Frames.RESULT).putValue(value).finish();
        return Frames.reader(w.buffer(), length).getValue();
    }

    @Provide
    Arbitrary<Object[]> ints() {
        return Arbitraries.integers().map(i -> (Object) i).array(Object[].class).ofMinSize(1).ofMaxSize(50);
    }

    /** Runs of each kind, and arrays that mix kinds, nulls and other common values. */
    @Provide
    Arbitrary<Object[]> arrays() {
        Arbitrary<Object> any = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.just(null));
        return Arbitraries.oneOf(
                ints(),
                Arbitraries.longs().map(l -> (Object) l).array(Object[].class).ofMaxSize(50),
                Arbitraries.doubles().map(d -> (Object) d).array(Object[].class).ofMaxSize(50),
                any.array(Object[].class).ofMaxSize(50));
    }
}
