package multiprocessing4j.pool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import multiprocessing4j.reduction.PicklingError;

/**
 * The frames between a pool and its worker processes (one {@link multiprocessing4j.connection.Connection}
 * message each). The first byte is the kind; values are in {@link ValueCodec}'s layout:
 *
 * <pre>
 * HELLO        worker → pool, first:  int worker number (4 bytes, nothing else)
 * TASKS        pool → worker:          int n, n × (long job, int index, byte kind, int length, function bytes),
 *                                      then n × items (Object[], an INT_RUN…, or null)
 * STOP         pool → worker:          nothing more: finish and exit
 * RESULT       worker → pool:          long job, int index, byte ok, the result (or the Throwable raised)
 * INIT_FAILED  worker → pool:          the Throwable the initializer raised
 * </pre>
 *
 * A function is Java-serialized once per job; a non-capturing lambda (no fields, so immutable)
 * once per process.
 */
final class Frames {
    static final byte TASKS = 1;
    static final byte STOP = 2;
    static final byte RESULT = 3;
    static final byte INIT_FAILED = 4;

    /** Serialized forms of functions that capture nothing, by identity (lambdas do not override equals). */
    private static final Map<Object, byte[]> STATELESS = Collections.synchronizedMap(new WeakHashMap<>());

    private Frames() {}

    static byte[] hello(int worker) {
        return ByteBuffer.allocate(4).putInt(worker).array();
    }

    static int helloNumber(byte[] frame) {
        if (frame.length != 4) throw new IllegalArgumentException("not a worker's hello: " + frame.length + " bytes");
        return ByteBuffer.wrap(frame).getInt();
    }

    static byte[] stop() {
        return new byte[] {STOP};
    }

    /**
     * Writes a TASKS frame into {@code w}; returns its length.
     *
     * @throws IOException if an item does not serialize ({@link java.io.NotSerializableException})
     */
    static int tasks(ValueCodec.Writer w, List<Task> tasks) throws IOException {
        w.start(TASKS).putInt(tasks.size());
        for (Task t : tasks) {
            w.putLong(t.job()).putInt(t.index()).putByte(t.kind().ordinal()).putBytes(t.function().bytes());
        }
        for (Task t : tasks) {
            if (t.items() == null) w.putValue(null);
            else w.putArray(t.items(), t.from(), t.to());
        }
        return w.finish();
    }

    /**
     * Serializes a job's function once, for all its tasks.
     *
     * @throws PicklingError if it does not serialize (it captures something that does not)
     */
    static JobFunction function(Object function) {
        boolean stateless = capturesNothing(function);
        byte[] bytes = stateless ? STATELESS.get(function) : null;
        if (bytes == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
                oos.writeObject(function);
            } catch (IOException e) {
                throw new PicklingError("cannot send the function to a worker: " + e, e);
            }
            bytes = out.toByteArray();
            if (stateless) STATELESS.put(function, bytes);
        }
        return new JobFunction(function, bytes);
    }

    /**
     * Writes a task's outcome into {@code w}; returns its length. A result (or exception) that
     * does not serialize becomes a {@link MaybeEncodingError}, as in CPython.
     */
    static int result(ValueCodec.Writer w, long job, int index, boolean ok, Object value) {
        try {
            return w.start(RESULT).putLong(job).putInt(index).putByte(ok ? 1 : 0).putValue(value).finish();
        } catch (IOException e) {
            return result(w, job, index, false, new MaybeEncodingError(describe(value), e.toString()));
        }
    }

    static byte[] initFailed(Throwable error) {
        try {
            return new ValueCodec.Writer().start(INIT_FAILED).putValue(error).toByteArray();
        } catch (IOException e) {
            return initFailed(new MaybeEncodingError(describe(error), e.toString()));
        }
    }

    /** A reader of the frame in {@code frame[0, length)}. */
    static ValueCodec.Reader reader(byte[] frame, int length) throws IOException {
        return new ValueCodec.Reader(frame, 1, length);
    }

    private static boolean capturesNothing(Object function) {
        Class<?> c = function.getClass();
        if (!c.isSynthetic()) return false;
        return Arrays.stream(c.getDeclaredFields()).allMatch(f -> Modifier.isStatic(f.getModifiers()));
    }

    private static String describe(Object value) {
        String text;
        try {
            text = value instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(value);
        } catch (RuntimeException e) {
            text = value.getClass().getName();
        }
        if (!(value instanceof Serializable) && value != null) text += " (" + value.getClass().getName() + ")";
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
