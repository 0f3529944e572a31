package multiprocessing4j.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import multiprocessing4j.Context;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.PyValueError;
import multiprocessing4j.SerializableBiFunction;
import multiprocessing4j.SerializableFunction;
import multiprocessing4j.SerializableRunnable;
import multiprocessing4j.SerializableSupplier;

/**
 * A pool of worker processes: CPython's {@code multiprocessing.pool.Pool}.
 *
 * <pre>{@code
 * try (Pool pool = Pool(4)) {                       // Multiprocessing.Pool, or ctx.Pool(4)
 *     List<Integer> squares = pool.map((Integer x) -> x * x, range(100));
 *     AsyncResult<Long> r = pool.applyAsync(() -> fib(30));
 *     r.get(10);                                    // seconds, as CPython
 * }                                                 // close(): submitted work still finishes
 *
 * Pool pool = Pool(2);                              // CPython's close-and-join idiom, line by line
 * List<AsyncResult<Integer>> rs = new ArrayList<>();
 * for (int i = 0; i < 10; i++) { int x = i; rs.add(pool.applyAsync(() -> slow(x))); }
 * pool.close();                                     // no more tasks; does not block
 * pool.join();                                      // waits for the workers to finish and exit
 * for (var r : rs) System.out.println(r.get());     // every result
 * }</pre>
 *
 * <p>Functions are serializable lambdas ({@link SerializableFunction}, {@link SerializableSupplier},
 * {@link SerializableBiFunction}); a function with arguments is a lambda that captures them
 * ({@code apply(f, (a, b))} is {@code apply(() -> f(a, b))}, {@code initializer=f,
 * initargs=(a,)} is {@code () -> f(a)}). Items and results cross in {@link ValueCodec}'s compact form,
 * other {@code Serializable}s as Java serialization. Python's keyword arguments {@code callback=}
 * and {@code error_callback=} are overloads: {@code applyAsync(f, callback)},
 * {@code mapAsync(f, items, callback, errorCallback)}, and so on.
 *
 * <p>Semantics are CPython's: {@code map} chunks its input as CPython does ({@code chunksize}
 * defaults to {@code ceil(len / (4 * processes))}), {@code imap}'s to 1; results come back in
 * order except from {@code imapUnordered}; a task's exception is rethrown by {@code get()};
 * {@code maxtasksperchild} tasks (chunks) retire a worker and a fresh one replaces it;
 * {@link #close()}, {@link #terminate()}, {@link #join()} as CPython's.
 *
 * <p>{@link #close()} is Python's {@code close()}, so leaving a try-with-resources block closes
 * the pool gracefully: work already submitted still completes (its results can be read after the
 * block), and the workers exit once it is done; {@code close()} does not wait for that, call
 * {@link #join()} to. This is the one place where the Java idiom differs from Python's
 * {@code with pool:}, whose exit calls {@code terminate()}: call {@link #terminate()} for that.
 * Workers are daemonic: if the JVM exits while a closed pool's workers still work, they are
 * terminated, as CPython terminates a pool's workers at interpreter exit.
 *
 * <p>Beyond CPython, which hangs in these cases: when a worker dies while holding tasks
 * (SIGKILL, out of memory, {@code System.exit}), those tasks' results fail with a
 * {@link WorkerLostError} and a replacement starts; {@link #terminate()} fails the results
 * still pending with a {@link WorkerLostError} instead of leaving them unfinished forever; an
 * initializer that raises breaks the pool visibly (pending and later calls fail) instead of
 * restarting workers forever.
 *
 * <p>How tasks travel: each worker has its own Unix-socket connection to the pool. The pool
 * hands each worker at most {@value PoolWorker#WINDOW} tasks at a time (round robin over the
 * workers), in one frame when several are due at once, so an idle worker never waits for a
 * round trip and the pool always knows which tasks a worker held when it died.
 */
public class Pool implements AutoCloseable {
    private enum State { RUN, CLOSE, TERMINATE }

    private final Object lock = new Object();
    private final int processes;
    private final Integer maxtasksperchild;
    private final WorkerFactory factory;
    /** Jobs not finished, by id: CPython's {@code _cache}. */
    private final Map<Long, Job> cache = new ConcurrentHashMap<>();
    /** Sources of tasks not yet handed to a worker, oldest first. Guarded by {@link #lock}. */
    private final ArrayDeque<TaskSource> pending = new ArrayDeque<>();
    /** Live workers, ready or starting. Guarded by {@link #lock}. */
    private final List<PoolWorker> workers = new ArrayList<>();
    private State state = State.RUN;
    /** Workers when the pool left RUN: CPython's {@code pool_size} keeps that count once it stops maintaining. Guarded by {@link #lock}. */
    private int sizeWhenStopped;
    private Throwable broken;
    private long lastJob;
    private int lastWorker;

    /** CPython's {@code Pool()}: one worker per CPU, the default context. */
    public Pool() {
        this(null, null, null, null);
    }

    /** CPython's {@code Pool(processes)}. */
    public Pool(Integer processes) {
        this(processes, null, null, null);
    }

    /**
     * CPython's {@code Pool(processes, initializer, initargs, maxtasksperchild, context)}, with
     * {@code initargs} captured by the {@code initializer} lambda.
     *
     * @param processes the number of workers; null for {@link Multiprocessing#cpuCount()}
     * @param initializer run by each worker when it starts; null for none
     * @param maxtasksperchild tasks (chunks) a worker runs before it is replaced; null for no limit
     * @param context the start method of the workers; null for the default
     * @throws PyValueError if {@code processes < 1} or {@code maxtasksperchild < 1}
     */
    public Pool(Integer processes, SerializableRunnable initializer, Integer maxtasksperchild, Context context) {
        this(processes, maxtasksperchild,
                new ProcessWorkers(context == null ? Multiprocessing.getContext() : context, initializer, maxtasksperchild));
    }

    Pool(Integer processes, Integer maxtasksperchild, WorkerFactory factory) {
        int n = processes == null ? Multiprocessing.cpuCount() : processes;
        if (n < 1) throw new PyValueError("Number of processes must be at least 1");
        if (maxtasksperchild != null && maxtasksperchild < 1) {
            throw new PyValueError("maxtasksperchild must be a positive int or None");
        }
        this.processes = n;
        this.maxtasksperchild = maxtasksperchild;
        this.factory = factory;
        maintain();
        Throwable failed;
        synchronized (lock) {
            failed = broken;
        }
        if (failed != null) {
            terminate();
            throw Throwables.sneaky(failed);
        }
    }

    /** Python's {@code apply(func)}: runs {@code func} in a worker and returns its result (or raises its exception). */
    public <R> R apply(SerializableSupplier<R> func) {
        return applyAsync(func).get();
    }

    /** Python's {@code apply_async(func)}. */
    public <R> AsyncResult<R> applyAsync(SerializableSupplier<R> func) {
        return applyAsync(func, null, null);
    }

    /**
     * Python's {@code apply_async(func, callback=)}: {@code callback} runs with the result in this
     * process, on a pool thread, before the result is ready; nothing runs if {@code func} raises.
     */
    public <R> AsyncResult<R> applyAsync(SerializableSupplier<R> func, Consumer<? super R> callback) {
        return applyAsync(func, callback, null);
    }

    /**
     * Python's {@code apply_async(func, callback=, error_callback=)}: the callbacks (either may be
     * null) run in this process, on a pool thread, when the result arrives.
     */
    public <R> AsyncResult<R> applyAsync(SerializableSupplier<R> func, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback) {
        JobFunction fn = factory.prepare(func);
        Set<PoolWorker> touched = new LinkedHashSet<>();
        AsyncResult<R> result;
        synchronized (lock) {
            checkRunning();
            result = new AsyncResult<>(++lastJob, callback, errorCallback, forget(lastJob));
            submitLocked(result, TaskSource.single(new Task(result.id, 0, TaskKind.APPLY, fn, null)), touched);
        }
        flush(touched);
        return result;
    }

    /** Python's {@code map(func, iterable)}: {@code [func(x) for x in iterable]}, in order, with the default chunksize. */
    public <T, R> List<R> map(SerializableFunction<T, R> func, Iterable<? extends T> iterable) {
        return mapAsync(func, iterable).get();
    }

    /** Python's {@code map(func, iterable, chunksize)}. */
    public <T, R> List<R> map(SerializableFunction<T, R> func, Iterable<? extends T> iterable, int chunksize) {
        return mapAsync(func, iterable, chunksize, null, null).get();
    }

    /** Python's {@code map_async(func, iterable)}. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> func, Iterable<? extends T> iterable) {
        return mapAsync(func, iterable, null, null, null);
    }

    /** Python's {@code map_async(func, iterable, chunksize)}. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> func, Iterable<? extends T> iterable,
            int chunksize) {
        return mapAsync(func, iterable, chunksize, null, null);
    }

    /** Python's {@code map_async(func, iterable, callback=)}, with the default chunksize. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> func, Iterable<? extends T> iterable,
            Consumer<? super List<R>> callback) {
        return mapAsync(func, iterable, null, callback, null);
    }

    /** Python's {@code map_async(func, iterable, callback=, error_callback=)}, with the default chunksize. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> func, Iterable<? extends T> iterable,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync(func, iterable, null, callback, errorCallback);
    }

    /**
     * Python's {@code map_async(func, iterable, chunksize, callback, error_callback)}; null
     * {@code chunksize} for CPython's default, null callbacks for none.
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> func, Iterable<? extends T> iterable,
            Integer chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapJob(TaskKind.MAP, func, iterable, chunksize, callback, errorCallback);
    }

    /** Python's {@code starmap(func, iterable)}: {@code [func(a, b) for (a, b) in iterable]}; items are pairs ({@code List}, {@code PyTuple}, array, {@code Map.Entry}). */
    public <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> func, Iterable<?> iterable) {
        return starmapAsync(func, iterable).get();
    }

    /** Python's {@code starmap(func, iterable, chunksize)}. */
    public <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> func, Iterable<?> iterable, int chunksize) {
        return starmapAsync(func, iterable, chunksize, null, null).get();
    }

    /** Python's {@code starmap_async(func, iterable)}. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<A, B, R> func, Iterable<?> iterable) {
        return starmapAsync(func, iterable, null, null, null);
    }

    /** Python's {@code starmap_async(func, iterable, chunksize)}. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<A, B, R> func, Iterable<?> iterable,
            int chunksize) {
        return starmapAsync(func, iterable, chunksize, null, null);
    }

    /** Python's {@code starmap_async(func, iterable, callback=)}, with the default chunksize. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<A, B, R> func, Iterable<?> iterable,
            Consumer<? super List<R>> callback) {
        return starmapAsync(func, iterable, null, callback, null);
    }

    /** Python's {@code starmap_async(func, iterable, callback=, error_callback=)}, with the default chunksize. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<A, B, R> func, Iterable<?> iterable,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return starmapAsync(func, iterable, null, callback, errorCallback);
    }

    /**
     * Python's {@code starmap_async(func, iterable, chunksize, callback, error_callback)}; null
     * {@code chunksize} for CPython's default, null callbacks for none.
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<A, B, R> func, Iterable<?> iterable,
            Integer chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapJob(TaskKind.STARMAP, func, iterable, chunksize, callback, errorCallback);
    }

    /** Python's {@code imap(func, iterable)}: results in order, as they come; chunksize 1. */
    public <T, R> IMapIterator<R> imap(SerializableFunction<T, R> func, Iterable<? extends T> iterable) {
        return imap(func, iterable, 1);
    }

    /**
     * Python's {@code imap(func, iterable, chunksize)}. The iterable is read lazily, as workers
     * have room, on the pool's threads.
     *
     * @throws PyValueError if {@code chunksize < 1}
     */
    public <T, R> IMapIterator<R> imap(SerializableFunction<T, R> func, Iterable<? extends T> iterable, int chunksize) {
        return imapJob(true, func, iterable, chunksize);
    }

    /** Python's {@code imap_unordered(func, iterable)}: results in the order they finish. */
    public <T, R> IMapIterator<R> imapUnordered(SerializableFunction<T, R> func, Iterable<? extends T> iterable) {
        return imapUnordered(func, iterable, 1);
    }

    /** Python's {@code imap_unordered(func, iterable, chunksize)}. */
    public <T, R> IMapIterator<R> imapUnordered(SerializableFunction<T, R> func, Iterable<? extends T> iterable,
            int chunksize) {
        return imapJob(false, func, iterable, chunksize);
    }

    /**
     * Python's {@code close()}: no more tasks; the ones already submitted still run, and the
     * workers exit once they are done. Does not block ({@link #join()} waits). Leaving a
     * try-with-resources block calls it, so work submitted in the block completes; Python's
     * {@code with pool:} terminates instead ({@link #terminate()}). Idempotent; after
     * {@link #terminate()} it changes nothing.
     */
    @Override
    public void close() {
        Set<PoolWorker> touched = new LinkedHashSet<>();
        synchronized (lock) {
            if (state == State.RUN) stopLocked(State.CLOSE);
            dispatchLocked(touched);
        }
        flush(touched);
        releaseIfDone();
    }

    /**
     * Python's {@code terminate()}: stops the workers at once and waits for them to end. Results
     * still pending fail with a {@link WorkerLostError} (CPython leaves them unfinished).
     */
    public void terminate() {
        List<PoolWorker> toKill;
        List<Job> jobs;
        synchronized (lock) {
            stopLocked(State.TERMINATE);
            pending.clear();
            toKill = new ArrayList<>(workers);
            jobs = new ArrayList<>(cache.values());
        }
        WorkerLostError why = new WorkerLostError("the pool was terminated before this task finished");
        for (Job job : jobs) job.abandon(why);
        for (PoolWorker w : toKill) w.kill();
        awaitWorkers();
    }

    private void stopLocked(State next) {
        if (state == State.RUN) sizeWhenStopped = workers.size();
        state = next;
    }

    /**
     * Python's {@code join()}: waits for the workers to exit, after {@link #close()} or
     * {@link #terminate()}.
     *
     * @throws PyValueError if the pool is still running
     */
    public void join() {
        synchronized (lock) {
            if (state == State.RUN) throw new PyValueError("Pool is still running");
        }
        awaitWorkers();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            // CPython's "<multiprocessing.pool.Pool state=RUN pool_size=2>", named as the queues name themselves
            return "<multiprocessing.pool." + getClass().getSimpleName() + " state=" + state
                    + " pool_size=" + (state == State.RUN ? workers.size() : sizeWhenStopped) + ">";
        }
    }

    // ---- the engine: every method below runs on caller threads or the workers' threads ----

    private <R> AsyncResult<List<R>> mapJob(TaskKind kind, Object func, Iterable<?> iterable, Integer chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        JobFunction fn = factory.prepare(func);
        Object[] items = toArray(iterable);
        int size = chunksize == null ? defaultChunksize(items.length) : chunksize;
        if (size < 1 && items.length > 0) throw new PyValueError("Chunksize must be 1+, not " + size);
        Set<PoolWorker> touched = new LinkedHashSet<>();
        MapResult<R> result;
        synchronized (lock) {
            checkRunning();
            result = new MapResult<>(++lastJob, items.length, size, callback, errorCallback, forget(lastJob));
            if (items.length > 0) submitLocked(result, TaskSource.chunks(result.id, kind, fn, items, size), touched);
        }
        flush(touched);
        return result;
    }

    private <R> IMapIterator<R> imapJob(boolean ordered, Object func, Iterable<?> iterable, int chunksize) {
        if (chunksize < 1) throw new PyValueError("Chunksize must be 1+, not " + chunksize);
        JobFunction fn = factory.prepare(func);
        Set<PoolWorker> touched = new LinkedHashSet<>();
        IMapIterator<R> result;
        synchronized (lock) {
            checkRunning();
            result = new IMapIterator<>(++lastJob, ordered, forget(lastJob));
            submitLocked(result, TaskSource.lazy(result, fn, iterable.iterator(), chunksize), touched);
        }
        flush(touched);
        return result;
    }

    /** CPython's default: {@code len / (4 * processes)}, rounded up. */
    private int defaultChunksize(int length) {
        int chunks = processes * 4;
        return length / chunks + (length % chunks == 0 ? 0 : 1);
    }

    private static Object[] toArray(Iterable<?> iterable) {
        if (iterable instanceof java.util.Collection<?> c) return c.toArray();
        List<Object> items = new ArrayList<>();
        for (Object o : iterable) items.add(o);
        return items.toArray();
    }

    private Runnable forget(long job) {
        return () -> cache.remove(job);
    }

    private void checkRunning() {
        if (state != State.RUN) throw new PyValueError("Pool not running");
        if (broken != null) throw new WorkerLostError("the pool is broken: " + broken, broken);
    }

    /** Under the lock: registers the job, queues its tasks, hands out what workers have room for. */
    private void submitLocked(Job job, TaskSource source, Set<PoolWorker> touched) {
        cache.put(job.id, job);
        pending.add(source);
        dispatchLocked(touched);
    }

    /**
     * Under the lock: hands tasks to ready workers with room, one at a time round robin, and tells
     * workers to stop once a closed pool has nothing left to hand out.
     */
    private void dispatchLocked(Set<PoolWorker> touched) {
        if (state == State.TERMINATE) return;
        boolean more = true;
        while (more) {
            more = false;
            for (PoolWorker w : workers) {
                if (!w.canTake(maxtasksperchild)) continue;
                Task task = nextTaskLocked();
                if (task == null) break;
                w.assign(task);
                touched.add(w);
                more = true;
            }
        }
        if ((state == State.CLOSE && pending.isEmpty()) || broken != null) {
            for (PoolWorker w : workers) {
                if (w.ready && !w.stopSent) {
                    w.stop();
                    touched.add(w);
                }
            }
        }
    }

    private Task nextTaskLocked() {
        while (!pending.isEmpty()) {
            Task task = pending.peek().next();
            if (task != null) return task;
            pending.poll();
        }
        return null;
    }

    private static void flush(Set<PoolWorker> touched) {
        for (PoolWorker w : touched) w.flush();
    }

    /**
     * Starts workers until there are {@code processes}, while the pool still needs them. None
     * while the JVM exits: the exit hook terminates the daemonic workers (as CPython terminates a
     * pool's workers at interpreter exit), and a replacement started then would outlive this JVM.
     */
    private void maintain() {
        List<PoolWorker> fresh = new ArrayList<>();
        synchronized (lock) {
            boolean needed = broken == null && (state == State.RUN || (state == State.CLOSE && !pending.isEmpty()));
            if (needed && workers.size() < processes && jvmExiting()) needed = false;
            while (needed && workers.size() < processes) {
                PoolWorker w = factory.create(this, ++lastWorker);
                workers.add(w);
                fresh.add(w);
            }
        }
        for (PoolWorker w : fresh) {
            try {
                w.start();
            } catch (RuntimeException | Error e) {
                synchronized (lock) {
                    workers.remove(w);
                    lock.notifyAll();
                }
                breakPool(e);
            }
        }
    }

    /** Whether this JVM has begun to shut down (it then refuses new shutdown hooks). */
    private static boolean jvmExiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    void onWorkerReady(PoolWorker worker) {
        Set<PoolWorker> touched = new LinkedHashSet<>();
        boolean terminated;
        synchronized (lock) {
            worker.ready = true;
            terminated = state == State.TERMINATE;
            dispatchLocked(touched);
        }
        if (terminated) worker.kill();
        flush(touched);
    }

    /** A worker answered a task: hands it more work, then delivers the outcome to the job. */
    void onResult(PoolWorker worker, long job, int index, boolean ok, Object value) {
        Set<PoolWorker> touched = new LinkedHashSet<>();
        synchronized (lock) {
            worker.answered(job, index);
            dispatchLocked(touched);
        }
        flush(touched);
        Job j = cache.get(job);
        if (j != null) j.taskDone(index, ok, value);
    }

    /** A worker's initializer raised: the pool is broken, as restarting workers would fail again. */
    void onInitializerFailed(PoolWorker worker, Throwable error) {
        breakPool(new WorkerLostError("the initializer of " + worker.describe() + " raised " + error, error));
    }

    /**
     * A worker ended ({@code how} says how, null for an orderly exit): fails the tasks it held,
     * and starts a replacement if the pool still needs one.
     */
    void onWorkerExit(PoolWorker worker, String how) {
        List<Task> lost;
        synchronized (lock) {
            workers.remove(worker);
            lost = worker.drainOutstanding();
            lock.notifyAll();
        }
        for (Task t : lost) {
            Job j = cache.get(t.job());
            String what = how != null ? how : worker.describe() + " exited";
            if (j != null) j.taskDone(t.index(), false, new WorkerLostError(what + " while running task " + t.index()
                    + " of job " + t.job()));
        }
        maintain();
        Set<PoolWorker> touched = new LinkedHashSet<>();
        synchronized (lock) {
            dispatchLocked(touched);
        }
        flush(touched);
        releaseIfDone();
    }

    /**
     * Once a closed or terminated pool has no workers left (it starts none then), releases what
     * the factory holds (the workers' listening socket), also when nobody calls {@link #join()}.
     */
    private void releaseIfDone() {
        synchronized (lock) {
            if (state == State.RUN || !workers.isEmpty()) return;
        }
        factory.close();
    }

    private void breakPool(Throwable why) {
        List<Job> jobs;
        Set<PoolWorker> touched = new LinkedHashSet<>();
        synchronized (lock) {
            if (broken != null) return;
            broken = why;
            pending.clear();
            jobs = new ArrayList<>(cache.values());
            dispatchLocked(touched);
        }
        flush(touched);
        WorkerLostError error = why instanceof WorkerLostError w ? w : new WorkerLostError("the pool broke: " + why, why);
        for (Job job : jobs) job.abandon(error);
    }

    private void awaitWorkers() {
        synchronized (lock) {
            while (!workers.isEmpty()) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new multiprocessing4j.ProcessError("interrupted while joining the pool's workers", e);
                }
            }
        }
        factory.close();
    }

    /** How a pool makes its workers: processes ({@link ProcessWorkers}) or threads ({@link ThreadPool}). */
    interface WorkerFactory {
        /** The job's function in the form the workers need: serialized for processes. */
        JobFunction prepare(Object function);

        PoolWorker create(Pool pool, int number);

        /** The pool has no workers left and will start none: releases what the factory holds. */
        void close();
    }

    /** The tasks of one job, handed out lazily under the pool's lock. */
    interface TaskSource {
        /** The next task, or null once there are no more. */
        Task next();

        static TaskSource single(Task task) {
            return new TaskSource() {
                private boolean given;

                @Override
                public Task next() {
                    if (given) return null;
                    given = true;
                    return task;
                }
            };
        }

        static TaskSource chunks(long job, TaskKind kind, JobFunction fn, Object[] items, int chunksize) {
            return new TaskSource() {
                private int index;

                @Override
                public Task next() {
                    int from = index * chunksize;
                    if (from >= items.length) return null;
                    int to = Math.min(items.length, from + chunksize);
                    return new Task(job, index++, kind, fn, items, from, to);
                }
            };
        }

        /** An {@code imap}'s input, read as workers have room; tells the job how many tasks there were. */
        static TaskSource lazy(Job job, JobFunction fn, Iterator<?> items, int chunksize) {
            return new TaskSource() {
                private int index;
                private boolean ended;

                @Override
                public Task next() {
                    if (ended) return null;
                    Object[] chunk = new Object[chunksize];
                    int n = 0;
                    try {
                        while (n < chunksize && items.hasNext()) chunk[n++] = items.next();
                    } catch (RuntimeException e) {
                        // CPython: the iterable's exception is the result at its position, then the end
                        ended = true;
                        if (n > 0) {
                            Task last = new Task(job.id, index++, TaskKind.MAP, fn, java.util.Arrays.copyOf(chunk, n));
                            job.taskDone(index, false, e);
                            job.tasksKnown(index + 1);
                            return last;
                        }
                        job.taskDone(index, false, e);
                        job.tasksKnown(index + 1);
                        return null;
                    }
                    if (n == 0) {
                        ended = true;
                        job.tasksKnown(index);
                        return null;
                    }
                    if (n < chunksize) chunk = java.util.Arrays.copyOf(chunk, n);
                    return new Task(job.id, index++, TaskKind.MAP, fn, chunk);
                }
            };
        }
    }
}
