package multiprocessing4j.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The result of a map: chunk {@code i} fills positions {@code [i * chunksize, (i + 1) * chunksize)};
 * the first chunk to fail fails the whole result at once, as CPython's {@code MapResult}.
 */
final class MapResult<R> extends AsyncResult<List<R>> {
    private final Object[] values;
    private final int chunksize;
    private int chunksLeft;

    MapResult(long id, int length, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback, Runnable onSettled) {
        super(id, callback, errorCallback, onSettled);
        this.values = new Object[length];
        this.chunksize = chunksize;
        this.chunksLeft = chunksize == 0 ? 0 : (length + chunksize - 1) / chunksize;
        if (chunksLeft == 0) settle(true, new ArrayList<>());
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
            System.arraycopy(chunk, 0, values, index * chunksize, chunk.length);
            last = --chunksLeft == 0;
        }
        if (last) settle(true, new ArrayList<>(Arrays.asList(values)));
    }
}
