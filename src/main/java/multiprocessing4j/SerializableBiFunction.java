package multiprocessing4j;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that can travel to a worker process: a two-argument {@code func} for
 * {@code pool.starmap(func, iterable)}, where each item of the iterable is a pair of arguments.
 *
 * <p>The lambda is {@link #call(Object, Object)}, which may throw checked exceptions, as Python
 * code may raise anything; {@link #apply} lets them out unchanged, undeclared.
 */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {

    /** The work; what the lambda is. */
    R call(T t, U u) throws Exception;

    /** Calls {@link #call(Object, Object)}; a checked exception it throws leaves this method as it is, undeclared. */
    @Override
    default R apply(T t, U u) {
        try {
            return call(t, u);
        } catch (Exception e) {
            throw Undeclared.raise(e);
        }
    }
}
