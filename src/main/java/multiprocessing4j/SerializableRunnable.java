package multiprocessing4j;

import java.io.Serializable;

/**
 * A {@link Runnable} that can travel to a child process: what Python's {@code target} is to
 * {@code Process(target=...)}. A lambda written where a {@code SerializableRunnable} is expected
 * is compiled as a serializable lambda, so it and everything it captures are serialized at
 * {@link Process#start()} and rebuilt in the child.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}
