package multiprocessing4j.sharedmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.Process;
import multiprocessing4j.Value;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A JVM killed with SIGKILL leaves nothing in /dev/shm: its tracker process unlinks what it owned. */
@Timeout(60)
class SegmentTrackerTest {

    @Test
    void segmentsOfAChildKilledWithSigkillAreUnlinkedByItsTracker() throws Exception {
        List<?> names;
        try (Pipe pipe = Connection.Pipe()) {
            Connection childEnd = pipe.right();
            Process p = Multiprocessing.getContext("forkserver").Process(() -> {
                SharedMemory shm = new SharedMemory(64);
                ShareableList sl = new ShareableList(List.of(1, "two"));
                Value<Integer> v = Multiprocessing.Value("i", 7); // sharedctypes storage: a pym- segment
                SharedMemory unlinked = new SharedMemory(8);
                unlinked.unlink();                                 // gone before the kill: nothing to do for it
                try {
                    childEnd.send(List.of(shm.name(), sl.shm().name(), v.shm().name(), unlinked.name()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                while (true) LockSupport.park();
            });
            p.start();
            names = (List<?>) pipe.left().recv();
            for (Object n : names.subList(0, 3)) assertTrue(exists(n), n + " exists while its owner lives");
            p.kill();
            p.join();
            assertEquals(-9, p.exitcode());
        }
        // The tracker reacts to the end of its pipe; wait for it, boundedly, without judging the time it took.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (names.stream().anyMatch(SegmentTrackerTest::exists) && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(List.of(), names.stream().filter(SegmentTrackerTest::exists).toList(), "left in /dev/shm");
    }

    @Test
    void theTrackerRunsBesideAJvmThatCreatedASegment() throws Exception {
        SharedMemory shm = new SharedMemory(16);
        try {
            long pid = SegmentTracker.pid();
            assertTrue(pid > 0, "a tracker process");
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            shm.unlink();
        }
    }

    private static boolean exists(Object name) {
        return Files.exists(SharedMemory.DIR.resolve((String) name));
    }
}
