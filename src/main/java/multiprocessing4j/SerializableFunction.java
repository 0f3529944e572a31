package multiprocessing4j;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can travel to a worker process: what Python's {@code func} is to
 * {@code pool.map(func, iterable)}. A lambda written where one is expected is compiled as a
 * serializable lambda, so it and what it captures are serialized and rebuilt in the worker.
 *
 * <p>The lambda is {@link #call(Object)}, which may throw checked exceptions, as Python code may
 * raise anything ({@code pool.map(p -> Files.readString(p), paths)} compiles); {@link #apply}
 * lets them out unchanged, undeclared, and a pool rethrows them as they are.
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {

    /** The work; what the lambda is. */
    R call(T t) throws Exception;

    /** Calls {@link #call(Object)}; a checked exception it throws leaves this method as it is, undeclared. */
    @Override
    default R apply(T t) {
        try {
            return call(t);
        } catch (Exception e) {
            throw Undeclared.raise(e);
        }
    }
}
