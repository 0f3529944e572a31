package multiprocessing4j;

import java.io.Serializable;

/**
 * A {@link Runnable} that can travel to a child process: what Python's {@code target} is to
 * {@code Process(target=...)}. A lambda written where a {@code SerializableRunnable} is expected
 * is compiled as a serializable lambda, so it and everything it captures are serialized at
 * {@link Process#start()} and rebuilt in the child.
 *
 * <p>The lambda is {@link #call()}, which may throw checked exceptions, as Python code may raise
 * anything: {@code new Process(() -> conn.send(x))} compiles although {@code send} throws
 * {@code IOException}. {@link #run()} calls it and lets any exception out unchanged, undeclared,
 * so a target that fails ends its process with exit code 1 and that exception's stack trace,
 * whatever its type.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {

    /** The work; what the lambda is. */
    void call() throws Exception;

    /** Calls {@link #call()}; a checked exception it throws leaves this method as it is, undeclared. */
    @Override
    default void run() {
        try {
            call();
        } catch (Exception e) {
            throw Undeclared.raise(e);
        }
    }
}
