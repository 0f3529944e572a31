package multiprocessing4j;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that can travel to a worker process: a two-argument {@code func} for
 * {@code pool.starmap(func, iterable)}, where each item of the iterable is a pair of arguments.
 */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {
}
