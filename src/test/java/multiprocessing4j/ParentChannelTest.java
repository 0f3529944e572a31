package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.atomic.AtomicBoolean;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A child's channel to its parent, here with this JVM playing both ends. */
@Timeout(60)
class ParentChannelTest {

    @Test
    void closingForExitEndsTheParentWatchWithoutHaltingAndThePeerSeesEndOfStream() throws Exception {
        try (Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, null)) {
            AtomicBoolean sawEndOfStream = new AtomicBoolean();
            Thread parentSide = new Thread(() -> {
                try (Connection c = listener.accept()) {
                    while (true) c.recvBytes(); // the token and key, the report, then end of stream
                } catch (EOFException e) {
                    sawEndOfStream.set(true);
                } catch (IOException e) {
                    // not what this test expects: sawEndOfStream stays false
                }
            });
            parentSide.start();
            ParentChannel channel = new ParentChannel((InetSocketAddress) listener.address(), 0, new byte[0], SelectorProvider.provider().getClass().getName());
            channel.connectInBackground();
            channel.report(new byte[] {ExitCodes.REPORT, 0, 0, 0, 0}); // returns once connected
            Thread watcher = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("multiprocessing4j-parent-watcher")).findFirst().orElse(null);
            assertNotNull(watcher, "a connected child watches for its parent's death");

            // Were the watch to take this for its parent's death, it would halt this JVM.
            channel.closeForExit();
            watcher.join();
            assertFalse(watcher.isAlive());
            parentSide.join();
            assertTrue(sawEndOfStream.get(), "the parent sees the child's channel end, as at its exit");
        }
    }
}
