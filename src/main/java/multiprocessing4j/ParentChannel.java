package multiprocessing4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import multiprocessing4j.connection.Addresses;
import multiprocessing4j.connection.Connection;

/**
 * A child JVM's channel to its parent's {@link ChildListener}, seen from the child: connecting
 * with the token and key it read from stdin, the one report of how it exits, and exiting at once
 * when the parent dies (the channel reaches end of stream). Any failure to reach the parent means
 * the parent is gone, and the child halts with {@value #PARENT_DIED}.
 *
 * <p>A spawned child has its job already (it came on stdin), so it connects on a thread of its
 * own ({@link #connectInBackground}) while the main thread loads the target; a warm JVM connects
 * on its main thread once warmed up and then waits for its job on the channel ({@link #awaitJob}).
 */
final class ParentChannel {
    private static final int PARENT_DIED = 1;
    /** The frame by which an idle warm JVM tells its parent that its warm-up is done (see {@link WarmUp}). */
    static final byte WARMED = 'W';

    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

    private final InetSocketAddress parent;
    private final long token;
    private final byte[] key;
    private final String selectorProvider;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch jobArrived = new CountDownLatch(1);
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile Connection connection; // written once, before connected counts down

    /**
     * @param selectorProvider the class of the parent's {@link SelectorProvider#provider()}, which
     *     this JVM's is too (same JDK, same class path)
     */
    ParentChannel(InetSocketAddress parent, long token, byte[] key, String selectorProvider) {
        this.parent = parent;
        this.token = token;
        this.key = key;
        this.selectorProvider = selectorProvider;
    }

    /** Exits this JVM at once: its parent has exited, or has discarded it. */
    static void parentDied() {
        Addresses.removeTempDir(); // halt skips deleteOnExit
        Runtime.getRuntime().halt(PARENT_DIED);
    }

    /** Connects on this thread and presents the token and key. */
    void connect() {
        nameSelectorProvider();
        try {
            connection = ChildListener.greet(parent, token, key);
        } catch (IOException e) {
            parentDied();
        }
        StartTrace.mark("connected");
        connected.countDown();
    }

    /**
     * The first {@link SelectorProvider#provider()} looks for a provider service on the class
     * path, opening every jar on it: over half of a spawned child's connect (2026-12-03). When the
     * parent's lookup found none (its provider is the JDK's own), naming that class in the system
     * property skips the lookup and gives the same provider. The property is cleared once read.
     */
    private void nameSelectorProvider() {
        if (!selectorProvider.startsWith("sun.nio.ch.") || System.getProperty(SELECTOR_PROVIDER) != null) return;
        System.setProperty(SELECTOR_PROVIDER, selectorProvider);
        try {
            SelectorProvider.provider();
        } finally {
            System.clearProperty(SELECTOR_PROVIDER);
        }
    }

    /** For a spawned child, whose job is here: connects, then watches for the parent's death, on a thread of its own. */
    void connectInBackground() {
        jobArrived.countDown();
        new Watcher(this, true).start();
    }

    /**
     * For a warm JVM, connected: starts the thread that will watch for the parent's death once the
     * job is here (made now, so that the job does not wait for a thread to start), then receives
     * the job, loading the classes of any {@link Preload} hint that comes first. Until the job
     * comes, it runs {@code warmUp}'s rounds and then its exit rehearsal, and tells the parent
     * when all is done ({@link #WARMED}).
     */
    byte[] awaitJob(WarmUp warmUp) {
        new Watcher(this, false).start();
        try {
            int rounds = 1; // WarmUp.start() ran the first
            while (true) {
                if (rounds < WarmUp.ROUNDS && !connection.poll(0)) {
                    warmUp.round();
                    if (++rounds == WarmUp.ROUNDS) {
                        WarmUp.rehearseChannel(connection);
                        WarmUp.rehearseExit();
                        WarmUp.rehearseHandshake();
                        WarmUp.rehearseMethodHandles();
                        WarmUp.rehearseManager();
                        Addresses.releaseTempDirIfEmpty(); // the rehearsals' sockets are closed
                        connection.sendBytes(new byte[] {WARMED});
                    }
                    continue;
                }
                byte[] frame = connection.recvBytes();
                if (!Preload.is(frame)) {
                    jobArrived.countDown();
                    return frame;
                }
                Preload.run(frame); // idle: the parent's hint of classes to come
            }
        } catch (IOException e) {
            parentDied();
            throw new AssertionError("halted");
        }
    }

    /** Sends this child's one report (later ones are dropped), once connected. */
    void report(byte[] message) {
        if (!reported.compareAndSet(false, true)) return;
        try {
            connected.await();
            connection.sendBytes(message);
        } catch (IOException e) {
            // the parent is gone: nobody to tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean reported() {
        return reported.get();
    }

    /**
     * Ends the watch for the parent's death as this JVM exits, so that no thread is left blocked
     * in a native read: HotSpot's exit ({@code System.exit}) waits up to 300 ms for threads in
     * native code to come back, and a child that lingered so after its report would still be
     * alive when its parent's {@code join()} had returned. From here on the parent's death goes
     * unnoticed: an application's shutdown hook that never returns keeps this JVM alive.
     */
    void closeForExit() {
        Connection c = connection;
        if (c != null) c.close();
    }

    /**
     * The thread that exits the JVM when the channel reaches end of stream, once the job is here
     * (until then a warm JVM's main thread reads the channel and sees that itself).
     *
     * <p>A class, not a lambda: a lambda's call site costs a fresh JVM a class spun at run time,
     * where CDS archives only what {@link Spawn}'s training run spins.
     */
    private static final class Watcher extends Thread {
        private final ParentChannel channel;
        private final boolean connectFirst;

        Watcher(ParentChannel channel, boolean connectFirst) {
            super("multiprocessing4j-parent-watcher");
            setDaemon(true);
            this.channel = channel;
            this.connectFirst = connectFirst;
        }

        @Override
        public void run() {
            if (connectFirst) channel.connect();
            try {
                channel.jobArrived.await();
                while (true) channel.connection.recvBytes();
            } catch (IOException | InterruptedException e) {
                // closed on this side only by closeForExit, as this JVM exits; else the parent has gone
                if (!channel.connection.closed()) parentDied();
            }
        }
    }
}
