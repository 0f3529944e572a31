package multiprocessing4j.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import multiprocessing4j.ProcessError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.TimeoutError;

/**
 * The result of {@link Pool#applyAsync}, {@link Pool#mapAsync} or {@link Pool#starmapAsync}:
 * CPython's {@code ApplyResult}/{@code MapResult}.
 *
 * <p>It completes once: with the value, or with the exception the task raised (rethrown by
 * {@link #get()} as that same exception, whose stack trace is the worker's and which carries a
 * suppressed {@link RemoteTraceback} naming the worker), or with a {@link WorkerLostError} when
 * the worker running it died or the pool was terminated. Callbacks run once, on a pool thread,
 * before {@link #ready()} turns true, as CPython's; keep them short, as they hold up other
 * results. A callback that throws is reported on stderr and does not change the result.
 */
public class AsyncResult<T> extends Job {
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private final Consumer<? super T> callback;
    private final Consumer<? super Throwable> errorCallback;
    private final Runnable onSettled;
    private boolean settled;

    AsyncResult(long id, Consumer<? super T> callback, Consumer<? super Throwable> errorCallback, Runnable onSettled) {
        super(id);
        this.callback = callback;
        this.errorCallback = errorCallback;
        this.onSettled = onSettled;
    }

    /**
     * Python's {@code get()}: waits for the result and returns it.
     *
     * @throws RuntimeException the exception the task raised (checked ones too, undeclared), or a
     *     {@link WorkerLostError}
     */
    public T get() {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw Throwables.sneaky(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while waiting for " + this, e);
        }
    }

    /**
     * Python's {@code get(timeout)}.
     *
     * @throws TimeoutError if the result is not ready within {@code timeout} seconds
     */
    public T get(double timeout) {
        await(timeout);
        if (!ready()) throw new TimeoutError(this + " not ready after " + timeout + " s");
        return get();
    }

    /** Python's {@code wait()}: waits until the result is ready. */
    public void await() {
        get0();
    }

    /** Python's {@code wait(timeout)}: waits at most {@code timeout} seconds for the result. */
    public void await(double timeout) {
        try {
            done.get(Math.max(0, (long) (timeout * 1e9)), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // ready with an exception, or not ready: wait() tells neither
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while waiting for " + this, e);
        }
    }

    /** Python's {@code ready()}: whether the call has completed. */
    public boolean ready() {
        return done.isDone();
    }

    /**
     * Python's {@code successful()}: whether the call completed without raising.
     *
     * @throws PyValueError if it is not ready (CPython 3.7+)
     */
    public boolean successful() {
        if (!ready()) throw new PyValueError(this + " not ready");
        return !done.isCompletedExceptionally();
    }

    /**
     * A future completed with the result, or exceptionally with a {@link java.util.concurrent.CompletionException}
     * around the task's exception. Completing it does not affect this result.
     */
    public CompletableFuture<T> toCompletableFuture() {
        return done.copy();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " of job " + id + (ready() ? ", ready>" : ">");
    }

    /** Completes the result once: callbacks first, then readiness, then the pool forgets it. */
    @SuppressWarnings("unchecked")
    final void settle(boolean ok, Object value) {
        synchronized (this) {
            if (settled) return;
            settled = true;
        }
        try {
            if (ok && callback != null) callback.accept((T) value);
            if (!ok && errorCallback != null) errorCallback.accept((Throwable) value);
        } catch (Throwable t) {
            System.err.println("Exception in a callback of " + this + ":");
            t.printStackTrace();
        }
        if (ok) done.complete((T) value);
        else done.completeExceptionally((Throwable) value);
        onSettled.run();
    }

    @Override
    void taskDone(int index, boolean ok, Object value) {
        settle(ok, value);
    }

    @Override
    void abandon(Throwable why) {
        settle(false, why);
    }

    private void get0() {
        try {
            done.get();
        } catch (ExecutionException e) {
            // ready with an exception: wait() does not raise it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while waiting for " + this, e);
        }
    }
}
