package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import multiprocessing4j.connection.Pipe;
import multiprocessing4j.managers.DictProxy;
import multiprocessing4j.managers.SyncManager;
import org.junit.jupiter.api.Test;

/**
 * A context carries the module's factories (DESIGN.md §3), so code moves between start methods
 * by changing the one line that picks the context. Within one process, what they make behaves as
 * the module's does; the start-method-specific tests are beside each capability.
 */
class ContextTest {
    private final Context ctx = Multiprocessing.getContext("spawn");

    @Test
    void pipeEndsAreConnectedAndASimplexPipeHasAReaderAndAWriter() throws IOException {
        try (Pipe duplex = ctx.Pipe()) {
            duplex.left().send("ping");
            assertEquals("ping", duplex.right().recv());
            duplex.right().send("pong");
            assertEquals("pong", duplex.left().recv());
        }
        try (Pipe simplex = ctx.Pipe(false)) {
            assertFalse(simplex.left().writable());
            assertFalse(simplex.right().readable());
            simplex.right().send(42);
            assertEquals(42, simplex.left().recv());
        }
    }

    @Test
    void managerIsStartedAndServes() {
        try (SyncManager manager = ctx.Manager()) {
            DictProxy d = manager.dict();
            d.put(1, "one");
            assertEquals("{1: 'one'}", d.toString());
        }
    }

    @Test
    void synchronizationAndQueueFactoriesWork() {
        var lock = ctx.Lock();
        assertTrue(lock.acquire(false, 0));
        assertFalse(lock.acquire(false, 0), "a Lock is not re-entrant");
        lock.release();
        var q = ctx.Queue(1);
        q.put("x");
        assertThrows(Full.class, () -> q.put("y", false, 0));
        assertEquals("x", q.get());
    }
}
