package multiprocessing4j.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The pool's engine (chunking, ordering, dispatch) as properties, on a {@link ThreadPool} so
 * that hundreds of cases cost no processes; {@link PoolTest} covers the process transport.
 */
class ThreadPoolPropertiesTest {
    private static ThreadPool pool;

    @BeforeContainer
    static void start() {
        pool = new ThreadPool(3);
    }

    @AfterContainer
    static void stop() {
        pool.close();
        pool.join();
    }

    @Property(tries = 200)
    void mapIsTheSequentialMapForAnyChunksize(@ForAll @Size(max = 300) List<Integer> items,
            @ForAll @IntRange(min = 1, max = 50) int chunksize) {
        List<Long> expected = items.stream().map(x -> (long) x * 3).toList();
        assertEquals(expected, pool.map((Integer x) -> (long) x * 3, items, chunksize));
        assertEquals(expected, pool.map((Integer x) -> (long) x * 3, items));
    }

    @Property(tries = 100)
    void imapKeepsOrderAndImapUnorderedLosesNothing(@ForAll @Size(max = 200) List<Integer> items,
            @ForAll @IntRange(min = 1, max = 20) int chunksize) {
        List<Integer> ordered = new ArrayList<>();
        pool.imap((Integer x) -> x + 1, items, chunksize).forEach(ordered::add);
        assertEquals(items.stream().map(x -> x + 1).toList(), ordered);

        List<Integer> unordered = new ArrayList<>();
        pool.imapUnordered((Integer x) -> x + 1, items, chunksize).forEach(unordered::add);
        List<Integer> sorted = new ArrayList<>(ordered);
        Collections.sort(sorted);
        Collections.sort(unordered);
        assertEquals(sorted, unordered);
    }

    @Property(tries = 50)
    void theFirstFailingChunkFailsTheMap(@ForAll @IntRange(min = 0, max = 99) int bad,
            @ForAll @IntRange(min = 1, max = 30) int chunksize) {
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> pool.map((Integer x) -> 1 / (x - bad), multiprocessing4j.Multiprocessing.range(100), chunksize));
        assertTrue(e.getMessage().contains("by zero"));
    }
}
