package multiprocessing4j.queues;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import multiprocessing4j.reduction.ForkingPickler;

/**
 * The simplest queue between processes: CPython's {@code multiprocessing.SimpleQueue}, with no
 * feeder thread, no bound, no timeouts: {@code put} writes into the ring itself (waiting for
 * room when the ring is full, as CPython's waits on a full pipe), {@code get} waits for an item.
 * Captured by a {@code Process} target it re-attaches in the child by name.
 *
 * <p>Values cross as pickles, as {@link Queue}'s do.
 */
public final class SimpleQueue implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RingChannel channel;
    private transient volatile boolean closed;

    /** A new simple queue (CPython's {@code SimpleQueue()}). */
    public SimpleQueue() {
        this(RingChannel.DEFAULT_CAPACITY);
    }

    SimpleQueue(int ringCapacity) {
        this(RingChannel.create(ringCapacity, Queue.SEM_VALUE_MAX));
    }

    private SimpleQueue(RingChannel channel) {
        this.channel = channel;
    }

    /**
     * Puts {@code obj}, waiting for room in the ring if it is full.
     *
     * @throws multiprocessing4j.reduction.PicklingError if {@code obj} cannot be pickled; nothing is put
     * @throws UncheckedIOException "handle is closed" after {@link #close()} (CPython's OSError)
     */
    public void put(Object obj) {
        checkOpen();
        channel.send(Outgoing.of(obj), Long.MAX_VALUE);
    }

    /**
     * Removes and returns the oldest item, waiting as long as it takes.
     *
     * @throws UncheckedIOException "handle is closed" after {@link #close()} (CPython's OSError)
     */
    public Object get() {
        checkOpen();
        return ForkingPickler.loadsOwned(channel.recv(true, Long.MAX_VALUE));
    }

    /** Whether no item is waiting (a snapshot). */
    public boolean empty() {
        checkOpen();
        return channel.isEmpty();
    }

    /** No more {@code put} or {@code get} from this process (CPython 3.9+'s {@code close()}). Idempotent. */
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) throw new UncheckedIOException(new IOException("handle is closed"));
    }

    @Override
    public String toString() {
        return "<multiprocessing.queues.SimpleQueue object at " + channel.name() + ">";
    }

    private Object writeReplace() {
        return new Handle(channel);
    }

    /** A simple queue on its way to a child: its channel, by name. */
    private record Handle(RingChannel channel) implements Serializable {
        private Object readResolve() {
            return new SimpleQueue(channel);
        }
    }
}
