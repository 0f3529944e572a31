package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;
import multiprocessing4j.reduction.PicklingError;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Pipe()} ends captured by a target work in the child under every start method, in both
 * directions, written the way CPython programs are: the parent closes its copy of the child's end
 * after {@code start()}, and end of stream follows when the last holder of the far end is gone.
 */
@Timeout(120)
class PipeInChildTest {

    @ParameterizedTest(name = "{0}: a duplex end answers each message in the child")
    @ValueSource(strings = {"fork", "forkserver", "spawn"})
    void aDuplexEndWorksBothWaysInTheChild(String method) throws IOException {
        Pipe pipe = Multiprocessing.Pipe();
        Connection childEnd = pipe.right();
        Process p = Multiprocessing.getContext(method).Process(() -> {
            for (Object m; (m = childEnd.recv()) != null; ) childEnd.send("re: " + m);
            childEnd.send(null);
        });
        p.start();
        childEnd.close();
        Connection parentEnd = pipe.left();
        for (int i = 0; i < 50; i++) {
            parentEnd.send("m" + i);
            assertEquals("re: m" + i, parentEnd.recv());
        }
        parentEnd.send(null);
        assertEquals(null, parentEnd.recv());
        p.join();
        assertEquals(0, p.exitcode());
        assertThrows(EOFException.class, parentEnd::recv, "the child's end is gone with the child");
        parentEnd.close();
    }

    @ParameterizedTest(name = "{0}: the child writes, the parent reads to end of stream")
    @ValueSource(strings = {"fork", "forkserver", "spawn"})
    void aWriterEndInTheChildEndsTheStreamWhenTheChildExits(String method) throws IOException {
        Context ctx = Multiprocessing.getContext(method);
        Pipe pipe = ctx.Pipe(false);
        Connection reader = pipe.left();
        Connection writer = pipe.right();
        Process p = ctx.Process(() -> { for (int i = 1; i <= 100; i++) writer.send(i); }); // send's IOException needs no catch
        p.start();
        writer.close(); // as CPython programs do: the child holds the writer now
        int sum = 0;
        int count = 0;
        try {
            while (true) {
                sum += (Integer) reader.recv();
                count++;
            }
        } catch (EOFException e) {
            // every writer is gone
        }
        assertEquals(100, count);
        assertEquals(5050, sum);
        p.join();
        assertEquals(0, p.exitcode());
        reader.close();
    }

    @ParameterizedTest(name = "{0}: the child reads to end of stream, the parent writes")
    @ValueSource(strings = {"fork", "forkserver", "spawn"})
    void aReaderEndInTheChildSeesEndOfStreamWhenTheParentClosesTheWriter(String method) throws IOException {
        Pipe pipe = Connection.Pipe(false);
        Connection reader = pipe.left();
        Connection writer = pipe.right();
        Process p = Multiprocessing.getContext(method).Process(() -> {
            int sum = 0;
            try {
                while (true) sum += (Integer) reader.recv();
            } catch (EOFException e) {
                throw new SystemExit(sum % 256);
            }
        });
        p.start();
        reader.close(); // the child holds the reader now
        for (int i = 1; i <= 20; i++) writer.send(i);
        writer.close();
        p.join();
        assertEquals(210, p.exitcode());
    }

    @ParameterizedTest(name = "{0}: a child that dies before reading its target releases the end")
    @ValueSource(strings = {"fork", "forkserver", "spawn"})
    void aChildThatDiesBeforeAttachingLeavesTheReaderEndOfStream(String method) throws IOException {
        Pipe pipe = Connection.Pipe(false);
        Connection reader = pipe.left();
        Process p = Multiprocessing.getContext(method).Process(new WritesAfterAFailingField(pipe.right()));
        p.start();
        pipe.right().close();
        p.join();
        assertEquals(1, p.exitcode(), "the child's deserialization failed");
        // CPython's child dies with its descriptor: the reader sees end of stream, not a hang
        assertThrows(EOFException.class, reader::recv);
        reader.close();
    }

    @ParameterizedTest(name = "{0}: a target that cannot travel releases the end it captured")
    @ValueSource(strings = {"fork", "spawn"})
    void aStartThatFailsToSerializeReleasesTheEnd(String method) throws IOException {
        Pipe pipe = Connection.Pipe(false);
        Connection reader = pipe.left();
        Connection writer = pipe.right();
        Object notSerializable = new Object();
        Process p = Multiprocessing.getContext(method).Process(() -> {
            writer.send(1);
            writer.send(notSerializable.hashCode());
        });
        assertThrows(PicklingError.class, p::start);
        writer.close();
        assertThrows(EOFException.class, reader::recv);
        reader.close();
    }

    /** Fields are serialized by name: {@code a} fails in the child before {@code writer} is attached. */
    private static final class WritesAfterAFailingField implements SerializableRunnable {
        private static final long serialVersionUID = 1L;
        private final FailsToDeserialize a = new FailsToDeserialize();
        private final Connection writer;

        WritesAfterAFailingField(Connection writer) {
            this.writer = writer;
        }

        @Override
        public void call() throws Exception {
            writer.send("never sent");
        }
    }

    private static final class FailsToDeserialize implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("fails in the child");
        }
    }
}
