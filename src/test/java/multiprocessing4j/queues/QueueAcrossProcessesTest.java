package multiprocessing4j.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import multiprocessing4j.Context;
import multiprocessing4j.Empty;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.Process;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Queues shared by processes: children re-attach them by name and see CPython's semantics. */
@Timeout(120)
class QueueAcrossProcessesTest {
    private static final Context CTX = Multiprocessing.getContext("forkserver");

    @ParameterizedTest(name = "{0}: a child's put reaches the parent, and the parent's put the child")
    @ValueSource(strings = {"fork", "forkserver", "spawn"})
    void itemsCrossBothWaysUnderEveryStartMethod(String method) {
        Queue toChild = new Queue();
        Queue toParent = new Queue();
        Process p = Multiprocessing.getContext(method).Process(() -> {
            Object got = toChild.get(30);
            toParent.put(PyTuple.of("echo", got));
        });
        p.start();
        toChild.put(PyTuple.of(1, 2.5, "three", null));
        assertEquals(PyTuple.of("echo", PyTuple.of(1, 2.5, "three", null)), toParent.get(30));
        p.join();
        assertEquals(0, p.exitcode());
    }

    /**
     * Three producers and two consumers, all separate processes, over a small bounded queue (so the
     * ring wraps, fills, and feeders and puts wait): every item arrives exactly once, and each
     * consumer sees each producer's items in the order they were put.
     */
    @Test
    void concurrentProducersAndConsumersLoseNothingDuplicateNothingAndKeepEachProducersOrder() {
        int producers = 3;
        int perProducer = 4000;
        Queue q = new Queue(50, 4096);
        Queue results = new Queue();
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < producers; k++) {
            int id = k;
            ps.add(CTX.Process(() -> {
                for (int i = 0; i < perProducer; i++) q.put(PyTuple.of(id, i));
            }));
        }
        for (int c = 0; c < 2; c++) {
            ps.add(CTX.Process(() -> {
                List<Object> got = new ArrayList<>();
                for (Object item; (item = q.get(60)) != null; ) got.add(item);
                results.put(got);
            }));
        }
        ps.forEach(Process::start);
        for (int k = 0; k < producers; k++) {
            ps.get(k).join();
            assertEquals(0, ps.get(k).exitcode());
        }
        q.put(null);
        q.put(null);
        List<List<?>> perConsumer = List.of((List<?>) results.get(60), (List<?>) results.get(60));
        ps.forEach(Process::join);

        Set<PyTuple> seen = new HashSet<>();
        for (List<?> got : perConsumer) {
            Map<Object, Long> last = new HashMap<>();
            for (Object o : got) {
                PyTuple t = (PyTuple) o;
                assertTrue(seen.add(t), () -> "duplicate " + t);
                long seq = ((Number) t.get(1)).longValue();
                Long before = last.put(t.get(0), seq);
                assertTrue(before == null || before < seq, () -> "producer " + t.get(0) + ": " + seq + " after " + before);
            }
        }
        assertEquals(producers * perProducer, seen.size());
        assertEquals(0, q.qsize());
        assertTrue(q.empty());
    }

    @Test
    void aChildThatExitsNormallyFlushesWhatItsFeederStillHolds() {
        Queue q = new Queue(0, 256); // room for a handful of items: the rest waits in the child's feeder
        Process p = CTX.Process(() -> {
            for (int i = 0; i < 500; i++) q.put(i);
        });
        p.start();
        for (int i = 0; i < 500; i++) assertEquals(i, ((Number) q.get(30)).intValue());
        p.join();
        assertEquals(0, p.exitcode());
        assertThrows(Empty.class, q::getNowait);
    }

    @Test
    void afterCancelJoinThreadAnExitingChildDropsWhatItsFeederHolds() {
        Queue q = new Queue(0, 256);
        Process p = CTX.Process(() -> {
            q.cancelJoinThread();
            for (int i = 0; i < 500; i++) q.put(i);
        });
        p.start();
        p.join(); // would never return without the cancel: nobody reads until it has exited
        assertEquals(0, p.exitcode());
        int got = 0;
        try {
            while (true) assertEquals(got++, ((Number) q.getNowait()).intValue());
        } catch (Empty e) {
            got--;
        }
        assertTrue(got > 0 && got < 500, "what fit in the ring arrived, in order; the rest is gone: " + got);
        assertEquals(500 - got, q.qsize(), "as CPython's semaphore, the lost items still count");
    }

    @Test
    void aConsumerWithATimeoutGetsEmptyWhenItsProducerWasKilled() {
        Queue q = new Queue();
        Process producer = CTX.Process(() -> {
            q.put("last words");
            LockSupport.parkNanos(60_000_000_000L);
        });
        producer.start();
        assertEquals("last words", q.get(30));
        producer.kill();
        producer.join();
        assertEquals(-9, producer.exitcode());
        assertThrows(Empty.class, () -> q.get(0.3));
    }

    @Test
    void aConsumerKilledWhileWaitingInGetDoesNotBlockTheOtherConsumers() {
        Queue q = new Queue();
        Process consumer = CTX.Process(() -> q.get());
        consumer.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!q.channel.readLock().toString().contains("SomeOtherProcess")) { // it waits, holding the read lock
            assertTrue(System.nanoTime() < deadline, "the child never got to wait in get()");
            LockSupport.parkNanos(1_000_000);
        }
        consumer.kill();
        consumer.join();
        q.put("for the survivors");
        assertEquals("for the survivors", q.get(30), "the dead consumer's read lock was taken over");
        assertTrue(q.channel.readLock().takeovers() >= 1);
    }

    @Test
    void aMessageLargerThanTheRingCrossesWhole() {
        Queue q = new Queue(0, 4096);
        Process p = CTX.Process(() -> {
            byte[] big = new byte[3 << 20];
            for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
            q.put(PyBytes.of(big));
            q.put("after");
        });
        p.start();
        byte[] got = ((PyBytes) q.get(60)).toByteArray();
        assertEquals(3 << 20, got.length);
        for (int i = 0; i < got.length; i++) if (got[i] != (byte) (i * 31)) throw new AssertionError("byte " + i);
        assertEquals("after", q.get(30));
        p.join();
    }

    @Test
    void joinableQueueJoinReturnsOnceAChildHasMarkedEveryTaskDone() {
        JoinableQueue tasks = new JoinableQueue();
        Queue done = new Queue();
        Process worker = CTX.Process(() -> {
            for (Object t; (t = tasks.get(60)) != null; ) {
                done.put(t);
                tasks.taskDone();
            }
            tasks.taskDone();
        });
        worker.start();
        for (int i = 0; i < 100; i++) tasks.put(i);
        tasks.join();
        assertEquals(100, done.qsize(), "join() returned only after all 100 task_done() calls");
        tasks.put(null);
        worker.join();
        assertEquals(0, worker.exitcode());
        PyValueError e = assertThrows(PyValueError.class, tasks::taskDone);
        assertEquals("ValueError: task_done() called too many times", e.getMessage());
    }

    @Test
    void aSimpleQueueCarriesItemsBothWays() {
        SimpleQueue in = new SimpleQueue();
        SimpleQueue out = new SimpleQueue(256);
        Process p = CTX.Process(() -> {
            for (Object o; (o = in.get()) != null; ) out.put(PyTuple.of(o, o));
            out.put("done");
        });
        p.start();
        assertTrue(in.empty());
        for (int i = 0; i < 300; i++) in.put(i);
        in.put(null);
        for (int i = 0; i < 300; i++) {
            PyTuple t = (PyTuple) out.get();
            assertEquals(i, ((Number) t.get(0)).intValue());
        }
        assertEquals("done", out.get());
        p.join();
        assertEquals(0, p.exitcode());
        assertTrue(out.empty());
    }

    @Test
    void aJavaOnlyValueCrossesInItsEnvelope() {
        Queue q = new Queue();
        Process p = CTX.Process(() -> q.put(new java.util.ArrayDeque<>(List.of("a", "b"))));
        p.start();
        Object got = q.get(30);
        p.join();
        var envelope = assertInstanceOf(multiprocessing4j.reduction.JavaObjectEnvelope.class, got);
        assertEquals(List.of("a", "b"), new ArrayList<>((java.util.ArrayDeque<?>) envelope.deserialize(java.io.ObjectInputFilter.Config.createFilter("java.base/*;!*"))));
        assertFalse(q.full());
    }
}
