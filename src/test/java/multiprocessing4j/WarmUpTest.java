package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import multiprocessing4j.connection.Pipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a warm JVM does while idle, and that its parent still reads the child's report after it. */
@Timeout(120)
class WarmUpTest {
    @Test
    void anIdleWarmJvmSaysWhenItsWarmUpIsDone() throws Exception {
        ChildJvm jvm = ChildJvm.warm();
        try {
            assertTrue(jvm.awaitWarm());
        } finally {
            jvm.discard();
        }
    }

    @Test
    void theChannelRehearsalRunsItsRoundsAndGivesWayToAWaitingJob() throws Exception {
        Pipe parent = Connection.Pipe(true);
        try {
            assertEquals(WarmUp.CHANNEL_ROUNDS, WarmUp.rehearseChannel(parent.left()));
            parent.right().sendBytes(new byte[] {1});
            assertEquals(0, WarmUp.rehearseChannel(parent.left()));
            assertArrayEquals(new byte[] {1}, parent.left().recvBytes(), "the job is left for its reader");
        } finally {
            parent.close();
        }
    }

    @Test
    @Timeout(30)
    void aHandshakeRehearsalWhoseClientCannotConnectEnds(@TempDir Path tmp) throws Exception {
        byte[] key = Authkeys.random();
        try (Listener listener = new Listener(null, 1, key)) {
            // as if the socket file had been deleted: the client fails, the accept must not wait for ever
            assertThrows(IOException.class,
                    () -> WarmUp.rehearseHandshake(listener, UnixDomainSocketAddress.of(tmp.resolve("nobody")), key));
        }
    }

    @Test
    void aJobAfterTheWarmUpIsReportedThroughTheChannelNotByTheJvmsExit() throws Exception {
        ChildJvm jvm = ChildJvm.warm();
        try {
            assertTrue(jvm.channel().poll(60), "WARMED waits, unread, ahead of the report");
            // The child's exit hook outlives the test: only the report can end the join.
            Process process = new Process(WarmUpTest::exitSlowly);
            jvm.sendJob(PreparationData.of(process, TargetPickler.dumps(process).bytes(), StartMethod.FORKSERVER).serialize());
            Popen popen = Popen.start(jvm, process);
            assertTrue(popen.await(60), "the report was read");
            assertEquals(0, popen.exitcode());
            assertTrue(jvm.os.isAlive(), "still in its exit hook");
        } finally {
            jvm.os.destroyForcibly().waitFor();
        }
    }

    private static void exitSlowly() {
        Runtime.getRuntime().addShutdownHook(new Thread(WarmUpTest::sleepLong));
    }

    private static void sleepLong() {
        try {
            Thread.sleep(300_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
