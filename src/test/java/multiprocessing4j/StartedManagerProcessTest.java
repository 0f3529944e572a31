package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import multiprocessing4j.managers.AutoProxy;
import multiprocessing4j.managers.BaseManager;
import multiprocessing4j.managers.BaseProxy;
import multiprocessing4j.managers.SyncManager;
import multiprocessing4j.managers.hosted.Exposed;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.Test;

/** {@code BaseManager.start()} runs the server in a child {@link Process}, as CPython's does. */
class StartedManagerProcessTest {
    private static final String PROPERTY = "multiprocessing4j.test.started-manager";

    /** The process a shared object lives in, as seen from inside it. */
    public static final class Inside implements Exposed {
        @Override
        public List<String> publicMethods() {
            return List.of("input_arguments", "property", "current_process");
        }

        @Override
        public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
            return switch (name) {
                case "input_arguments" -> JvmCommand.withoutOwnArchive(ManagementFactory.getRuntimeMXBean().getInputArguments());
                case "property" -> System.getProperty(PROPERTY);
                default -> Multiprocessing.currentProcess().toString();
            };
        }
    }

    /** Registers in its constructor, as start() requires. */
    public static final class InsideManager extends BaseManager {
        public InsideManager(Object address, byte[] authkey) {
            super(address, authkey);
            register("Inside", (args, kwds) -> new Inside(), AutoProxy::new, null, null, true);
        }
    }

    @Test
    void theServerIsANamedNonDaemonicChildListedAmongTheActiveOnes() {
        try (SyncManager m = Multiprocessing.Manager()) {
            List<Process> children = Multiprocessing.activeChildren();
            Process server = children.stream().filter(p -> p.name().startsWith("SyncManager-")).findFirst().orElseThrow();
            assertTrue(server.isAlive());
            assertFalse(server.daemon());
            m.shutdown();
            assertEquals(0, server.exitcode(), "CPython's manager process ends with 0 after shutdown()");
            assertFalse(Multiprocessing.activeChildren().contains(server));
        }
    }

    /** Static, so that the lambda captures only the string (a test instance cannot travel). */
    private static void startAManagerAndForgetIt(String path) {
        SyncManager m = Multiprocessing.Manager();
        m.dict().put(1, 2);
        Inbox.send(path, Multiprocessing.activeChildren().get(0).pid());
    }

    @Test
    void aChildThatForgetsToShutItsManagerDownStillEndsAndTheManagerWithIt() throws IOException {
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = new Process(() -> startAManagerAndForgetIt(path));
            p.start();
            long server = ((Number) inbox.recv()).longValue();
            p.join(30);
            assertEquals(0, p.exitcode(), "the child's exit functions shut its manager down, as CPython's finalizer does");
            // its report came with join(); the JVM itself may take a few ms more to be gone
            ProcessHandle.of(server).ifPresent(h -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> h.onExit().join(),
                    "the manager's process has ended"));
        }
    }

    @Test
    void theServerRunsWithTheParentsJvmOptionsAndUnderForkItsRuntimeState() {
        System.setProperty(PROPERTY, "set at run time");
        try (InsideManager m = new InsideManager(null, "started-manager-process".getBytes())) {
            m.start();
            BaseProxy inside = m.call("Inside");
            assertEquals(JvmCommand.inherited(), inside.callMethod("input_arguments"));
            if (Multiprocessing.getStartMethod().equals("fork")) assertEquals("set at run time", inside.callMethod("property"));
            String self = (String) inside.callMethod("current_process");
            String type = StartMethod.named(Multiprocessing.getStartMethod()).processTypeName();
            assertTrue(self.matches("<" + type + " name='InsideManager-\\d+' parent=\\d+ started>"), self); // CPython's <ForkProcess name='InsideManager-1' ...>
            m.shutdown();
        } finally {
            System.clearProperty(PROPERTY);
        }
    }
}
