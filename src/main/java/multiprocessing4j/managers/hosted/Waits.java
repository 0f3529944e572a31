package multiprocessing4j.managers.hosted;

import java.util.function.Supplier;

/**
 * Where a hosted method tells the thread serving it that it is about to wait (for a lock, an
 * item, a pool's result…) and when it runs again. A Java-hosted server counts its threads that
 * are on a CPU to decide whether one may spin for the next request (see the managers'
 * {@code ServingThreads}); a thread asleep in {@code Queue.get} is not on a CPU and must not
 * stop the others from spinning.
 */
public final class Waits {
    /** What a serving thread is told. */
    public interface Observer {
        /** The thread is about to wait. */
        void waiting();

        /** The thread runs again. */
        void running();
    }

    private static final ThreadLocal<Observer> OBSERVER = new ThreadLocal<>();

    private Waits() {}

    /** Has {@code observer} told of the calling thread's waits from now on; null: of none. */
    public static void observe(Observer observer) {
        if (observer == null) OBSERVER.remove();
        else OBSERVER.set(observer);
    }

    /** Runs {@code wait}, a call that may block, telling the calling thread's observer around it. */
    static <T> T during(Supplier<T> wait) {
        Observer o = OBSERVER.get();
        if (o == null) return wait.get();
        o.waiting();
        try {
            return wait.get();
        } finally {
            o.running();
        }
    }

    /** As {@link #during(Supplier)}, for {@link Object#wait}. */
    static void monitorWait(Object monitor, long millis, int nanos) throws InterruptedException {
        Observer o = OBSERVER.get();
        if (o != null) o.waiting();
        try {
            monitor.wait(millis, nanos);
        } finally {
            if (o != null) o.running();
        }
    }
}
