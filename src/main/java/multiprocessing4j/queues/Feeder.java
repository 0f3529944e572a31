package multiprocessing4j.queues;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import multiprocessing4j.ExitFunctions;

/**
 * One process's sending side of a {@link Queue}: CPython's buffer and feeder thread. A message
 * goes straight into the ring when nothing of this process is waiting before it and the ring has
 * room at once; otherwise it joins the buffer, and a feeder thread sends the buffer in order,
 * waiting for room. So {@code put} never waits for a consumer, and one thread's messages keep
 * their order. The thread takes the whole buffer at a time and writes as much of it as fits under
 * one hold of the write lock ({@link RingChannel#sendSome}): a producer that outruns its
 * consumers then pays for the lock, and for waking the thread, once per batch, not per message.
 * The thread is started when needed and ends after a quiet spell, and when the queue is closed,
 * once the buffer is flushed.
 *
 * <p>When the process exits, every feeder with something to send is flushed first (an
 * {@linkplain ExitFunctions exit function}, which a child runs before reporting its exit), unless
 * its queue's join was cancelled.
 */
final class Feeder {
    /** How long an idle feeder thread waits for more before ending. */
    private static final long LINGER_MILLIS = 100;
    private static final Set<Feeder> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        ExitFunctions.register(Feeder::flushAllAtExit);
    }

    private final RingChannel channel;
    private final Object lock = new Object();
    private ArrayDeque<Outgoing> buffer = new ArrayDeque<>(); // guarded by lock
    /** The thread's: the batch it took last, empty again once sent; swapped with the buffer. */
    private ArrayDeque<Outgoing> batch = new ArrayDeque<>();
    private boolean sending; // guarded by lock: the thread holds messages taken from the buffer
    private Thread thread; // guarded by lock
    private boolean closing; // guarded by lock
    private volatile boolean joinCancelled;

    Feeder(RingChannel channel) {
        this.channel = channel;
    }

    /** Sends {@code message} after everything this process submitted before. */
    void submit(Outgoing message) {
        synchronized (lock) {
            boolean idle = buffer.isEmpty();
            if (idle && !sending && channel.trySend(message)) return;
            buffer.add(message);
            if (thread == null) {
                startThread();
            } else if (idle) { // the thread waits only on an empty buffer
                lock.notifyAll();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                ArrayDeque<Outgoing> next;
                synchronized (lock) {
                    long idleUntil = System.nanoTime() + LINGER_MILLIS * 1_000_000;
                    while (buffer.isEmpty()) {
                        long left = idleUntil - System.nanoTime();
                        if (closing || left <= 0) return;
                        lock.wait(Math.max(1, left / 1_000_000));
                    }
                    next = buffer;
                    buffer = batch;
                    batch = next;
                    sending = true;
                }
                try {
                    sendAll(next);
                } finally {
                    synchronized (lock) {
                        sending = false;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                if (!batch.isEmpty()) { // an Error ended the thread mid-batch: what it held goes first, in order
                    batch.addAll(buffer);
                    buffer.clear();
                    ArrayDeque<Outgoing> unsent = batch;
                    batch = buffer;
                    buffer = unsent;
                }
                thread = null;
                RUNNING.remove(this);
                lock.notifyAll();
                if (!buffer.isEmpty() && !closing) startThread(); // an item arrived as we were leaving
            }
        }
    }

    /** Starts the feeder thread; the caller holds the lock. */
    private void startThread() {
        thread = new Thread(this::run, "QueueFeederThread");
        thread.setDaemon(true);
        RUNNING.add(this);
        thread.start();
    }

    private void sendAll(ArrayDeque<Outgoing> messages) {
        while (!messages.isEmpty()) {
            Outgoing head = messages.peek();
            try {
                if (channel.overflows(head)) {
                    channel.send(head, Long.MAX_VALUE);
                    messages.poll();
                } else if (channel.sendSome(messages) == 0) {
                    channel.awaitRoom(head.length());
                }
            } catch (RuntimeException e) {
                // as CPython's feeder: report, give the item's room back, go on with the next
                System.err.println("multiprocessing4j: a queue's feeder thread could not send an item: " + e);
                messages.poll();
                channel.counters().release();
            }
        }
    }

    /** The feeder flushes what it holds, then ends. */
    void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
    }

    /** Waits until the feeder thread has ended (flushed, when closing). */
    void join() {
        synchronized (lock) {
            while (thread != null) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void cancelJoin() {
        joinCancelled = true;
    }

    private static void flushAllAtExit() {
        for (Feeder f : RUNNING) {
            if (f.joinCancelled) continue;
            f.close();
            f.join();
        }
    }
}
