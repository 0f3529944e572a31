package multiprocessing4j.synchronize;

import static multiprocessing4j.synchronize.SynchronizeTest.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import multiprocessing4j.Array;
import multiprocessing4j.Context;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.Process;
import multiprocessing4j.PyValueError;
import multiprocessing4j.SerializableRunnable;
import multiprocessing4j.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every primitive's contract between processes: each travels to forkserver children by name and
 * guards, counts, signals or gathers them as it does threads; a process killed while holding a
 * lock or waiting on a condition stalls no one.
 */
@Timeout(120)
class SynchronizeAcrossProcessesTest {
    private static final Context CTX = Multiprocessing.getContext("forkserver");

    @ParameterizedTest(name = "{0} processes x 2000 increments of one Value under a Lock")
    @ValueSource(ints = {2, 4, 8})
    void aLockMakesIncrementsExact(int n) {
        Lock lock = CTX.Lock();
        Value<Integer> counter = CTX.RawValue("i", 0);
        runAll(n, k -> () -> {
            for (int j = 0; j < 2000; j++) {
                try (var held = lock.hold()) {
                    counter.value(counter.value() + 1);
                }
            }
        });
        assertEquals(n * 2000, counter.value());
    }

    @Test
    void aSemaphoreAdmitsAtMostItsValueAcrossProcesses() {
        Semaphore sem = CTX.Semaphore(2);
        Array<Integer> insideAndMost = CTX.Array("i", 2); // [inside now, most ever inside], under its lock
        runAll(4, k -> () -> {
            for (int j = 0; j < 200; j++) {
                try (var admitted = sem.hold()) {
                    try (var held = insideAndMost.getLock().hold()) {
                        insideAndMost.set(0, insideAndMost.get(0) + 1);
                        insideAndMost.set(1, Math.max(insideAndMost.get(1), insideAndMost.get(0)));
                    }
                    Thread.onSpinWait();
                    try (var held = insideAndMost.getLock().hold()) {
                        insideAndMost.set(0, insideAndMost.get(0) - 1);
                    }
                }
            }
        });
        assertEquals(0, insideAndMost.get(0));
        assertTrue(insideAndMost.get(1) >= 1 && insideAndMost.get(1) <= 2, "most inside at once: " + insideAndMost.get(1));
        assertEquals(2, sem.getValue());
    }

    @Test
    void aBoundedSemaphoreStaysBoundedInAChild() {
        BoundedSemaphore sem = CTX.BoundedSemaphore(1);
        Value<Boolean> refused = CTX.RawValue("?", false);
        runAll(1, k -> () -> {
            sem.acquire();
            sem.release();
            try {
                sem.release();
            } catch (PyValueError e) {
                refused.value(true);
            }
        });
        assertTrue(refused.value(), "the child's over-release was refused");
        assertEquals("<BoundedSemaphore(value=1, maxvalue=1)>", sem.toString());
    }

    @Test
    void aConditionWakesWaitersInOtherProcesses() {
        Condition cond = CTX.Condition();
        Value<Integer> stage = CTX.RawValue("i", 0);
        Value<Integer> arrived = CTX.RawValue("i", 0);
        List<Process> ps = startAll(3, k -> () -> {
            try (var held = cond.hold()) {
                arrived.value(arrived.value() + 1);
                cond.notifyAllWaiters(); // tell the parent
                if (!cond.waitFor(() -> stage.value() == 1, 60)) throw new IllegalStateException("not woken");
            }
        });
        try (var held = cond.hold()) {
            assertTrue(cond.waitFor(() -> arrived.value() == 3, 60), "all three children arrived");
            stage.value(1);
            cond.notifyAllWaiters();
        }
        joinAll(ps);
    }

    @Test
    void anEventSignalsBothWays() {
        Event go = CTX.Event();
        Event done = CTX.Event();
        Value<Integer> seen = CTX.Value("i", 0);
        List<Process> ps = startAll(3, k -> () -> {
            if (!go.await(60)) throw new IllegalStateException("never set");
            try (var held = seen.getLock().hold()) {
                seen.value(seen.value() + 1);
                if (seen.value() == 3) done.set();
            }
        });
        assertFalse(done.await(0.01));
        go.set();
        assertTrue(done.await(60), "the last child set it");
        joinAll(ps);
        assertEquals(3, seen.value());
    }

    @Test
    void aBarrierGathersProcessesGenerationAfterGeneration() {
        int parties = 4;
        int generations = 3;
        Value<Integer> actions = CTX.RawValue("i", 0);
        Barrier barrier = CTX.Barrier(parties, () -> actions.value(actions.value() + 1), 60);
        Array<Integer> indices = CTX.RawArray("i", parties * generations);
        runAll(parties, k -> () -> {
            for (int g = 0; g < generations; g++) {
                int index = barrier.await();
                indices.set(g * parties + index, indices.get(g * parties + index) + 1);
            }
        });
        for (int i = 0; i < parties * generations; i++) {
            assertEquals(1, indices.get(i), "each index once per generation: " + indices);
        }
        assertEquals(generations, actions.value(), "the action ran once per generation");
        assertFalse(barrier.broken());
    }

    @ParameterizedTest(name = "a {0} whose holder is killed goes to the next acquirer, which is told so")
    @ValueSource(strings = {"Lock", "RLock"})
    void aKilledHoldersLockIsTakenOver(String kind) throws Exception {
        SemLock lock = kind.equals("Lock") ? CTX.Lock() : CTX.RLock();
        Event holding = CTX.Event();
        Process p = CTX.Process(() -> {
            lock.acquire();
            holding.set();
            while (true) LockSupport.park(); // holds the lock until killed
        });
        p.start();
        assertTrue(holding.await(60));
        CompletableFuture<Long> acquiredAt = CompletableFuture.supplyAsync(() -> {
            lock.acquire();
            long at = System.nanoTime();
            boolean told = lock instanceof Lock l ? l.ownerDied() : ((RLock) lock).ownerDied();
            lock.release();
            return told ? at : -1L;
        }, Threads.POOL);
        Thread.sleep(20); // let the waiter settle into its slowest polling before the kill
        long killedAt = System.nanoTime();
        p.kill();
        long at = acquiredAt.get();
        assertTrue(at > 0, "the acquirer was told its previous holder died");
        System.out.printf("takeover of a %s %.2f ms after SIGKILL of its holder%n", kind, (at - killedAt) / 1e6);
        p.join();
        assertEquals(-9, p.exitcode());
        assertTrue(lock.acquire(false, 0), "and it is free again");
        lock.release();
    }

    @Test
    void aKilledWaiterNeitherHangsNorSwallowsANotification() throws Exception {
        Condition cond = CTX.Condition();
        Process p = CTX.Process(() -> {
            cond.acquire();
            cond.await(); // killed while waiting
        });
        p.start();
        until(() -> cond.waiting() == 1);
        CompletableFuture<Boolean> survivor = CompletableFuture.supplyAsync(() -> {
            try (var held = cond.hold()) {
                return cond.await(60);
            }
        }, Threads.POOL);
        until(() -> cond.waiting() == 2);
        p.kill();
        p.join();
        try (var held = cond.hold()) {
            cond.notify(1); // must reach the live waiter, not the dead one's slot
        }
        assertTrue(survivor.get(), "the live waiter was notified");
        assertEquals(0, cond.waiting());
    }

    /** Children made by {@code body(k)}, started, joined, each checked to exit 0. */
    private static void runAll(int n, java.util.function.IntFunction<SerializableRunnable> body) {
        joinAll(startAll(n, body));
    }

    private static List<Process> startAll(int n, java.util.function.IntFunction<SerializableRunnable> body) {
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < n; k++) ps.add(CTX.Process(body.apply(k)));
        ps.forEach(Process::start);
        return ps;
    }

    private static void joinAll(List<Process> ps) {
        ps.forEach(Process::join);
        ps.forEach(p -> assertEquals(0, p.exitcode(), p.name()));
    }
}
