package multiprocessing4j;

import java.io.PrintStream;

/**
 * Runs a process object in its child and computes the exit code, as CPython's
 * {@code BaseProcess._bootstrap}: {@code run()}, then the children's clean-up and the
 * {@link ExitFunctions} ({@code _exit_function}), then waiting for the child's own non-daemon threads
 * ({@code threading._shutdown}), then flushing the standard streams.
 */
final class Bootstrap {
    private Bootstrap() {}

    static int run(Process self) {
        int exitcode;
        try {
            try {
                self.run();
                exitcode = 0;
            } finally {
                Children.exitFunction();
                ExitFunctions.runAll();
            }
        } catch (SystemExit e) {
            if (e.text() != null) System.err.println(e.text());
            exitcode = e.exitcode();
        } catch (Throwable e) {
            exitcode = 1;
            printTraceback(self.name(), e);
        } finally {
            joinNonDaemonThreads();
            System.out.flush();
            System.err.flush();
        }
        return exitcode;
    }

    /** CPython's {@code Process <name>:} line and traceback, on stderr. */
    static void printTraceback(String name, Throwable e) {
        PrintStream err = System.err;
        err.println("Process " + name + ":");
        e.printStackTrace(err);
        err.flush();
    }

    private static void joinNonDaemonThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        Thread[] threads = new Thread[root.activeCount() + 8];
        int n = root.enumerate(threads);
        Thread me = Thread.currentThread();
        boolean interrupted = false;
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            // KeepAlive's thread would wait for this one: the children it stands for are joined already
            if (t == me || t.isDaemon() || t.getName().equals("DestroyJavaVM") || KeepAlive.isKeeper(t)) continue;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) me.interrupt();
    }
}
