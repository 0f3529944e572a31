package multiprocessing4j.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import multiprocessing4j.PyValueError;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the counting primitives against plain models of them. */
class SynchronizePropertyTest {

    enum Op { TRY_ACQUIRE, RELEASE }

    /**
     * Any single-process sequence of non-blocking acquires and releases leaves a Semaphore or a
     * BoundedSemaphore where a model counter says: acquire succeeds iff the count is positive;
     * release adds one, except that a bounded one refuses (ValueError, count unchanged) at its bound.
     */
    @Property(tries = 200)
    void semaphoresFollowTheirModelCounter(@ForAll @IntRange(min = 0, max = 4) int initial, @ForAll boolean bounded,
            @ForAll @Size(max = 40) List<Op> ops) {
        Semaphore sem = bounded ? new BoundedSemaphore(initial) : new Semaphore(initial);
        try {
            int model = initial;
            for (Op op : ops) {
                if (op == Op.TRY_ACQUIRE) {
                    boolean expected = model > 0;
                    assertEquals(expected, sem.acquire(false, 0), "acquire at " + model);
                    if (expected) model--;
                } else if (bounded && model >= initial) {
                    int before = model;
                    org.junit.jupiter.api.Assertions.assertThrows(PyValueError.class, sem::release, "release at the bound");
                    assertEquals(before, sem.getValue());
                } else {
                    sem.release();
                    model++;
                }
                assertEquals(model, sem.getValue());
            }
        } finally {
            sem.shm().unlink();
        }
    }

    /**
     * For any number of parties and generations, every generation of a Barrier hands out each
     * index 0..parties-1 exactly once and runs the action exactly once.
     */
    @Property(tries = 15)
    void everyBarrierGenerationHandsOutEachIndexOnce(@ForAll @IntRange(min = 1, max = 5) int parties,
            @ForAll @IntRange(min = 1, max = 4) int generations) throws Exception {
        AtomicInteger actions = new AtomicInteger();
        Barrier barrier = new Barrier(parties, actions::incrementAndGet, 60);
        try {
            List<CompletableFuture<List<Integer>>> threads = new ArrayList<>();
            for (int t = 0; t < parties; t++) {
                threads.add(CompletableFuture.supplyAsync(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int g = 0; g < generations; g++) mine.add(barrier.await());
                    return mine;
                }, Threads.POOL));
            }
            List<List<Integer>> byThread = new ArrayList<>();
            for (CompletableFuture<List<Integer>> f : threads) byThread.add(f.get());
            for (int g = 0; g < generations; g++) {
                List<Integer> generation = new ArrayList<>();
                for (List<Integer> mine : byThread) generation.add(mine.get(g));
                Collections.sort(generation);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < parties; i++) expected.add(i);
                assertEquals(expected, generation, "generation " + g);
            }
            assertEquals(generations, actions.get());
        } finally {
            barrier.shm().unlink();
        }
    }
}
