package multiprocessing4j.synchronize;

import static multiprocessing4j.Multiprocessing.Barrier;
import static multiprocessing4j.Multiprocessing.BoundedSemaphore;
import static multiprocessing4j.Multiprocessing.Condition;
import static multiprocessing4j.Multiprocessing.Event;
import static multiprocessing4j.Multiprocessing.Lock;
import static multiprocessing4j.Multiprocessing.RLock;
import static multiprocessing4j.Multiprocessing.Semaphore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import multiprocessing4j.BrokenBarrierError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In CPython's {@code multiprocessing.synchronize} a negative timeout counts as 0 (its
 * {@code SemLock.acquire} clamps it; {@code wait_for} finds its deadline already passed), never
 * "forever" as {@code threading}'s -1 does: each wait below gives up at once where CPython 3.11
 * does. Only Python's {@code None}, {@link Double#POSITIVE_INFINITY} here, waits forever. The
 * {@link Timeout}s fail a hang instead of letting it block the build; no test measures time.
 */
@Timeout(30)
class NegativeTimeoutsTest {

    @Test
    void aHeldLockIsNotAcquiredWithANegativeTimeout() {
        Lock lock = Lock();
        lock.acquire();
        assertFalse(lock.acquire(true, -1), "CPython: Lock().acquire(True, -1) on a held lock is False");
        assertFalse(lock.acquire(true, -5), "CPython: acquire(timeout=-5) is False");
        assertFalse(lock.acquire(true, Double.NEGATIVE_INFINITY));
        lock.release();
        assertTrue(lock.acquire(true, -1), "a free lock is taken whatever the timeout");
        lock.release();
        lock.shm().unlink();
    }

    @Test
    void anRLockHeldByAnotherThreadIsNotAcquiredWithANegativeTimeout() throws Exception {
        RLock lock = RLock();
        lock.acquire();
        assertFalse(CompletableFuture.supplyAsync(() -> lock.acquire(true, -1), Threads.POOL).get());
        assertTrue(lock.acquire(true, -1), "its owner re-acquires at once");
        lock.release();
        lock.release();
        lock.shm().unlink();
    }

    @Test
    void anEmptySemaphoreIsNotAcquiredWithANegativeTimeout() {
        Semaphore sem = Semaphore(0);
        assertFalse(sem.acquire(true, -1), "CPython: Semaphore(0).acquire(timeout=-1) is False");
        BoundedSemaphore bounded = BoundedSemaphore(1);
        bounded.acquire();
        assertFalse(bounded.acquire(true, -0.5));
        assertEquals(0, sem.getValue());
        sem.shm().unlink();
        bounded.shm().unlink();
    }

    @Test
    void aConditionWaitWithANegativeTimeoutReturnsFalseAndKeepsTheLockAtItsDepth() {
        Condition cond = Condition();
        cond.acquire();
        cond.acquire();
        assertFalse(cond.await(-1), "CPython: Condition.wait(-1) is False at once");
        assertTrue(cond.lock().toString().endsWith(", 2)>"), "depth restored: " + cond.lock());
        assertEquals(0, cond.waiting(), "its slot is free again");
        cond.release();
        cond.release();
    }

    @Test
    void aConditionHeldByAnotherThreadIsNotAcquiredWithANegativeTimeout() throws Exception {
        Condition cond = Condition(Lock());
        cond.acquire();
        assertFalse(CompletableFuture.supplyAsync(() -> cond.acquire(true, -1), Threads.POOL).get());
        cond.release();
    }

    @Test
    void waitForWithANegativeTimeoutEvaluatesThePredicateOnceAndDoesNotWait() {
        Condition cond = Condition();
        AtomicInteger evaluations = new AtomicInteger();
        try (var held = cond.hold()) {
            assertFalse(cond.waitFor(() -> evaluations.incrementAndGet() < 0, -1));
            assertEquals(1, evaluations.get(), "as CPython's: the deadline has passed before the first wait");
            assertTrue(cond.waitFor(() -> true, -1));
        }
    }

    @Test
    void anEventWaitWithANegativeTimeoutReturnsTheFlagAtOnce() {
        Event event = Event();
        assertFalse(event.await(-1), "CPython: Event().wait(-1) is False at once");
        event.set();
        assertTrue(event.await(-1), "a set flag is returned whatever the timeout");
        event.shm().unlink();
    }

    @Test
    void aBarrierWhoseDefaultTimeoutIsNegativeBreaksAtTheFirstWait() {
        Barrier barrier = Barrier(2, null, -1);
        assertThrows(BrokenBarrierError.class, barrier::await, "CPython: Barrier(2, timeout=-1).wait()");
        assertTrue(barrier.broken());
        barrier.shm().unlink();
    }

    @Test
    void aBarrierWaitWithANegativeTimeoutBreaksTheBarrier() {
        Barrier barrier = Barrier(2);
        assertThrows(BrokenBarrierError.class, () -> barrier.await(-1), "CPython: Barrier(2).wait(-1)");
        assertTrue(barrier.broken());
        barrier.shm().unlink();
    }

    @Test
    void theLastPartyPassesABarrierWhateverItsTimeout() {
        Barrier barrier = Barrier(1, null, -1);
        assertEquals(0, barrier.await(), "nothing to wait for: CPython returns index 0 too");
        assertFalse(barrier.broken());
        barrier.shm().unlink();
    }

    @Test
    void positiveInfinityIsPythonsNoneAndWaitsUntilNotified() throws Exception {
        Condition cond = Condition();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try (var held = cond.hold()) {
                return cond.await(Double.POSITIVE_INFINITY);
            }
        }, Threads.POOL);
        SynchronizeTest.until(() -> cond.waiting() == 1);
        try (var held = cond.hold()) {
            cond.notify(1);
        }
        assertTrue(waiter.get(), "notified, not timed out");
    }
}
