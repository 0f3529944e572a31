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
        assertEquals(1, q.get());
        assertEquals(2, q.getNowait());
        assertThrows(Empty.class, q::getNowait);
        assertThrows(Empty.class, () -> q.get(0.05));
        assertThrows(Empty.class, () -> q.get(-1), "a negative timeout counts as 0, as CPython's");
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
}
