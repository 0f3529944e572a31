package multiprocessing4j;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can travel to a worker process: what Python's {@code func} is to
 * {@code pool.map(func, iterable)}. A lambda written where one is expected is compiled as a
 * serializable lambda, so it and what it captures are serialized and rebuilt in the worker.
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
