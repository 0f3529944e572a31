package multiprocessing4j.sharedmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import multiprocessing4j.reduction.PyBytes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** ShareableList's codec: what is stored reads back, in either layout, and after assignments. */
class ShareableListPropertiesTest {

    @Provide
    Arbitrary<Object> items() {
        Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(20)
                .filter(s -> !s.endsWith("\0") && s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF))
                .filter(s -> s.getBytes(StandardCharsets.UTF_8).length <= 8 * (s.codePointCount(0, s.length()) / 8 + 1));
        Arbitrary<PyBytes> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(20)
                .filter(b -> b.length == 0 || b[b.length - 1] != 0) // trailing NULs are stripped on read, as CPython's
                .map(PyBytes::of);
        return Arbitraries.oneOf(Arbitraries.longs().map(l -> l == (int) (long) l ? (Object) (int) (long) l : l),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null), strings.map(s -> (Object) s), bytes.map(b -> (Object) b));
    }

    @Provide
    Arbitrary<List<Object>> lists() {
        return items().list().ofMaxSize(12);
    }

    @Property(tries = 150)
    void whatIsStoredReadsBackInEitherLayout(@ForAll("lists") List<Object> items, @ForAll boolean python38) {
        ShareableList sl = python38 ? ShareableList.inPython38Layout(items, null) : new ShareableList(items);
        try {
            assertEquals(items, new ArrayList<>(sl));
            assertEquals(items, new ArrayList<>(new ShareableList(sl.shm().name())), "attached by name");
        } finally {
            sl.shm().unlink();
        }
    }

    @Property(tries = 150)
    void anAssignmentThatFitsReadsBack(@ForAll("lists") List<Object> items, @ForAll("items") Object value) {
        if (items.isEmpty()) return;
        ShareableList sl = new ShareableList(items);
        try {
            int i = Math.floorMod(value == null ? 0 : value.hashCode(), items.size());
            int room = 8 * ((items.get(i) instanceof String s ? s.codePointCount(0, s.length())
                    : items.get(i) instanceof PyBytes b ? b.length() : 0) / 8 + 1);
            int needed = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length
                    : value instanceof PyBytes b ? b.length() : 0;
            if (needed > room) return; // CPython's ValueError: covered by ShareableListTest
            sl.set(i, value);
            List<Object> expected = new ArrayList<>(items);
            expected.set(i, value);
            assertEquals(expected, new ArrayList<>(sl));
        } finally {
            sl.shm().unlink();
        }
    }
}
