package multiprocessing4j.pool;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.reduction.PyTuple;

/**
 * How a worker runs a task's function over the task's items: CPython's {@code func(*args)},
 * {@code mapstar} and {@code starmapstar}.
 */
enum TaskKind {
    /** {@code apply}: a {@link Supplier} called once; no items. */
    APPLY {
        @Override
        Object run(Object func, Object[] items, int from, int to) {
            return ((Supplier<?>) func).get();
        }
    },
    /** A chunk of {@code map}/{@code imap}: a {@link Function} over each item; an {@code Object[]} of results. */
    MAP {
        @Override
        @SuppressWarnings("unchecked")
        Object run(Object func, Object[] items, int from, int to) {
            Function<Object, Object> f = (Function<Object, Object>) func;
            Object[] out = new Object[to - from];
            for (int i = from; i < to; i++) out[i - from] = f.apply(items[i]);
            return out;
        }
    },
    /** A chunk of {@code starmap}: a {@link BiFunction} over each item's two elements. */
    STARMAP {
        @Override
        @SuppressWarnings("unchecked")
        Object run(Object func, Object[] items, int from, int to) {
            BiFunction<Object, Object, Object> f = (BiFunction<Object, Object, Object>) func;
            Object[] out = new Object[to - from];
            for (int i = from; i < to; i++) {
                Object[] args = spread(items[i]);
                out[i - from] = f.apply(args[0], args[1]);
            }
            return out;
        }
    };

    /** Runs the task over {@code items[from, to)}; whatever the function throws propagates. */
    abstract Object run(Object func, Object[] items, int from, int to);

    /** An item of a starmap as its arguments: a {@link PyTuple}, a {@link List}, an array or a map entry, of two. */
    static Object[] spread(Object item) {
        Object[] args;
        if (item instanceof PyTuple t) args = t.toArray();
        else if (item instanceof List<?> l) args = l.toArray();
        else if (item instanceof Object[] a) args = a;
        else if (item instanceof Map.Entry<?, ?> e) args = new Object[] {e.getKey(), e.getValue()};
        else throw new PyTypeError("starmap's function takes 2 arguments; the item is not a sequence: "
                + (item == null ? "null" : item.getClass().getName()));
        if (args.length != 2) {
            throw new PyTypeError("starmap's function takes 2 positional arguments but " + args.length + " were given");
        }
        return args;
    }
}
