package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import multiprocessing4j.connection.Connection;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many children alive at once: each connects to the test and waits for its answer, so when the
 * test has accepted them all, all are running.
 */
@Timeout(300)
class ManyChildrenTest {

    @ParameterizedTest(name = "{1} children, {0}")
    @CsvSource({"fork, 100"})
    void allAliveAtOnce(String method, int n) throws IOException {
        Context ctx = Multiprocessing.getContext(method);
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Process p = ctx.Process(() -> Inbox.hold(path, Multiprocessing.currentProcess().name()));
                p.start();
                children.add(p);
            }
            List<Connection> held = inbox.acceptHeld(n);
            Set<Object> names = new HashSet<>();
            for (Connection c : held) names.add(c.recv());
            assertEquals(n, names.size());
            assertTrue(children.stream().allMatch(Process::isAlive));
            assertTrue(Multiprocessing.activeChildren().containsAll(children));
            for (Connection c : held) {
                c.send("go");
                c.close();
            }
            for (Process p : children) {
                p.join();
                assertEquals(0, p.exitcode(), p.name());
            }
        }
    }
}
