package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Live objects a target captures re-attach in the child. */
@Timeout(120)
class ReattachTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void aDuplexPipeEndCapturedByTheTargetWorksInTheChild(String method) throws IOException {
        try (Pipe pipe = Connection.Pipe()) {
            Connection childEnd = pipe.right();
            Process p = Multiprocessing.getContext(method).Process(() -> {
                try {
                    childEnd.send("hello from " + Multiprocessing.currentProcess().name());
                    childEnd.send(childEnd.recv() + " back");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            p.start();
            Connection parentEnd = pipe.left();
            assertEquals("hello from " + p.name(), parentEnd.recv());
            parentEnd.send("ping");
            assertEquals("ping back", parentEnd.recv());
            p.join();
            assertEquals(0, p.exitcode());
        }
    }

    @Test
    void aSimplexReaderSeesEndOfStreamWhenTheWriterCloses() throws IOException {
        Pipe pipe = Connection.Pipe(false);
        Connection reader = pipe.left();
        Process p = Multiprocessing.getContext("fork").Process(() -> {
            int sum = 0;
            try {
                while (true) sum += (Integer) reader.recv();
            } catch (EOFException e) {
                throw new SystemExit(sum);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        p.start();
        for (int i = 1; i <= 10; i++) pipe.right().send(i);
        pipe.right().close();
        p.join();
        assertEquals(55, p.exitcode());
    }

    /** An application's live object: not serializable, it owns an open file. */
    static final class Journal {
        final Path path;
        final FileChannel channel;

        Journal(Path path) throws IOException {
            this.path = path;
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        void append(String line) throws IOException {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Serializable, but it holds an open file that is not. */
    static final class Sink implements Serializable {
        private static final long serialVersionUID = 1L;
        final FileChannel channel;

        Sink(FileChannel channel) {
            this.channel = channel;
        }
    }

    @Test
    void anUnregisteredLiveObjectIsRefusedAtStart() throws IOException {
        try (FileChannel channel = FileChannel.open(tmp.resolve("sink"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Sink sink = new Sink(channel);
            Process p = new Process(() -> sink.hashCode());
            var refused = assertThrows(multiprocessing4j.reduction.PicklingError.class, p::start);
            assertTrue(refused.getMessage().contains("is not serializable; it is reached through Process.target → lambda "
                    + "multiprocessing4j.ReattachTest.lambda$anUnregisteredLiveObjectIsRefusedAtStart$"), refused.getMessage());
            assertTrue(refused.getMessage().contains(", captured arg 0 → Sink.channel"), refused.getMessage());
        }
    }

    /** What a Journal travels as: its path; re-opened in the child. */
    record JournalHandle(String path) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            try {
                return new Journal(Path.of(path));
            } catch (IOException e) {
                throw new java.io.InvalidObjectException(e.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spawn", "fork"})
    void aRegisteredClassTravelsAsItsHandle(String method) throws IOException {
        Journal journal = new Journal(tmp.resolve("journal"));
        journal.append("parent");
        Reattach.register(Journal.class, j -> new JournalHandle(j.path.toString()));
        Process p = Multiprocessing.getContext(method).Process(() -> {
            try {
                journal.append("child " + Multiprocessing.currentProcess().name());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        p.start();
        p.join();
        assertEquals(0, p.exitcode());
        assertEquals("parent\nchild " + p.name() + "\n", Files.readString(journal.path));
        journal.channel.close();
    }
}
