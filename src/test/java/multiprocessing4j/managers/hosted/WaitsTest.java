package multiprocessing4j.managers.hosted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hosted method's waits are told to the thread's observer (the server's count of threads on a CPU). */
class WaitsTest {
    private final List<String> told = new ArrayList<>();
    private final Waits.Observer recorder = new Waits.Observer() {
        @Override
        public void waiting() {
            told.add("waiting");
        }

        @Override
        public void running() {
            told.add("running");
        }
    };

    @AfterEach
    void stopObserving() {
        Waits.observe(null);
    }

    @Test
    void aQueueGetThatWaitsIsToldAroundEachSleepAndOneThatDoesNotIsNot() throws InterruptedException {
        PyQueue queue = PyQueue.make(PyTuple.of(), Map.of());
        Waits.observe(recorder);
        queue.callMethod("put", PyTuple.of(1), Map.of());
        assertEquals(1, queue.callMethod("get", PyTuple.of(), Map.of()));
        assertEquals(List.of(), told, "an item was there: no wait");

        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(50);
                queue.callMethod("put", PyTuple.of(2), Map.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        assertEquals(2, queue.callMethod("get", PyTuple.of(), Map.of()));
        producer.join();
        assertFalse(told.isEmpty());
        for (int i = 0; i < told.size(); i += 2) assertEquals(List.of("waiting", "running"), told.subList(i, i + 2));
    }

    @Test
    void aTimedOutWaitIsToldToo() {
        Waits.observe(recorder);
        Object monitor = new Object();
        synchronized (monitor) {
            assertFalse(Deadline.await(monitor, 0.01, () -> false));
        }
        assertTrue(told.size() >= 2);
        assertEquals("running", told.get(told.size() - 1));
    }

    @Test
    void withoutAnObserverAWaitJustRuns() {
        assertEquals("done", Waits.during(() -> "done"));
        assertEquals(List.of(), told);
    }
}
