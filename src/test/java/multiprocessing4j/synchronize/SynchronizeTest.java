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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import multiprocessing4j.BrokenBarrierError;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The primitives' contracts within one process (threads stand in for processes; the words are the
 * same shared memory), after CPython's TestLock, TestSemaphore, TestCondition, TestEvent and
 * TestBarrier. Across processes: {@link SynchronizeAcrossProcessesTest}.
 */
@Timeout(60)
class SynchronizeTest {

    @Test
    void aLockIsNotRecursiveAndAnyThreadMayReleaseIt() throws Exception {
        Lock lock = Lock();
        assertEquals("<Lock(owner=None)>", lock.toString());
        assertEquals("<Lock(owner=MainProcess)>", onThread("main", () -> {
            lock.acquire();
            return lock.toString();
        }));
        assertEquals("<Lock(owner=SomeOtherThread)>", lock.toString());
        lock.release(); // by another thread than the holder: allowed, as CPython's Lock is a semaphore of one
        assertEquals("<Lock(owner=None)>", lock.toString());
        PyValueError tooMany = assertThrows(PyValueError.class, lock::release);
        assertTrue(tooMany.getMessage().contains("semaphore or lock released too many times"), tooMany.getMessage());
        assertTrue(lock.acquire(true, Double.POSITIVE_INFINITY));
        assertFalse(lock.acquire(false, 0), "a holder acquiring again does not get it");
        assertFalse(lock.acquire(true, 0.01), "nor with a timeout");
        lock.release();
        assertEquals("<Lock(owner=MainProcess|Thread-7)>", onThread("Thread-7", () -> {
            lock.acquire();
            String repr = lock.toString();
            lock.release();
            return repr;
        }));
        assertFalse(lock.ownerDied());
        assertEquals(0, lock.takeovers());
        lock.shm().unlink();
    }

    @Test
    void acquireReturnsTrueAsCPythonsDoes() {
        Lock lock = Lock();
        RLock rlock = RLock();
        Semaphore sem = Semaphore();
        BoundedSemaphore bounded = BoundedSemaphore();
        Condition cond = Condition();
        boolean got = lock.acquire(); // CPython: Lock().acquire() is True
        assertTrue(got);
        assertTrue(rlock.acquire());
        assertTrue(sem.acquire());
        assertTrue(bounded.acquire());
        assertTrue(cond.acquire());
        for (SemLock each : List.of(lock, rlock, sem, bounded, cond)) each.release();
    }

    @Test
    void acquireFalseTakesOnlyWhatIsFree() throws Exception {
        for (SemLock lock : everyKind()) {
            assertTrue(lock.acquire(false), "free: " + lock);
            assertFalse(CompletableFuture.supplyAsync(() -> lock.acquire(false), Threads.POOL).get(),
                    "held by another thread: " + lock);
            lock.release();
        }
    }

    @Test
    void acquireTrueWaitsAsLongAsItTakes() throws Exception {
        for (SemLock lock : everyKind()) {
            lock.acquire();
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                boolean got = lock.acquire(true);
                lock.release();
                return got;
            }, Threads.POOL);
            lock.release();
            assertTrue(waiter.get(), lock.toString());
        }
    }

    @Test
    void anRLockNamesItsOwnerAsCPythonDoes() throws Exception {
        RLock lock = RLock();
        assertEquals("<RLock(None, 0)>", lock.toString());
        assertEquals("<RLock(MainProcess, 2)>", onThread("main", () -> {
            lock.acquire();
            lock.acquire();
            return lock.toString();
        }));
        assertEquals("<RLock(SomeOtherThread, nonzero)>", lock.toString());
        assertThrows(AssertionError.class, lock::release, "only its owner releases an RLock");
        lock.shm().unlink();
    }

    @Test
    void holdIsPythonsWithStatement() {
        Lock lock = Lock();
        try (var held = lock.hold()) {
            assertFalse(lock.acquire(false, 0), "held inside the block");
        }
        assertTrue(lock.acquire(false, 0), "released after it");
        lock.release();
        RLock rlock = RLock();
        try (var outer = rlock.hold(); var inner = rlock.hold()) {
            assertTrue(rlock.toString().endsWith(", 2)>"), rlock.toString());
        }
        assertEquals("<RLock(None, 0)>", rlock.toString());
        lock.shm().unlink();
        rlock.shm().unlink();
    }

    @Test
    void aSemaphoreCountsAndBlocksAtZero() {
        Semaphore sem = Semaphore(2);
        assertEquals("<Semaphore(value=2)>", sem.toString());
        assertTrue(sem.acquire(false, 0));
        assertTrue(sem.acquire(true, -1), "a unit is free: taken even with a negative timeout");
        assertEquals(0, sem.getValue());
        assertFalse(sem.acquire(false, 0));
        assertFalse(sem.acquire(true, 0.01), "times out at zero");
        sem.release();
        sem.release();
        sem.release(); // unbounded: past the initial value, as CPython's
        assertEquals(3, sem.getValue());
        assertEquals(1, Semaphore().getValue());
        assertThrows(PyValueError.class, () -> Semaphore(-1));
        sem.shm().unlink();
    }

    @Test
    void aBoundedSemaphoreRefusesOneReleaseTooMany() {
        BoundedSemaphore sem = BoundedSemaphore(2);
        assertEquals("<BoundedSemaphore(value=2, maxvalue=2)>", sem.toString());
        PyValueError e = assertThrows(PyValueError.class, sem::release);
        assertTrue(e.getMessage().contains("semaphore or lock released too many times"), e.getMessage());
        assertEquals(2, sem.getValue(), "the refused release changed nothing");
        sem.acquire();
        assertEquals("<BoundedSemaphore(value=1, maxvalue=2)>", sem.toString());
        sem.release();
        assertThrows(PyValueError.class, sem::release);
        assertThrows(PyValueError.class, () -> BoundedSemaphore(-1));
        sem.shm().unlink();
    }

    @Test
    void aWaiterWakesWhenAnotherThreadReleases() throws Exception {
        Semaphore sem = Semaphore(0);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> sem.acquire(true, 30));
        sem.release();
        assertTrue(waiter.get());
        assertEquals(0, sem.getValue());
        sem.shm().unlink();
    }

    @Test
    void conditionReprsAndMisuseAsCPythons() {
        Condition cond = Condition();
        assertEquals("<Condition(<RLock(None, 0)>, 0)>", cond.toString());
        assertThrows(AssertionError.class, () -> cond.await(0.01), "misuse: see the AssertionError tests below");
        assertEquals("<Condition(<Lock(owner=None)>, 0)>", Condition(Lock()).toString());
        assertThrows(PyTypeError.class, () -> Condition(Semaphore(1)));
    }

    @Test
    void releasingAnRLockOneDoesNotOwnIsAnAssertionErrorAsInCPython() throws Exception {
        RLock lock = RLock();
        AssertionError free = assertThrows(AssertionError.class, lock::release);
        assertEquals("attempt to release recursive lock not owned by thread", free.getMessage());
        lock.acquire();
        Throwable byAnother = assertThrows(Exception.class,
                () -> CompletableFuture.runAsync(lock::release, Threads.POOL).get()).getCause();
        assertTrue(byAnother instanceof AssertionError, byAnother.toString());
        assertEquals("attempt to release recursive lock not owned by thread", byAnother.getMessage());
        assertEquals("<RLock(MainProcess, 1)>", lock.toString(), "the refused release changed nothing");
        lock.release();
        lock.shm().unlink();
    }

    @Test
    void waitingOnAConditionWithoutItsLockIsAnAssertionErrorAsInCPython() {
        for (Condition cond : List.of(Condition(), Condition(Lock()))) {
            AssertionError e = assertThrows(AssertionError.class, () -> cond.await(0.01));
            assertEquals("must acquire() condition before using wait()", e.getMessage());
            assertThrows(AssertionError.class, cond::await);
            assertThrows(AssertionError.class, () -> cond.waitFor(() -> false, 0.01));
            assertEquals(0, cond.waiting(), "no slot was claimed");
        }
    }

    @Test
    void notifyingWithoutTheLockIsAnAssertionErrorAsInCPython() {
        for (Condition cond : List.of(Condition(), Condition(Lock()))) {
            assertEquals("lock is not owned", assertThrows(AssertionError.class, () -> cond.notify(1)).getMessage());
            assertEquals("lock is not owned", assertThrows(AssertionError.class, cond::notifyAllWaiters).getMessage());
        }
    }

    @Test
    void notifyWakesExactlyNWaitersAndNotifyAllTheRest() throws Exception {
        Condition cond = Condition(Lock());
        AtomicInteger woken = new AtomicInteger();
        List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(CompletableFuture.supplyAsync(() -> {
                try (var held = cond.hold()) {
                    boolean notified = cond.await(60);
                    woken.incrementAndGet();
                    return notified;
                }
            }, Threads.POOL));
        }
        until(() -> cond.waiting() == 5);
        assertTrue(cond.toString().endsWith(", 5)>"), cond.toString());
        try (var held = cond.hold()) {
            cond.notify(2);
        }
        until(() -> woken.get() == 2);
        assertEquals(3, cond.waiting(), "the other three still wait");
        try (var held = cond.hold()) {
            cond.notifyAllWaiters();
        }
        for (CompletableFuture<Boolean> w : waiters) assertTrue(w.get());
        assertEquals(5, woken.get());
        assertEquals(0, cond.waiting());
    }

    @Test
    void awaitTimesOutAndRestoresTheRLockAtItsDepth() {
        Condition cond = Condition();
        cond.acquire();
        cond.acquire();
        assertFalse(cond.await(0.01), "no one notified");
        assertTrue(cond.lock().toString().endsWith(", 2)>"), "depth restored: " + cond.lock());
        try (var held = cond.hold()) {
            cond.notify(1); // nobody waits: nothing happens
        }
        cond.release();
        cond.release();
        assertEquals("<Condition(<RLock(None, 0)>, 0)>", cond.toString());
    }

    @Test
    void waitForReturnsThePredicatesLastValue() throws Exception {
        Condition cond = Condition();
        AtomicInteger state = new AtomicInteger();
        try (var held = cond.hold()) {
            assertFalse(cond.waitFor(() -> state.get() == 1, 0.02), "timed out, predicate still false");
            assertTrue(cond.waitFor(() -> true, 0), "true at once, without waiting");
        }
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try (var held = cond.hold()) {
                return cond.waitFor(() -> state.get() == 3);
            }
        }, Threads.POOL);
        for (int i = 1; i <= 3; i++) {
            until(() -> cond.waiting() == 1);
            try (var held = cond.hold()) {
                state.set(i);
                cond.notifyAllWaiters();
            }
        }
        assertTrue(waiter.get());
    }

    @Test
    void anEventWakesItsWaitersWhenSet() throws Exception {
        Event event = Event();
        assertFalse(event.isSet());
        assertFalse(event.await(0.01));
        assertTrue(event.toString().matches("<Event at 0x[0-9a-f]+ unset>"), event.toString());
        List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) waiters.add(CompletableFuture.supplyAsync(() -> event.await(60), Threads.POOL));
        event.set();
        for (CompletableFuture<Boolean> w : waiters) assertTrue(w.get());
        assertTrue(event.isSet());
        assertTrue(event.await(0));
        assertTrue(event.toString().endsWith(" set>"), event.toString());
        event.clear();
        assertFalse(event.isSet());
        event.shm().unlink();
    }

    @Test
    void aBarrierReleasesItsPartiesWithDistinctIndicesAndRunsItsActionOncePerGeneration() throws Exception {
        AtomicInteger actions = new AtomicInteger();
        int parties = 4;
        Barrier barrier = Barrier(parties, actions::incrementAndGet, Double.POSITIVE_INFINITY);
        assertEquals(parties, barrier.parties());
        for (int generation = 1; generation <= 3; generation++) {
            List<Integer> indices = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < parties; i++) {
                all.add(CompletableFuture.runAsync(() -> indices.add(barrier.await()), Threads.POOL));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            Collections.sort(indices);
            assertEquals(List.of(0, 1, 2, 3), indices);
            assertEquals(generation, actions.get());
        }
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.broken());
        assertTrue(barrier.toString().endsWith(": waiters=0/4>"), barrier.toString());
    }

    @Test
    void abortBreaksTheBarrierForItsWaitersAndResetRepairsIt() throws Exception {
        Barrier barrier = Barrier(3);
        CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(barrier::await, Threads.POOL);
        until(() -> barrier.nWaiting() == 1);
        barrier.abort();
        Exception e = assertThrows(Exception.class, waiter::get);
        assertTrue(e.getCause() instanceof BrokenBarrierError, e.toString());
        assertTrue(barrier.broken());
        assertTrue(barrier.toString().endsWith(": broken>"), barrier.toString());
        assertThrows(BrokenBarrierError.class, () -> barrier.await(1), "broken for newcomers too");
        barrier.reset();
        assertFalse(barrier.broken());
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(barrier::await, Threads.POOL);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(barrier::await, Threads.POOL);
        int c = barrier.await(60);
        assertEquals(List.of(0, 1, 2), sorted(a.get(), b.get(), c));
    }

    @Test
    void resetWhileWaitingBreaksTheCurrentWaitersOnly() throws Exception {
        Barrier barrier = Barrier(2);
        CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(barrier::await, Threads.POOL);
        until(() -> barrier.nWaiting() == 1);
        barrier.reset();
        assertTrue(assertThrows(Exception.class, waiter::get).getCause() instanceof BrokenBarrierError);
        assertFalse(barrier.broken(), "reset, not broken");
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(barrier::await, Threads.POOL);
        int mine = barrier.await(60);
        assertEquals(List.of(0, 1), sorted(next.get(), mine));
    }

    @Test
    void aWaitThatTimesOutBreaksTheBarrier() {
        Barrier barrier = Barrier(2, null, 0.01);
        assertThrows(BrokenBarrierError.class, barrier::await, "the default timeout");
        assertTrue(barrier.broken());
        assertThrows(PyValueError.class, () -> Barrier(0));
    }

    @Test
    void anActionThatThrowsBreaksTheBarrierAndReachesItsCaller() {
        Barrier barrier = Barrier(1, () -> {
            throw new IllegalStateException("boom");
        });
        assertEquals("boom", assertThrows(IllegalStateException.class, barrier::await).getMessage());
        assertTrue(barrier.broken());
    }

    /** One of each lock-like type, free (a Semaphore and a BoundedSemaphore of 1). */
    private static List<SemLock> everyKind() {
        return List.of(Lock(), RLock(), Semaphore(), BoundedSemaphore(), Condition(), Condition(Lock()));
    }

    private static List<Integer> sorted(Integer... xs) {
        List<Integer> list = new ArrayList<>(List.of(xs));
        Collections.sort(list);
        return list;
    }

    /** Runs {@code body} on a new thread named {@code name}. */
    private static <T> T onThread(String name, Supplier<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        t.start();
        return result.get();
    }

    /** Waits for a state other threads bring about (a generous bound, not a timing assertion). */
    static void until(BooleanSupplier condition) {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("the state was not reached in 30 s");
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
