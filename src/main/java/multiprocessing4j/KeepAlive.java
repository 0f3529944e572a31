package multiprocessing4j;

/**
 * Keeps this JVM from ending while a non-daemonic child runs, as CPython joins such children
 * when it exits: one non-daemon thread, there while any of them runs. The children themselves
 * are watched by reused daemon threads ({@link Popen}): a thread started per child cost every
 * start ~0.3 ms of the parent's time on the 2-core machine this project is measured on
 * (2026-12-07).
 *
 * <p>Between children the thread stays for as long as the thread that started it is alive and
 * non-daemonic. That thread keeps the JVM alive anyway, so staying changes nothing, and a
 * program that starts child after child from its main thread starts this one thread once.
 */
final class KeepAlive {
    private static int running; // guarded by KeepAlive.class
    private static Thread keeper; // guarded by KeepAlive.class

    private KeepAlive() {}

    /** A non-daemonic child has started: the JVM stays until as many {@link #childEnded} calls. */
    static synchronized void childStarted() {
        running++;
        if (keeper == null) {
            Thread owner = Thread.currentThread();
            keeper = new Thread(() -> keep(owner), "multiprocessing4j-keep-alive");
            keeper.setDaemon(false); // a daemonic starter would make it a daemon too
            keeper.start();
        }
    }

    /** Whether {@code t} is the thread this class keeps the JVM alive with. */
    static synchronized boolean isKeeper(Thread t) {
        return t == keeper;
    }

    static synchronized void childEnded() {
        if (--running == 0) KeepAlive.class.notifyAll();
    }

    private static void keep(Thread owner) {
        boolean ownerKeepsTheJvm = !owner.isDaemon();
        while (true) {
            synchronized (KeepAlive.class) {
                while (running > 0) waitUninterruptibly();
                if (!ownerKeepsTheJvm || !owner.isAlive()) {
                    keeper = null;
                    return;
                }
            }
            joinUninterruptibly(owner);
        }
    }

    private static void waitUninterruptibly() {
        try {
            KeepAlive.class.wait();
        } catch (InterruptedException e) {
            // nothing interrupts this thread on purpose: keep waiting
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                // as above
            }
        }
    }
}
