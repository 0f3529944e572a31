package multiprocessing4j.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import multiprocessing4j.Empty;
import multiprocessing4j.Full;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PicklingError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's Queue semantics within one process: bounds, timeouts, counts, close. */
@Timeout(60)
class QueueSemanticsTest {

    @Test
    void aBoundedQueueRaisesFullWhenFullAndEmptyWhenEmpty() {
        Queue q = new Queue(2);
        assertTrue(q.empty());
        assertFalse(q.full());
        q.put(1);
        q.putNowait(2);
        assertTrue(q.full());
        assertEquals(2, q.qsize());
        assertThrows(Full.class, () -> q.putNowait(3));
        assertThrows(Full.class, () -> q.put(3, 0.05));
        assertThrows(Full.class, () -> q.put(3, false, 10), "not blocking: the timeout is ignored");
        assertThrows(Full.class, () -> q.put(3, false));
        assertEquals(1, q.get(true));
        assertEquals(2, q.getNowait());
        assertThrows(Empty.class, q::getNowait);
        assertThrows(Empty.class, () -> q.get(0.05));
        assertThrows(Empty.class, () -> q.get(false));
        assertThrows(Empty.class, () -> q.get(-1), "a negative timeout counts as 0, as CPython's");
        assertThrows(Empty.class, () -> q.get(Double.NEGATIVE_INFINITY));
        assertEquals(0, q.qsize());
    }

    @Test
    void anUnboundedPutNeverBlocksEvenWhenTheRingIsFull() {
        Queue q = new Queue(0, 64); // one small record fits; the rest waits in the feeder
        for (int i = 0; i < 1000; i++) q.putNowait(i);
        assertEquals(1000, q.qsize());
        for (int i = 0; i < 1000; i++) assertEquals(i, q.get(10));
    }

    @Test
    void threadsPuttingAtOnceThroughOneFeederKeepEachThreadsOrderAndLoseNothing() throws InterruptedException {
        Queue q = new Queue(0, 1024); // small: direct writes, the feeder and full-ring waits all happen
        int threads = 4;
        int each = 5000;
        java.util.List<Thread> producers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            producers.add(new Thread(() -> {
                for (int i = 0; i < each; i++) q.put(multiprocessing4j.reduction.PyTuple.of(id, i));
            }));
        }
        producers.forEach(Thread::start);
        int[] next = new int[threads];
        for (int n = 0; n < threads * each; n++) {
            multiprocessing4j.reduction.PyTuple t = (multiprocessing4j.reduction.PyTuple) q.get(30);
            int id = ((Number) t.get(0)).intValue();
            assertEquals(next[id]++, ((Number) t.get(1)).intValue(), "thread " + id + "'s order");
        }
        for (Thread t : producers) t.join();
        assertThrows(Empty.class, q::getNowait);
        assertEquals(0, q.qsize());
    }

    @Test
    void aValueThatCannotBePickledIsRefusedAtPutAndTakesNoRoom() {
        Queue q = new Queue(1);
        assertThrows(PicklingError.class, () -> q.put(new Object()));
        assertEquals(0, q.qsize());
        q.put("fits");
        assertEquals("fits", q.get());
    }

    @Test
    void afterCloseThisProcessCanNeitherPutNorGetAndJoinThreadReturnsOnceFlushed() {
        Queue q = new Queue(0, 256);
        AssertionError notClosed = assertThrows(AssertionError.class, q::joinThread);
        assertEquals("Queue " + q + " not closed", notClosed.getMessage());
        for (int i = 0; i < 100; i++) q.put(i);
        Queue reader = new Queue(q.channel); // another handle on the same queue, as a child's
        Thread drain = new Thread(() -> {
            for (int i = 0; i < 100; i++) reader.get();
        });
        drain.start();
        q.close();
        q.joinThread();
        PyValueError e = assertThrows(PyValueError.class, () -> q.put(1));
        assertEquals("ValueError: Queue " + q + " is closed", e.getMessage());
        assertThrows(PyValueError.class, q::get);
        q.close();
    }

    @Test
    void joinableQueueCountsTasksAndRefusesOneTaskDoneTooMany() {
        JoinableQueue q = new JoinableQueue();
        q.put("a");
        q.put("b");
        q.get();
        q.taskDone();
        q.get();
        q.taskDone();
        q.join();
        PyValueError e = assertThrows(PyValueError.class, q::taskDone);
        assertEquals("ValueError: task_done() called too many times", e.getMessage());
    }

    @Test
    void aClosedSimpleQueueSaysTheHandleIsClosed() {
        SimpleQueue q = new SimpleQueue();
        q.put("x");
        assertFalse(q.empty());
        assertEquals("x", q.get());
        q.close();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> q.put(1));
        assertEquals("handle is closed", e.getCause().getMessage());
        assertThrows(UncheckedIOException.class, q::get);
    }

    @Test
    void printsAsCPythonsDefaultReprWithTheSegmentForTheAddress() {
        Queue q = new Queue();
        SimpleQueue s = new SimpleQueue();
        JoinableQueue j = new JoinableQueue();
        assertTrue(q.toString().matches("<multiprocessing\\.queues\\.Queue object at \\S+>"), q.toString());
        assertTrue(s.toString().matches("<multiprocessing\\.queues\\.SimpleQueue object at \\S+>"), s.toString());
        assertTrue(j.toString().matches("<multiprocessing\\.queues\\.JoinableQueue object at \\S+>"), j.toString());
        q.close();
        s.close();
        j.close();
    }
}
