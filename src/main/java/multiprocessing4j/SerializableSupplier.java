package multiprocessing4j;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that can travel to a worker process: Python's {@code func} and {@code args}
 * of {@code pool.apply(func, args)} as one lambda, {@code () -> func(a, b)}, whose captured values
 * are serialized with it.
 */
@FunctionalInterface
public interface SerializableSupplier<R> extends Supplier<R>, Serializable {
}
