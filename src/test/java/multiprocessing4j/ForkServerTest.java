package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the warm pool boots JVMs: not beside a child that merely emptied it, but at once, a pool's
 * worth, when a start finds it empty. The refill delay is an hour here, so that only those rules
 * can have booted anything.
 */
@Timeout(180)
class ForkServerTest {
    private static final long NEVER_MS = 3_600_000;

    @Test
    void aStartThatEmptiesThePoolBootsNothingAndOneThatFindsItEmptyBootsAPoolsWorth() throws Exception {
        ForkServer server = new ForkServer(2, NEVER_MS);
        List<ChildJvm> taken = new ArrayList<>();
        try {
            server.awaitReady();
            assertEquals(2, server.pooled());
            taken.add(server.take());
            taken.add(server.take());
            assertEquals(0, server.pooled(), "emptying the pool boots nothing beside the child just started");
            taken.add(server.take());
            assertEquals(1, server.pooled(), "a start that found it empty booted two: its own and one more");
        } finally {
            taken.forEach(ChildJvm::discard);
            server.poolSize(0);
        }
    }
}
