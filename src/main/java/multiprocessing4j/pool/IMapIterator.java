package multiprocessing4j.pool;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import multiprocessing4j.ProcessError;
import multiprocessing4j.TimeoutError;

/**
 * The results of {@link Pool#imap} (in the input's order) or {@link Pool#imapUnordered} (in the
 * order they finish): CPython's {@code IMapIterator}. A chunk whose task raised yields that
 * exception once, from {@link #next()}, where its items would have been; iteration then goes on
 * with the next chunk.
 *
 * <p>{@link #hasNext()} blocks until the next result arrives or the results are known to be
 * exhausted, as Python's {@code next()} does. Iterate it from one thread.
 */
public final class IMapIterator<T> extends Job implements Iterator<T>, Iterable<T> {
    private final boolean ordered;
    private final Runnable onSettled;
    /** Ordered: finished chunks not yet reached, by index. */
    private final Map<Integer, Object> early = new HashMap<>();
    /** Chunks ready to hand out: {@code Object[]} items, or a {@link Throwable}. */
    private final ArrayDeque<Object> chunks = new ArrayDeque<>();
    private Object[] current;
    private int position;
    private int nextIndex;
    private int received;
    private int length = -1;
    private boolean abandoned;

    IMapIterator(long id, boolean ordered, Runnable onSettled) {
        super(id);
        this.ordered = ordered;
        this.onSettled = onSettled;
    }

    @Override
    public Iterator<T> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        return advance(Double.POSITIVE_INFINITY);
    }

    /** Python's {@code next()}: the next result, waiting as long as it takes. */
    @Override
    public T next() {
        return next(Double.POSITIVE_INFINITY);
    }

    /**
     * Python's {@code next(timeout)}.
     *
     * @throws TimeoutError if no result came within {@code timeout} seconds
     * @throws NoSuchElementException at the end (Python's {@code StopIteration})
     */
    @SuppressWarnings("unchecked")
    public T next(double timeout) {
        if (!advance(timeout)) throw new NoSuchElementException();
        return (T) current[position++];
    }

    /**
     * Waits until an item is at hand (true) or the results are exhausted (false); throws a
     * chunk's exception when it is next, and {@link TimeoutError} when the wait runs out.
     */
    private synchronized boolean advance(double timeout) {
        long deadline = Double.isInfinite(timeout) ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
        while (current == null || position == current.length) {
            Object chunk = chunks.poll();
            if (chunk instanceof Throwable t) throw Throwables.sneaky(t);
            if (chunk != null) {
                current = (Object[]) chunk;
                position = 0;
                continue;
            }
            if (length >= 0 && received == length) return false;
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new TimeoutError("no result within " + timeout + " s");
            try {
                if (deadline == Long.MAX_VALUE) wait();
                else wait(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessError("interrupted while waiting for a result", e);
            }
        }
        return true;
    }

    @Override
    synchronized void taskDone(int index, boolean ok, Object value) {
        if (abandoned) return;
        received++;
        if (!ordered) {
            chunks.add(value);
        } else {
            early.put(index, value);
            for (Object next; (next = early.remove(nextIndex)) != null; nextIndex++) chunks.add(next);
        }
        settledIfComplete();
        notifyAll();
    }

    @Override
    synchronized void tasksKnown(int count) {
        length = count;
        settledIfComplete();
        notifyAll();
    }

    @Override
    synchronized void abandon(Throwable why) {
        if (abandoned || (length >= 0 && received == length)) return;
        abandoned = true;
        chunks.add(why);
        length = received;
        onSettled.run();
        notifyAll();
    }

    private void settledIfComplete() {
        if (length >= 0 && received == length) onSettled.run();
    }
}
