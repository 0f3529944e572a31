package multiprocessing4j.managers.hosted;

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

    /** A call that may block. */
    @FunctionalInterface
    interface Blocking<T, X extends Exception> {
        T call() throws X;
    }

    /** Runs {@code wait}, telling the calling thread's observer around it. */
    static <T, X extends Exception> T during(Blocking<T, X> wait) throws X {
        Observer o = OBSERVER.get();
        if (o == null) return wait.call();
        o.waiting();
        try {
            return wait.call();
        } finally {
            o.running();
        }
    }
}
