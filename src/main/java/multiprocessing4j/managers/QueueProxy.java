package multiprocessing4j.managers;

import multiprocessing4j.Empty;
import multiprocessing4j.Full;

/**
 * A proxy of a {@code queue.Queue} on the server (typeids {@code Queue} and
 * {@code JoinableQueue}): CPython's auto-proxy for it, with Java methods for what it exposes.
 */
public class QueueProxy extends AutoProxy {

    public QueueProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /** Python's {@code put(item)}: blocks while the queue is full. */
    public void put(Object item) {
        callMethod("put", item);
    }

    /**
     * Python's {@code put(item, block)}: when blocking, waits for room as long as it takes.
     *
     * @throws Full if there was no room and {@code block} is false
     */
    public void put(Object item, boolean block) {
        callMethod("put", item, block);
    }

    /**
     * Python's {@code put(item, timeout=timeout)}.
     *
     * @throws Full if there was no room within {@code timeout} seconds
     */
    public void put(Object item, double timeout) {
        callMethod("put", item, true, timeout);
    }

    /**
     * Python's {@code put(item, block, timeout)}.
     *
     * @param timeout seconds to wait for room when blocking
     * @throws Full if there was no room (at once when not blocking)
     */
    public void put(Object item, boolean block, double timeout) {
        callMethod("put", item, block, timeout);
    }

    /**
     * Python's {@code put_nowait(item)}.
     *
     * @throws Full if the queue is full
     */
    public void putNowait(Object item) {
        callMethod("put_nowait", item);
    }

    /** Python's {@code get()}: blocks until an item is there. */
    public Object get() {
        return callMethod("get");
    }

    /**
     * Python's {@code get(block)}: when blocking, waits for an item as long as it takes.
     *
     * @throws Empty if there was no item and {@code block} is false
     */
    public Object get(boolean block) {
        return callMethod("get", block);
    }

    /**
     * Python's {@code get(timeout=timeout)}.
     *
     * @throws Empty if no item came within {@code timeout} seconds
     */
    public Object get(double timeout) {
        return callMethod("get", true, timeout);
    }

    /**
     * Python's {@code get(block, timeout)}.
     *
     * @param timeout seconds to wait for an item when blocking
     * @throws Empty if no item came (at once when not blocking)
     */
    public Object get(boolean block, double timeout) {
        return callMethod("get", block, timeout);
    }

    /**
     * Python's {@code get_nowait()}.
     *
     * @throws Empty if the queue is empty
     */
    public Object getNowait() {
        return callMethod("get_nowait");
    }

    /** Python's {@code qsize()}. */
    public int qsize() {
        return ((Number) callMethod("qsize")).intValue();
    }

    /** Python's {@code empty()}. */
    public boolean empty() {
        return (Boolean) callMethod("empty");
    }

    /** Python's {@code full()}. */
    public boolean full() {
        return (Boolean) callMethod("full");
    }

    /** Python's {@code task_done()}: one item taken by {@code get} is processed. */
    public void taskDone() {
        callMethod("task_done");
    }

    /** Python's {@code join()}: blocks until every item put has been marked done. */
    public void join() {
        callMethod("join");
    }

    /**
     * Python's {@code shutdown(immediate)} (servers on CPython 3.13+): later puts fail, and gets
     * fail once the queue is empty (at once if {@code immediate}).
     *
     * @throws multiprocessing4j.PyAttributeError if the server's Python has no {@code shutdown}
     */
    public void shutdown(boolean immediate) {
        requireExposed("shutdown");
        callMethod("shutdown", immediate);
    }
}
