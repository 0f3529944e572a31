package multiprocessing4j;

/**
 * Starting a child that serves until its owner ends it: a started manager's server
 * ({@code BaseManager.start()}). It is an ordinary non-daemonic {@link Process} (named, listed by
 * {@link Multiprocessing#activeChildren()}, free to have children of its own) except that this
 * JVM does not wait for it before exiting. CPython's manager process is the same: not daemonic,
 * but shut down by a finalizer at exit rather than joined; here the child ends when this JVM
 * does, as every child does when its parent has gone.
 *
 * <p>Public only for the library's other packages. Not an API to program against.
 */
public final class ServerProcess {
    private ServerProcess() {}

    /**
     * Names {@code process} {@code <kind>-<identity>} (CPython's {@code SyncManager-1}) and starts
     * it as {@link Process#start()} does, with the difference above; it throws what that throws.
     */
    public static void start(Process process, String kind) {
        process.name(kind + "-" + process.identityText());
        process.startServer();
    }
}
