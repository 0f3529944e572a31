package multiprocessing4j.pool;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.StreamCorruptedException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import multiprocessing4j.SerializableRunnable;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;

/**
 * A worker process's loop, CPython's {@code worker()}: connect to the pool, run the initializer,
 * then run tasks and send each outcome back, until told to stop, the pool goes away, or
 * {@code maxtasks} tasks are done.
 */
final class WorkerMain {
    /** Functions deserialized lately, by their bytes: a map's chunks and repeated applies reuse them. */
    private final Map<ByteBuffer, Object> functions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Object> eldest) {
            return size() > 64;
        }
    };
    private final Connection connection;
    private final FrameInbox inbox = new FrameInbox();
    private final ValueCodec.Writer out = new ValueCodec.Writer();
    private final Integer maxtasks;
    private int done;

    private WorkerMain(Connection connection, Integer maxtasks) {
        this.connection = connection;
        this.maxtasks = maxtasks;
    }

    /** The target of a worker process. */
    static void run(String socketPath, byte[] key, int number, SerializableRunnable initializer, Integer maxtasks) {
        try (Connection connection = Client.connect(UnixDomainSocketAddress.of(socketPath), key)) {
            connection.sendBytes(Frames.hello(number));
            if (initializer != null) {
                try {
                    initializer.run();
                } catch (Throwable t) {
                    connection.sendBytes(Frames.initFailed(t));
                    throw t;
                }
            }
            new WorkerMain(connection, maxtasks).serve();
        } catch (EOFException e) {
            // the pool went away: nothing to answer
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("pool worker " + number + " lost its pool", e);
        }
    }

    private void serve() throws IOException {
        while (true) {
            int length = inbox.receive(connection);
            byte[] frame = inbox.frame();
            if (length == 0 || frame[0] == Frames.STOP) return;
            if (frame[0] != Frames.TASKS) throw new StreamCorruptedException("unexpected frame kind " + frame[0]);
            if (!runTasks(frame, length)) return;
        }
    }

    /** Runs a TASKS frame's tasks in order; false once {@code maxtasks} are done. */
    private boolean runTasks(byte[] frame, int length) throws IOException {
        ValueCodec.Reader in = Frames.reader(frame, length);
        int n = in.getInt();
        long[] jobs = new long[n];
        int[] indices = new int[n];
        TaskKind[] kinds = new TaskKind[n];
        Object[] funcs = new Object[n];
        Throwable[] failures = new Throwable[n];
        for (int i = 0; i < n; i++) {
            jobs[i] = in.getLong();
            indices[i] = in.getInt();
            kinds[i] = TaskKind.values()[in.getByte()];
            byte[] f = in.getBytes();
            try {
                funcs[i] = function(f);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                failures[i] = e;
            }
        }
        for (int i = 0; i < n; i++) {
            Object[] items = (Object[]) in.getValue();
            Exception unreadable = in.takeError();
            if (failures[i] == null) failures[i] = unreadable;
            Object value;
            boolean ok = false;
            if (failures[i] != null) {
                value = failures[i];
            } else {
                try {
                    value = kinds[i].run(funcs[i], items, 0, items == null ? 0 : items.length);
                    ok = true;
                } catch (Throwable t) {
                    value = t;
                }
            }
            int resultLength = Frames.result(out, jobs[i], indices[i], ok, value);
            connection.sendBytes(out.buffer(), 0, resultLength);
            if (maxtasks != null && ++done >= maxtasks) return false;
        }
        return true;
    }

    private Object function(byte[] bytes) throws IOException, ClassNotFoundException {
        ByteBuffer key = ByteBuffer.wrap(bytes);
        Object f = functions.get(key);
        if (f == null) {
            try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
                f = in.readObject();
            }
            functions.put(key, f);
        }
        return f;
    }
}
