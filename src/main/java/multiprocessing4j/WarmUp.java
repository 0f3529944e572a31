package multiprocessing4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import multiprocessing4j.managers.SyncManager;

/**
 * What a warm JVM does so that {@code start()} does not pay for it. {@link #start()}, before the
 * JVM reports ready, loads and links what a job's arrival needs the first time (both forms a target
 * travels in, serializable lambdas, the preparation data) by running the child's side of sample
 * jobs once. Then, while the JVM waits for its job ({@link ParentChannel#awaitJob}), it runs that
 * side again, {@link #round()} by round, until {@value #ROUNDS} rounds are done or the job
 * arrives, and ends with {@link #rehearseChannel}, one {@link #rehearseExit()}, one
 * {@link #rehearseHandshake()}, one {@link #rehearseMethodHandles()} and one
 * {@link #rehearseManager()}.
 *
 * <p>Why that many rounds: a job run once leaves the child's path interpreted, and its own run
 * then pushes methods over the JIT's thresholds, so a job used to start C1 and C2 compilations
 * that took the child's second core, and on two cores time slices of its main thread. Measured
 * per child with {@code perf}, 48 starts of a trivial target spaced 100 ms apart, 2026-12-07: one
 * round left 3.5 ms of main-thread and 4.2 ms of compiler CPU in the job; {@value #ROUNDS}
 * rounds, 2.0&ndash;2.3 and 0.2&ndash;0.8 ms (100 rounds: 2.3 and 1.6 ms; 1,000 did no better;
 * measured before targets travelled compact, see {@link LambdaTarget}).
 * The rounds take a JVM ~200 ms, so they run after it reports ready: a pool's first children
 * wait for boots, not for warm-ups.
 */
final class WarmUp {
    static final int ROUNDS = 300;
    static final int CHANNEL_ROUNDS = 500;

    /** Sample jobs: one in each of the forms a process travels in (see {@link TargetPickler}). */
    private final byte[][] jobs;

    private WarmUp(byte[]... jobs) {
        this.jobs = jobs;
    }

    /** Runs the first round, with what only the first needs. */
    static WarmUp start() {
        SerializableRunnable lambda = () -> { };
        int[] captured = new int[1]; // an object, not a value: Java serialization
        WarmUp warmUp = new WarmUp(sampleJob(new Process(lambda, "warm-up")),
                sampleJob(new Process(() -> captured[0]++, "warm-up")));
        Multiprocessing.getStartMethod();
        new ParentProcess("warm-up", 0, new byte[0]).toString();
        Thread hook = new Thread(lambda);
        Runtime.getRuntime().addShutdownHook(hook);
        Runtime.getRuntime().removeShutdownHook(hook);
        warmUp.round();
        return warmUp;
    }

    private static byte[] sampleJob(Process process) {
        return new PreparationData(TargetPickler.dumps(process).bytes(), "warm-up", new byte[0], "warm-up", 0,
                StartMethod.FORK.pythonName(), PreparationData.RuntimeState.capture()).serialize();
    }

    /** Runs the child's side of the sample jobs: decoding, this JVM's own runtime state (no change), the target, its run. */
    void round() {
        try {
            for (byte[] job : jobs) {
                PreparationData prep = PreparationData.deserialize(job);
                prep.runtimeState().apply();
                Bootstrap.run(TargetPickler.loads(prep.process()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Goes once through what a child does with its channel after its job, on a throwaway loopback
     * socket: sends a report while another thread waits in a receive, then closes the connection
     * from a third thread (as the exit hook does), which ends the waiting one. That path otherwise
     * runs cold in every child's exit (constant-pool resolution, native method lookups), costing
     * ~0.7 ms of CPU per child (perf, 2026-12-07), which back-to-back starts pay on two cores.
     * Best effort: a failure leaves the path cold and nothing else.
     */
    static void rehearseExit() {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Connection connection = Client.connect(server.getLocalAddress()); SocketChannel peer = server.accept()) {
                Thread receiver = new ReceiveUntilClosed(connection);
                receiver.start();
                connection.sendBytes(new byte[] {ExitCodes.REPORT, 0, 0, 0, 0});
                Thread closer = new Thread(connection::close, "multiprocessing4j-warm-up-close");
                closer.start();
                closer.join();
                receiver.join();
            }
        } catch (IOException | UncheckedIOException e) {
            // left cold
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Goes once through an authenticated connection over a Unix socket, both sides, as a child
     * does when its target captured a manager proxy, and as a started manager's server does with
     * its first client. Cold, the first one cost a warm child ~100&ndash;200 ms on two busy cores
     * (2026-12-07): the JCE's provider set-up behind the HMAC, {@code SecureRandom}'s, and the
     * Unix socket classes.
     * Best effort: a failure leaves the path cold and nothing else.
     */
    static void rehearseHandshake() {
        byte[] key = Authkeys.random();
        try (Listener listener = new Listener(null, 1, key)) {
            rehearseHandshake(listener, listener.address(), key);
        } catch (IOException | RuntimeException e) {
            // left cold
        }
    }

    /**
     * The rehearsal on {@code listener}, its client connecting to {@code clientAddress} (a test
     * gives one that nobody listens on). Returns also when the client cannot connect: the accept
     * would otherwise wait for ever, and this JVM, deaf to its parent until the rehearsals end,
     * would outlive it (a socket file deleted under the listener by a temp-directory clean-up
     * left two such JVMs on 2026-12-08).
     */
    static void rehearseHandshake(Listener listener, SocketAddress clientAddress, byte[] key) throws IOException {
        Thread client = new Thread(() -> {
            try (Connection c = Client.connect(clientAddress, key)) {
                c.sendBytes(new byte[1]);
            } catch (IOException | RuntimeException e) {
                listener.close(); // ends the accept below
            }
        }, "multiprocessing4j-warm-up-client");
        client.start();
        try (Connection served = listener.accept()) {
            served.recvBytes();
        } finally {
            try {
                client.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs once what the JDK builds out of method handles at its first use in a JVM, so that a
     * child does not: a record's deserialization ({@code ObjectStreamClass.RecordSupport}; every
     * {@code Value}, {@code Array}, lock and queue travels as a record
     * handle), a record's {@code equals}, {@code hashCode} and {@code toString}
     * ({@code ObjectMethods}), and string concatenation ({@code StringConcatFactory}). Cold, each
     * spins tens of method-handle classes: the seed example's child, which receives a
     * {@code Value} and an {@code Array}, took 64&ndash;71 ms to start and join without this and
     * 23&ndash;33 ms with it (2026-12-07). Best effort: a failure leaves them cold and nothing else.
     */
    static void rehearseMethodHandles() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new Sample("warm-up", 1));
            }
            Sample sample;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                sample = (Sample) in.readObject();
            }
            // the concatenation, toString, hashCode and equals are the point, not the string
            String unused = sample + "|" + sample.hashCode() + "|" + sample.equals(new Sample(sample.name(), 2));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // left cold
        }
    }

    private record Sample(String name, int n) implements Serializable {}

    /**
     * Builds a {@code SyncManager} and its server once (bound, never served), as the child that
     * {@code Manager()} starts does first: the registry's method references and the server's
     * set-up, cold, were 5&ndash;18 ms of that child's start even with their classes mapped from
     * the class-data archive. Measured 2026-12-08, medians of 8 {@code Manager()} calls with
     * {@code fork}: 15&ndash;19 ms without this, 11 ms with it; a warm JVM spends 3&ndash;6 ms
     * on it, and back-to-back trivial {@code fork} starts did not move (3.3 against 3.4 ms,
     * medians of 16 batches, alternating). Best effort: a failure leaves it cold and nothing else.
     */
    static void rehearseManager() {
        try {
            new SyncManager(null, Authkeys.random()).getServer().close();
        } catch (RuntimeException e) {
            // left cold
        }
    }

    /**
     * Sends {@value #CHANNEL_ROUNDS} frames, a report's and a job's by turns, to a thread that
     * echoes them over a loopback connection, so that the channel's receive path (the job's
     * arrival) and send path (the report) run compiled in a child, not interpreted: back-to-back
     * {@code fork} starts took 3.38 ms against 3.57 without (medians of six paired runs,
     * 2026-12-07). It costs an idle JVM ~40 ms, 15 of them its main thread's CPU. Stops early
     * when {@code parent} has a frame waiting: the job must not wait for a rehearsal. Best
     * effort: a failure leaves the path cold and nothing else.
     *
     * @return the frames echoed
     */
    static int rehearseChannel(Connection parent) {
        int echoed = 0;
        try (Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, null)) {
            Thread echo = new Echo(listener);
            echo.start();
            try (Connection c = Client.connect(listener.address())) {
                byte[] report = {ExitCodes.REPORT, 0, 0, 0, 0};
                byte[] job = new byte[512]; // a trivial target's job under fork: 502 bytes
                for (; echoed < CHANNEL_ROUNDS && (echoed % 10 != 0 || !parent.poll(0)); echoed++) {
                    c.sendBytes(echoed % 2 == 0 ? report : job);
                    c.recvBytes();
                }
            }
            echo.join(); // not left in a native read, which would hold up this JVM's exit
        } catch (IOException | RuntimeException e) {
            // left cold
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return echoed;
    }

    /** Sends back each frame it receives on the one connection it accepts, until end of stream. */
    private static final class Echo extends Thread {
        private final Listener listener;

        Echo(Listener listener) {
            super("multiprocessing4j-warm-up-echo");
            setDaemon(true);
            this.listener = listener;
        }

        @Override
        public void run() {
            try (Connection c = listener.acceptWithoutHandshake()) {
                while (true) c.sendBytes(c.recvBytes());
            } catch (IOException e) {
                // end of stream: the rehearsal is over
            }
        }
    }

    /** As {@link ParentChannel}'s watcher: receives until the connection is closed under it. */
    private static final class ReceiveUntilClosed extends Thread {
        private final Connection connection;

        ReceiveUntilClosed(Connection connection) {
            super("multiprocessing4j-warm-up-receive");
            setDaemon(true);
            this.connection = connection;
        }

        @Override
        public void run() {
            try {
                while (true) connection.recvBytes();
            } catch (IOException e) {
                // closed by the rehearsal
            }
        }
    }
}
