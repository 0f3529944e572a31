package multiprocessing4j;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a child sees of its parent ({@code multiprocessing.parent_process()}, CPython's
 * {@code _ParentProcess}): its name and pid, whether it is alive, and joining it. The parent is
 * not this JVM's child, so its exit is observed through {@link ProcessHandle}.
 */
final class ParentProcess extends Process {
    private static final long serialVersionUID = 1L;
    private final long pid;

    ParentProcess(String name, long pid, byte[] authkey) {
        super(name, authkey);
        this.pid = pid;
    }

    @Override
    public Long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return handle().map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void join(double timeoutSeconds) {
        Optional<ProcessHandle> handle = handle();
        if (handle.isEmpty()) return;
        try {
            if (timeoutSeconds == Double.POSITIVE_INFINITY) handle.get().onExit().get();
            else handle.get().onExit().get((long) Math.max(0, timeoutSeconds * 1e9), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the timeout passed: return, as CPython's join
        } catch (ExecutionException e) {
            throw new ProcessError("cannot wait for the parent: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while joining the parent", e);
        }
    }

    private Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid);
    }

    @Override
    String pythonTypeName() {
        return "_ParentProcess";
    }
}
