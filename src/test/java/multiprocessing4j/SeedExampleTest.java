package multiprocessing4j;

import static multiprocessing4j.Multiprocessing.Manager;
import static multiprocessing4j.Multiprocessing.getContext;
import static multiprocessing4j.Multiprocessing.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import multiprocessing4j.managers.DictProxy;
import multiprocessing4j.managers.ListProxy;
import multiprocessing4j.managers.SyncManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's Manager example (DESIGN.md §3), line for line: a Java {@code Manager()}, a child
 * process changing its objects through the proxies it captured, and what CPython 3.11 prints.
 */
class SeedExampleTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fork", "forkserver", "spawn"})
    void theManagerExamplePrintsWhatCPythonPrints(String method) {
        try (SyncManager manager = Manager()) {
            DictProxy d = manager.dict();
            ListProxy l = manager.list(range(10));
            Process q = getContext(method).Process(() -> {
                d.put(1, "1");
                d.put("2", 2);
                d.put(0.25, null);
                l.reverse();
            });
            q.start();
            q.join();
            assertEquals("{1: '1', '2': 2, 0.25: None}", d.toString());
            assertEquals("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", l.toString());
        }
    }

    @org.junit.jupiter.api.Test
    void rangeIsPythons() {
        assertEquals(List.of(0, 1, 2), range(3));
        assertEquals(List.of(), range(0));
        assertEquals(List.of(5, 3, 1), range(5, 0, -2));
        assertEquals(List.of(2, 5, 8), range(2, 10, 3));
    }
}
