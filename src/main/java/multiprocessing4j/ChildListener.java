package multiprocessing4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;

/**
 * The TCP socket on the loopback interface that this process's child JVMs connect back to, one
 * per parent, opened on first use. A child learns the port, a one-time token and the channel key
 * from its stdin (never its command line) and sends the token and the key as its first frame;
 * the connection is handed to whoever launched that child. A relayed connection
 * ({@link #forRelays()}) is greeted the same way, its token and key arriving in the target.
 *
 * <p>Why a key, and no HMAC challenge: any local user can connect to a loopback port, but only a
 * child this process launched has the key, which travelled on a pipe between the two alone. A
 * child sends it only to the port this process holds bound for its whole life (no other socket
 * can take it), over the loopback interface, which other users cannot read without the
 * privileges that would let them read this process's memory anyway. So the key proves the peer,
 * as an HMAC challenge would, and skipping the challenge spares every child JVM the start-up of
 * the Java cryptography providers. The channel key is not the authkey: children may be given
 * other authkeys, and the authkey travels only over this channel.
 *
 * <p>Why TCP, not a Unix socket in a private directory: JDK 17's Unix sockets create a
 * {@code SecureRandom} on first use, whose provider set-up took ~20 ms of a spawned child's
 * connect, which ended after its job (2026-12-07). Relayed {@code Pipe()} ends
 * ({@link ConnectionRelay}) attach to a second listener of this kind, on a Unix socket in this
 * JVM's {@code pymp-} directory ({@link #forRelays()}): each of their frames crosses it twice,
 * and a Unix socket round trip is cheaper than a loopback TCP one (a {@code Pipe()} round trip
 * through a child took 81&ndash;97 &micro;s that way and 95&ndash;107 over TCP, 2026-12-08),
 * while only a child whose target captured an end pays for its first use.
 *
 * <p>Since anyone local may connect, a peer gets {@value #GREETING_SECONDS} s to send its first
 * frame, and at most {@value #MAX_GREETINGS} peers are greeted at once: a peer that arrives when
 * all are taken makes the one that has waited longest be closed. A child sends its first frame as
 * soon as it has connected, so it is never that one unless {@value #MAX_GREETINGS} peers came in
 * the meantime; holding the greetings costs a would-be intruder a stream of new connections, not
 * a few silent ones. Nothing a peer sends is read as more than bytes.
 */
final class ChildListener {
    static final long GREETING_SECONDS = 10;
    static final int MAX_GREETINGS = 64;

    private static ChildListener instance; // guarded by ChildListener.class
    private static ChildListener forRelays; // guarded by ChildListener.class

    private final Listener listener;
    private final byte[] key = Authkeys.random();
    private final AtomicLong tokens = new AtomicLong();
    private final Map<Long, CompletableFuture<Connection>> expected = new ConcurrentHashMap<>();
    private final long greetingMillis;
    private final int maxGreetings;
    /** Connections being greeted, oldest first. */
    private final Deque<Connection> greeting = new ArrayDeque<>(); // guarded by itself

    /** A loopback TCP listener that gives a peer {@code greetingMillis} to greet and greets at most {@code maxGreetings} at once. */
    ChildListener(long greetingMillis, int maxGreetings) throws IOException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), greetingMillis, maxGreetings);
    }

    /** As above, bound to {@code address} (null: a fresh Unix socket path). */
    ChildListener(SocketAddress address, long greetingMillis, int maxGreetings) throws IOException {
        this.greetingMillis = greetingMillis;
        this.maxGreetings = maxGreetings;
        listener = new Listener(address, 64, null);
        Thread acceptor = new Thread(this::acceptLoop, "multiprocessing4j-child-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** This JVM's listener for its children's channels (loopback TCP). */
    static synchronized ChildListener get() throws IOException {
        if (instance == null) instance = new ChildListener(TimeUnit.SECONDS.toMillis(GREETING_SECONDS), MAX_GREETINGS);
        return instance;
    }

    /** This JVM's listener for relayed connections (a Unix socket): see the class comment. */
    static synchronized ChildListener forRelays() throws IOException {
        if (forRelays == null) forRelays = new ChildListener(null, TimeUnit.SECONDS.toMillis(GREETING_SECONDS), MAX_GREETINGS);
        return forRelays;
    }

    /** A token for one child about to be launched, and the future its connection completes. */
    long expect(CompletableFuture<Connection> connection) {
        long token = tokens.incrementAndGet();
        expected.put(token, connection);
        return token;
    }

    void forget(long token) {
        expected.remove(token);
    }

    SocketAddress address() {
        return listener.address();
    }

    byte[] key() {
        return key.clone();
    }

    /**
     * The child's side: connects to a parent's listener at {@code address} and presents
     * {@code token} and {@code key} as the first frame.
     */
    static Connection greet(SocketAddress address, long token, byte[] key) throws IOException {
        Connection c = Client.connect(address);
        try {
            c.sendBytes(ByteBuffer.allocate(Long.BYTES + key.length).putLong(token).put(key).array());
        } catch (IOException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Stops accepting (for tests: the shared listener lives as long as this JVM). */
    void close() {
        listener.close();
    }

    private void acceptLoop() {
        while (true) {
            Connection c;
            try {
                c = listener.acceptWithoutHandshake();
                StartTrace.mark("accepted");
            } catch (IOException e) {
                if (listener.closed()) return;
                continue; // that client is gone: keep serving
            }
            Connection oldest = null;
            synchronized (greeting) {
                if (greeting.size() >= maxGreetings) oldest = greeting.pollFirst();
                greeting.addLast(c);
            }
            if (oldest != null) oldest.close(); // ends its greeter's receive
            Thread greeter = new Thread(() -> greet(c), "multiprocessing4j-child-hello");
            greeter.setDaemon(true);
            greeter.start();
        }
    }

    /**
     * Reads a peer's first frame, on its own thread (a silent peer must not hold up the rest),
     * closing the connection unless it holds a valid token and the key.
     */
    private void greet(Connection c) {
        AtomicBoolean settled = new AtomicBoolean();
        CompletableFuture.delayedExecutor(greetingMillis, TimeUnit.MILLISECONDS).execute(() -> {
            if (settled.compareAndSet(false, true)) c.close(); // too slow: ends the receive below
        });
        CompletableFuture<Connection> waiting = null;
        try {
            ByteBuffer hello = ByteBuffer.wrap(c.recvBytes(Long.BYTES + key.length));
            // Out of reach of the deadline and of eviction before anything is handed over.
            if (settled.compareAndSet(false, true) && stopGreeting(c) && hello.remaining() == Long.BYTES + key.length) {
                long token = hello.getLong();
                byte[] presented = new byte[key.length];
                hello.get(presented);
                if (MessageDigest.isEqual(presented, key)) waiting = expected.remove(token);
            }
        } catch (IOException e) {
            // closed below
        } finally {
            stopGreeting(c);
        }
        StartTrace.mark("greeted");
        if (waiting == null || !waiting.complete(c)) c.close();
    }

    /** Takes {@code c} off the greeting list; false if it was no longer there (it was evicted). */
    private boolean stopGreeting(Connection c) {
        synchronized (greeting) {
            return greeting.remove(c);
        }
    }
}
