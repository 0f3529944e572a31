package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import multiprocessing4j.managers.AutoProxy;
import multiprocessing4j.managers.BaseManager;
import multiprocessing4j.managers.BaseProxy;
import multiprocessing4j.managers.hosted.Exposed;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.Test;

/** {@code BaseManager.start()}'s JVM ({@code JvmCommand.helper}) runs with the options a child process gets. */
class StartedManagerJvmTest {
    /** The JVM a shared object lives in, as seen from inside it. */
    public static final class Jvm implements Exposed {
        @Override
        public List<String> publicMethods() {
            return List.of("input_arguments");
        }

        @Override
        public Object callMethod(String name, PyTuple args, Map<String, Object> kwds) {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        }
    }

    /** Registers in its constructor, as start() requires. */
    public static final class JvmManager extends BaseManager {
        public JvmManager(Object address, byte[] authkey) {
            super(address, authkey);
            register("Jvm", (args, kwds) -> new Jvm(), AutoProxy::new, null, null, true);
        }
    }

    @Test
    void startedServerRunsWithTheJvmOptionsAChildProcessGets() {
        try (JvmManager m = new JvmManager(null, "started-manager-jvm".getBytes())) {
            m.start();
            BaseProxy jvm = m.call("Jvm");
            assertEquals(JvmCommand.inherited(), jvm.callMethod("input_arguments"));
            m.shutdown();
        }
    }
}
