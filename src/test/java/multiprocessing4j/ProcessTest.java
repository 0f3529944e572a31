package multiprocessing4j;

import static multiprocessing4j.Multiprocessing.activeChildren;
import static multiprocessing4j.Multiprocessing.currentProcess;
import static multiprocessing4j.Multiprocessing.getContext;
import static multiprocessing4j.Multiprocessing.parentProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A child's life under each start method: identity, exit codes, signals, joins, misuse. */
@Timeout(120)
class ProcessTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "forkserver", "fork"})
    void lifecycleAndIdentity(String method) throws IOException {
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = getContext(method).Process(() -> Inbox.send(path, List.of(
                    currentProcess().name(),
                    String.valueOf(currentProcess().pid()),
                    String.valueOf(currentProcess().isAlive()),
                    HexFormat.of().formatHex(currentProcess().authkey()),
                    parentProcess().name(),
                    String.valueOf(parentProcess().pid()),
                    String.valueOf(parentProcess().isAlive()),
                    currentProcess().toString(),
                    parentProcess().toString())));
            String type = Map.of("fork", "ForkProcess", "forkserver", "ForkServerProcess", "spawn", "SpawnProcess").get(method);
            assertTrue(p.name().matches(type + "-\\d+"), p.name()); // a context's class, as CPython's ctx.Process
            assertNull(p.pid());
            assertNull(p.exitcode());
            assertFalse(p.isAlive());
            long me = ProcessHandle.current().pid();
            assertEquals("<" + type + " name='" + p.name() + "' parent=" + me + " initial>", p.toString());

            p.start();
            assertNotNull(p.pid());
            assertEquals(p.pid(), p.ident());
            assertTrue(activeChildren().contains(p) || p.exitcode() != null);
            Object seen = inbox.recv();
            p.join();

            assertEquals(0, p.exitcode());
            assertFalse(p.isAlive());
            assertFalse(activeChildren().contains(p));
            assertEquals(List.of(p.name(), String.valueOf(p.pid()), "true",
                    HexFormat.of().formatHex(currentProcess().authkey()),
                    "MainProcess", String.valueOf(me), "true",
                    "<" + type + " name='" + p.name() + "' parent=" + me + " started>",
                    "<_ParentProcess name='MainProcess' parent=None unknown>"), seen);
            assertEquals("<" + type + " name='" + p.name() + "' pid=" + p.pid() + " parent=" + me + " stopped exitcode=0>", p.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "forkserver", "fork"})
    void theChildInheritsDirectoryEnvironmentClassPathAndJvmOptions(String method) throws IOException {
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = getContext(method).Process(() -> Inbox.send(path, List.of(
                    System.getProperty("user.dir"),
                    String.valueOf(System.getenv("MP4J_PROJECT_DIR")),
                    System.getProperty("java.class.path"),
                    // the options but those of the class-data archive a child may boot from
                    String.join(" ", JvmCommand.withoutOwnArchive(ManagementFactory.getRuntimeMXBean().getInputArguments())))));
            p.start();
            assertEquals(List.of(
                    System.getProperty("user.dir"),
                    String.valueOf(System.getenv("MP4J_PROJECT_DIR")),
                    System.getProperty("java.class.path"),
                    String.join(" ", parentOptionsAsTheChildSeesThem())), inbox.recv());
            p.join();
        }
    }

    /** This JVM's options, and the small initial heap a child is given when they size none. */
    private static List<String> parentOptionsAsTheChildSeesThem() {
        List<String> options = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (options.stream().noneMatch(JvmCommand::sizesHeap)) options.add("-Xms32m");
        return options;
    }

    @Test
    void heapOptionsAreRecognisedSoThatAChildKeepsItsParentsSizing() {
        for (String o : List.of("-Xms1g", "-Xmx64m", "-Xmn16m", "-XX:InitialHeapSize=1g", "-XX:MaxHeapSize=2g",
                "-XX:MinHeapSize=8m", "-XX:MaxNewSize=64m", "-XX:MaxRAMPercentage=50", "-XX:InitialRAMPercentage=1.5",
                "-XX:MaxRAM=1g")) {
            assertTrue(JvmCommand.sizesHeap(o), o);
        }
        for (String o : List.of("-XX:+UseSerialGC", "-Dxmx=1", "-ea", "-Xss512k", "-XX:MaxMetaspaceSize=128m")) {
            assertFalse(JvmCommand.sizesHeap(o), o);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "forkserver", "fork"})
    void exitCodeOfAnUncaughtExceptionIsOne(String method) {
        Process p = getContext(method).Process(() -> {
            throw new IllegalStateException("deliberate");
        });
        p.start();
        p.join();
        assertEquals(1, p.exitcode());
    }

    @Test
    void aCheckedExceptionLeavesATargetAsItIsAndGivesExitCodeOne() {
        SerializableRunnable failing = () -> {
            throw new java.io.FileNotFoundException("deliberate");
        };
        java.io.FileNotFoundException thrown = assertThrows(java.io.FileNotFoundException.class, failing::run);
        assertEquals("deliberate", thrown.getMessage());
        assertEquals(1, exitcodeOf(failing));
    }

    @Test
    void exitCodesOfExplicitExits() {
        assertEquals(7, exitcodeOf(() -> {
            throw new SystemExit(7);
        }));
        assertEquals(0, exitcodeOf(() -> {
            throw new SystemExit();
        }));
        assertEquals(1, exitcodeOf(() -> {
            throw new SystemExit("a message for stderr");
        }));
        assertEquals(3, exitcodeOf(() -> {
            throw new SystemExit(256 + 3);
        }));
        assertEquals(5, exitcodeOf(() -> System.exit(5)));
        assertEquals(0, exitcodeOf(() -> System.exit(0)));
        assertEquals(200, exitcodeOf(() -> System.exit(200)), "an exit code above 128 is not a signal when the child says so");
    }

    private static int exitcodeOf(SerializableRunnable target) {
        Process p = new Process(target);
        p.start();
        p.join();
        return p.exitcode();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void terminateAndKillGiveMinusTheSignal(String method) throws IOException {
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process terminated = getContext(method).Process(() -> Inbox.upThenBlock(path));
            Process killed = getContext(method).Process(() -> Inbox.upThenBlock(path));
            terminated.start();
            killed.start();
            assertEquals("up", inbox.recv());
            assertEquals("up", inbox.recv());
            terminated.terminate();
            killed.kill();
            terminated.join();
            killed.join();
            assertEquals(-15, terminated.exitcode());
            assertEquals(-9, killed.exitcode());
            assertTrue(terminated.toString().endsWith(" stopped exitcode=-SIGTERM>"), terminated.toString());
            terminated.terminate(); // after the end: nothing happens, as in CPython
            assertEquals(-15, terminated.exitcode());
        }
    }

    @Test
    void reprsAreCPythons() {
        assertEquals("<_MainProcess name='MainProcess' parent=None started>", currentProcess().toString());
        Process p = new Process(() -> { }, "it's").daemon(true);
        assertEquals("<Process name=\"it's\" parent=" + ProcessHandle.current().pid() + " initial daemon>", p.toString());
        p.close();
        assertEquals("<Process name=\"it's\" parent=" + ProcessHandle.current().pid() + " closed daemon>", p.toString());
        // multiprocessing.Process is Process; a context's is its own class, as CPython 3.11 prints them
        assertTrue(new Process(() -> { }).name().matches("Process-\\d+"));
        Process q = getContext("spawn").Process(() -> { });
        assertTrue(q.name().matches("SpawnProcess-\\d+"), q.name());
        assertEquals("<SpawnProcess name='" + q.name() + "' parent=" + ProcessHandle.current().pid() + " initial>", q.toString());
        assertTrue(getContext("forkserver").Process(() -> { }, "named").toString().startsWith("<ForkServerProcess name='named'"));
    }

    @Test
    void aSpawnedChildEndedWhileItsJvmBootsGivesMinusTheSignal() {
        // start() returns once the JVM is launched, as CPython's spawn does, not once it has booted
        Process p = getContext("spawn").Process(() -> { });
        p.start();
        p.terminate();
        p.join();
        assertEquals(-15, p.exitcode());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "forkserver", "fork"})
    void aTargetLargerThanAPipeBufferArrivesWhole(String method) throws IOException {
        byte[] big = new byte[1 << 20]; // a spawned child reads its job from a 64 KiB pipe
        new java.util.Random(7).nextBytes(big);
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = getContext(method).Process(() -> Inbox.send(path, java.util.Arrays.hashCode(big) + " " + big.length));
            p.start();
            assertEquals(java.util.Arrays.hashCode(big) + " " + big.length, inbox.recv());
            p.join();
            assertEquals(0, p.exitcode());
        }
    }

    @Test
    void joinWithATimeoutReturnsWhileTheChildRuns() throws IOException {
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = new Process(() -> Inbox.upThenBlock(path));
            p.start();
            assertEquals("up", inbox.recv());
            p.join(0.05);
            assertTrue(p.isAlive());
            assertNull(p.exitcode());
            p.join(Duration.ZERO);
            assertTrue(p.isAlive());
            assertThrows(PyValueError.class, p::close);
            p.terminate();
            p.join(Double.POSITIVE_INFINITY);
            assertEquals(-15, p.exitcode());
            p.close();
            assertThrows(PyValueError.class, p::isAlive);
            assertThrows(PyValueError.class, p::start);
        }
    }

    @Test
    void sentinelBecomesReadyWhenTheChildEnds() throws IOException {
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = new Process(() -> Inbox.upThenBlock(path));
            p.start();
            assertEquals("up", inbox.recv());
            assertEquals(List.of(), Connection.wait(List.of(p.sentinel()), 0));
            p.kill();
            assertEquals(List.of(p.sentinel()), Connection.wait(List.of(p.sentinel())));
            p.join();
            assertEquals(-9, p.exitcode());
        }
    }

    @Test
    void misuseFailsAsInCPython() {
        Process p = new Process(() -> { });
        assertThrows(AssertionError.class, p::join, "can only join a started process");
        assertThrows(PyValueError.class, p::sentinel);
        PyAttributeError unstarted = assertThrows(PyAttributeError.class, p::terminate);
        assertEquals("AttributeError: 'NoneType' object has no attribute 'terminate'", unstarted.getMessage());
        assertThrows(PyAttributeError.class, p::kill);
        p.daemon(true);
        p.start();
        AssertionError twice = assertThrows(AssertionError.class, p::start);
        assertEquals("cannot start a process twice", twice.getMessage());
        assertThrows(AssertionError.class, () -> p.daemon(false));
        p.join();
        p.close();
        p.close();
        assertThrows(PyValueError.class, p::exitcode);
        assertThrows(PyValueError.class, () -> getContext("vfork"));
    }

    @Test
    void daemonicChildrenCannotHaveChildren() throws IOException {
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = getContext("fork").Process(() -> {
                try {
                    new Process(() -> { }).start();
                    Inbox.send(path, "started a child");
                } catch (AssertionError e) {
                    Inbox.send(path, e.getMessage());
                }
            }).daemon(true);
            p.start();
            assertEquals("daemonic processes are not allowed to have children", inbox.recv());
            p.join();
            assertEquals(0, p.exitcode());
        }
    }

    @Test
    void childrenOfChildrenAreNamedAfterTheirIdentity() throws IOException {
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = getContext("fork").Process(() -> {
                Process grandchild = new Process(() -> Inbox.send(path,
                        List.of(currentProcess().name(), parentProcess().name())));
                grandchild.start();
                grandchild.join();
                if (grandchild.exitcode() != 0) throw new SystemExit(grandchild.exitcode());
            });
            p.start();
            // ForkProcess-7's child made by Process(..) is Process-7:1, as in CPython
            assertEquals(List.of(p.name().replace("ForkProcess", "Process") + ":1", p.name()), inbox.recv());
            p.join();
            assertEquals(0, p.exitcode());
        }
    }

    /** A subclass that overrides run(), as CPython's {@code class Worker(Process)}; its fields travel. */
    static final class Worker extends Process {
        private static final long serialVersionUID = 1L;
        private final String path;
        private final String word;

        Worker(String path, String word) {
            this.path = path;
            this.word = word;
        }

        @Override
        public void run() {
            Inbox.send(path, word + " from " + name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void subclassOverridingRun(String method) throws IOException {
        Multiprocessing.setStartMethod(method, true);
        try (Inbox inbox = new Inbox()) {
            Worker w = new Worker(inbox.path, "hello");
            assertTrue(w.name().matches("Worker-\\d+"), w.name());
            w.start();
            assertEquals("hello from " + w.name(), inbox.recv());
            w.join();
            assertEquals(0, w.exitcode());
        } finally {
            Multiprocessing.setStartMethod(null, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "forkserver", "fork"})
    void onlyForkCarriesTheRuntimeState(String method) throws IOException {
        System.setProperty("mp4j.test.carried", "set at runtime");
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = getContext(method).Process(() -> Inbox.send(path, String.valueOf(System.getProperty("mp4j.test.carried"))));
            p.start();
            assertEquals(method.equals("fork") ? "set at runtime" : "null", inbox.recv());
            p.join();
        } finally {
            System.clearProperty("mp4j.test.carried");
        }
    }

    @Test
    void startMethodsAndDefault() {
        assertEquals(List.of("fork", "spawn", "forkserver"), Multiprocessing.getAllStartMethods());
        assertEquals("spawn", getContext("spawn").getStartMethod());
        assertEquals("spawn", getContext("spawn").Process(() -> { }).name().isEmpty() ? "" : "spawn");
        Multiprocessing.setStartMethod(null, true);
        assertNull(Multiprocessing.getStartMethod(true));
        assertEquals("fork", Multiprocessing.getStartMethod());
        PyRuntimeError again = assertThrows(PyRuntimeError.class, () -> Multiprocessing.setStartMethod("spawn"));
        assertEquals(PyTuple.of("context has already been set"), again.args());
        assertTrue(Multiprocessing.cpuCount() >= 1);
        assertNull(parentProcess());
        assertEquals("MainProcess", currentProcess().name());
        assertEquals(32, currentProcess().authkey().length);
    }

    /** Serializable, but holds something that is not. */
    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        final Object lock = new Object();
    }

    @Test
    void aTargetThatCannotTravelFailsAtStartNamingClassAndField() {
        Holder holder = new Holder();
        Process p = new Process(() -> holder.hashCode());
        var e = assertThrows(multiprocessing4j.reduction.PicklingError.class, p::start);
        assertTrue(e.getMessage().contains("java.lang.Object is not serializable"), e.getMessage());
        assertTrue(e.getMessage().contains("Process.target → lambda multiprocessing4j.ProcessTest.lambda$"), e.getMessage());
        assertTrue(e.getMessage().contains("captured arg 0 → Holder.lock"), e.getMessage());
        assertNull(p.pid(), "nothing was started");

        Thread thread = new Thread(() -> { });
        var direct = assertThrows(multiprocessing4j.reduction.PicklingError.class, () -> new Process(() -> thread.getName()).start());
        assertTrue(direct.getMessage().contains("java.lang.Thread is not serializable"), direct.getMessage());
        assertTrue(direct.getMessage().contains("captured arg 0 (java.lang.Thread)"), direct.getMessage());
    }
}
