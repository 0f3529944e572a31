package multiprocessing4j.managers;

import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Set;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.Process;
import multiprocessing4j.ProcessError;
import multiprocessing4j.SerializableRunnable;
import multiprocessing4j.ServerProcess;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;
import multiprocessing4j.reduction.ForkingPickler;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The child process that {@link BaseManager#start()} starts, and the parent's handle on it, as
 * CPython's {@code start()} and {@code _run_server}: a {@link Process} of the default context's
 * start method, named {@code <class>-<identity>} ({@code SyncManager-1}), whose target makes a
 * manager of the same class, binds its server, sends the bound address back over a one-way
 * {@code Pipe} and serves until {@code shutdown}. Like CPython's, it is not daemonic (its server
 * may start children, a {@code Pool} say), and this JVM does not wait for it at exit
 * ({@link ServerProcess}): it ends with this JVM, as every child does when its parent has gone.
 */
final class ManagerProcess {
    private final Process process;
    private final Object address;

    private ManagerProcess(Process process, Object address) {
        this.process = process;
        this.address = address;
    }

    /** The address the child's server bound, in Python's form. */
    Object address() {
        return address;
    }

    /**
     * Refuses a registry the child could not rebuild: the child knows only what the class's
     * constructor registers.
     */
    static void checkRegistry(Class<? extends BaseManager> type, Set<String> typeids) {
        Set<String> fresh = construct(type, null, new byte[0]).registeredTypeids();
        if (!fresh.equals(typeids)) {
            throw new IllegalStateException("start() runs a new " + type.getName() + " in a child process, whose "
                    + "constructor registers " + fresh + ", not " + typeids + ": register the typeids in the constructor");
        }
    }

    static ManagerProcess start(Class<? extends BaseManager> type, Object address, byte[] authkey) {
        Pipe pipe;
        try {
            pipe = Connection.Pipe(false);
        } catch (IOException e) {
            throw new ProcessError("cannot make the pipe to the manager's process: " + e, e);
        }
        try (Connection reader = pipe.left(); Connection writer = pipe.right()) {
            Process process = Multiprocessing.getContext().Process(
                    new RunServer(type.getName(), ForkingPickler.dumps(address), authkey.clone(), writer));
            ServerProcess.start(process, type.getSimpleName());
            writer.close(); // the child's copy is what is left: its end means the child has gone
            try {
                return new ManagerProcess(process, reader.recv());
            } catch (EOFException e) {
                process.join();
                throw new ProcessError("the manager's process ended (exit code " + process.exitcode()
                        + ") before reporting its address", e);
            } catch (IOException e) {
                process.terminate();
                throw new ProcessError("the manager's process failed to report its address: " + e, e);
            }
        }
    }

    /**
     * Waits a second for the child to end after {@code shutdown}, then terminates it, then kills
     * it, as CPython's {@code _finalize_manager}.
     */
    void end() {
        process.join(1.0);
        if (!process.isAlive()) return;
        process.terminate();
        process.join(1.0);
        if (process.isAlive()) {
            process.kill();
            process.join();
        }
    }

    static BaseManager construct(Class<? extends BaseManager> type, Object address, byte[] authkey) {
        try {
            return type.getConstructor(Object.class, byte[].class).newInstance(address, authkey);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("new " + type.getName() + "(address, authkey) failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " needs a public (Object address, byte[] authkey) "
                    + "constructor to be started in a child process", e);
        }
    }

    /**
     * The child's target, CPython's {@code _run_server}. The address travels pickled, as the
     * Python form ({@code PyTuple}, a path, or None) it is. A class, not a record: a record's
     * deserialization spins method handles, which cost a warm child ~30 ms cold.
     */
    private static final class RunServer implements SerializableRunnable {
        private static final long serialVersionUID = 1L;

        private final String managerClass;
        private final byte[] address;
        private final byte[] authkey;
        private final Connection writer;

        RunServer(String managerClass, byte[] address, byte[] authkey, Connection writer) {
            this.managerClass = managerClass;
            this.address = address;
            this.authkey = authkey;
            this.writer = writer;
        }

        @Override
        public void call() throws Exception {
            // As CPython's (bpo-36368): a Ctrl-C meant for the parent leaves the server to its shutdown.
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
            Class<? extends BaseManager> type = Class.forName(managerClass).asSubclass(BaseManager.class);
            Server server = construct(type, ForkingPickler.loads(address), authkey).getServer();
            writer.send(server.address());
            writer.close();
            server.serveForever();
        }
    }
}
