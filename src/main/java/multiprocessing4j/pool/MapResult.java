package multiprocessing4j.pool;

import java.util.List;
import java.util.function.Consumer;
import multiprocessing4j.reduction.ReprList;

/**
 * The result of a map: chunk {@code i} fills positions {@code [i * chunksize, (i + 1) * chunksize)};
 * the first chunk to fail fails the whole result at once, as CPython's {@code MapResult}.
 *
 * <p>Chunks are written straight into the list handed out, not into an array copied at the end:
 * each copy of a 100,000-item map is 400 KB of fresh memory, which costs page faults. The list
 * prints as Python's {@code repr} of the result, as CPython's {@code print(pool.map(...))} does.
 */
final class MapResult<R> extends AsyncResult<List<R>> {
    private final ReprList values;
    private final int chunksize;
    private int chunksLeft;

    MapResult(long id, int length, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback, Runnable onSettled) {
        super(id, callback, errorCallback, onSettled);
        this.values = new ReprList(length);
        for (int i = 0; i < length; i++) values.add(null);
        this.chunksize = chunksize;
        this.chunksLeft = chunksize == 0 ? 0 : (length + chunksize - 1) / chunksize;
        if (chunksLeft == 0) settle(true, new ReprList());
    }

    @Override
    void taskDone(int index, boolean ok, Object value) {
        if (!ok) {
            settle(false, value);
            return;
        }
        Object[] chunk = (Object[]) value;
        boolean last;
        synchronized (this) {
            int at = index * chunksize;
            for (Object v : chunk) values.set(at++, v);
            last = --chunksLeft == 0;
        }
        if (last) settle(true, values);
    }
}
