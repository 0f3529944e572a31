package multiprocessing4j;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that can travel to a worker process: Python's {@code func} and {@code args}
 * of {@code pool.apply(func, args)} as one lambda, {@code () -> func(a, b)}, whose captured values
 * are serialized with it.
 *
 * <p>The lambda is {@link #call()}, which may throw checked exceptions, as Python code may raise
 * anything; {@link #get()} lets them out unchanged, undeclared, and a pool's {@code get()} rethrows
 * them as they are.
 */
@FunctionalInterface
public interface SerializableSupplier<R> extends Supplier<R>, Serializable {

    /** The work; what the lambda is. */
    R call() throws Exception;

    /** Calls {@link #call()}; a checked exception it throws leaves this method as it is, undeclared. */
    @Override
    default R get() {
        try {
            return call();
        } catch (Exception e) {
            throw Undeclared.raise(e);
        }
    }
}
