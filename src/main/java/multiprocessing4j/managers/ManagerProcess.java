package multiprocessing4j.managers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.JvmCommand;
import multiprocessing4j.ProcessError;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyTuple;

/**
 * The child JVM that {@link BaseManager#start()} starts, and the parent's handle on it.
 *
 * <p>As CPython's manager process: the parent hands the child the address and authkey (on its
 * standard input: a command line is readable by other users), the child makes a manager of the
 * same class, binds its server and reports the bound address as one pickle (a line on its
 * standard output), then serves until {@code shutdown} or until its standard input closes (the
 * parent ended). It runs with the parent's JVM options and class path, as a child process does
 * ({@link JvmCommand#helper}), so that registered callables see the heap, system properties and
 * agents they would see in the parent; but it is not a {@code multiprocessing4j.Process}: no start
 * method, no runtime state carried, and it is not among {@code activeChildren()}.
 */
final class ManagerProcess {
    private static final String REPORT = "MP4J-MANAGER-ADDRESS ";

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
            throw new IllegalStateException("start() runs a new " + type.getName() + " in a child JVM, whose constructor "
                    + "registers " + fresh + ", not " + typeids + ": register the typeids in the constructor");
        }
    }

    static ManagerProcess start(Class<? extends BaseManager> type, Object address, byte[] authkey) {
        ProcessBuilder builder = new ProcessBuilder(JvmCommand.helper(ManagerProcess.class, type.getName()));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new ProcessError("cannot start the manager's JVM: " + e, e);
        }
        try {
            OutputStream in = p.getOutputStream();
            byte[] setup = ForkingPickler.dumps(PyTuple.of(address, PyBytes.of(authkey)));
            in.write((HexFormat.of().formatHex(setup) + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush(); // and kept open: its end tells the child that this JVM is gone
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith(REPORT)) System.out.println(line);
            if (line == null) {
                throw new ProcessError("the manager's JVM ended (exit code " + p.waitFor() + ") before reporting its address");
            }
            Object bound = ForkingPickler.loads(HexFormat.of().parseHex(line.substring(REPORT.length())));
            Thread relay = new Thread(() -> relay(out), "mp4j-manager-stdout");
            relay.setDaemon(true);
            relay.start();
            return new ManagerProcess(p, bound);
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw e instanceof ProcessError pe ? pe : new ProcessError("the manager's JVM failed to start: " + e, e);
        }
    }

    /** Waits a second for the child to end after {@code shutdown}, then terminates it, then kills it. */
    void end() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(1, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void relay(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) System.out.println(line);
        } catch (IOException e) {
            // the child ended
        }
    }

    static BaseManager construct(Class<? extends BaseManager> type, Object address, byte[] authkey) {
        try {
            return type.getConstructor(Object.class, byte[].class).newInstance(address, authkey);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("new " + type.getName() + "(address, authkey) failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " needs a public (Object address, byte[] authkey) "
                    + "constructor to be started in a child JVM", e);
        }
    }

    /** The child: {@code ManagerProcess <manager class>}, address and authkey on stdin. */
    public static void main(String[] args) throws Exception {
        PrintStream report = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        PyTuple setup = (PyTuple) ForkingPickler.loads(HexFormat.of().parseHex(in.readLine()));
        Class<? extends BaseManager> type = Class.forName(args[0]).asSubclass(BaseManager.class);
        BaseManager manager = construct(type, setup.get(0), ((PyBytes) setup.get(1)).toByteArray());
        Server server = manager.getServer();
        report.println(REPORT + HexFormat.of().formatHex(ForkingPickler.dumps(server.address())));
        report.flush();
        Thread orphanWatch = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // the parent writes nothing more; its end closes the stream
                }
            } catch (IOException e) {
                // treated as the end
            }
            server.close();
        }, "mp4j-manager-parent-watch");
        orphanWatch.setDaemon(true);
        orphanWatch.start();
        server.serveForever();
        System.exit(0);
    }
}
