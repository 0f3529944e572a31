package multiprocessing4j.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.Context;
import multiprocessing4j.Process;
import multiprocessing4j.SerializableRunnable;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;

/**
 * Makes a {@link Pool}'s worker processes and connects them: one Unix-socket {@link Listener}
 * per pool, with a fresh key, that each worker connects to and names itself on (its first frame).
 */
final class ProcessWorkers implements Pool.WorkerFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Context context;
    private final SerializableRunnable initializer;
    private final Integer maxtasks;
    private final byte[] key = new byte[32];
    private final Map<Integer, CompletableFuture<Connection>> connecting = new ConcurrentHashMap<>();
    private Listener listener;
    private volatile boolean closed;

    ProcessWorkers(Context context, SerializableRunnable initializer, Integer maxtasks) {
        this.context = context;
        this.initializer = initializer;
        this.maxtasks = maxtasks;
        RANDOM.nextBytes(key);
    }

    @Override
    public JobFunction prepare(Object function) {
        return Frames.function(function);
    }

    @Override
    public synchronized PoolWorker create(Pool pool, int number) {
        if (listener == null) listen(pool);
        connecting.put(number, new CompletableFuture<>());
        return new ProcessWorker(pool, number, this);
    }

    /**
     * A not yet started worker process, daemonic, named as CPython names it: its context's
     * default name with {@code PoolWorker} for {@code Process} ({@code ForkPoolWorker-3}, numbered
     * among all of this process's children).
     */
    Process process(int number) {
        String path = ((UnixDomainSocketAddress) listener.address()).getPath().toString();
        byte[] k = key;
        SerializableRunnable init = initializer;
        Integer max = maxtasks;
        Process p = context.Process(() -> WorkerMain.run(path, k, number, init, max));
        p.name(p.name().replace("Process", "PoolWorker"));
        p.daemon(true);
        return p;
    }

    /**
     * The connection of worker {@code number}, once it has connected; null if its process ended
     * first.
     */
    Connection awaitConnection(int number, Process process) {
        CompletableFuture<Connection> future = connecting.get(number);
        try {
            while (true) {
                try {
                    return future.get(50, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (!process.isAlive() && !future.isDone()) return null;
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            connecting.remove(number);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) listener.close();
    }

    private void listen(Pool pool) {
        try {
            listener = new Listener(null, 16, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the pool's workers", e);
        }
        Listener l = listener;
        Thread acceptor = new Thread(() -> accept(l), "multiprocessing4j-pool-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Hands each worker's connection to the thread that waits for it, by the number it sends. */
    private void accept(Listener l) {
        while (!closed) {
            Connection c;
            try {
                c = l.accept();
            } catch (IOException | RuntimeException e) {
                if (closed) return;
                continue; // a worker killed mid-handshake, or a stranger without the key
            }
            try {
                CompletableFuture<Connection> waiting = connecting.get(Frames.helloNumber(c.recvBytes(64)));
                if (waiting == null || !waiting.complete(c)) c.close();
            } catch (IOException | RuntimeException e) {
                c.close();
            }
        }
    }
}
