package multiprocessing4j.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Connection#duplicate()}: os.dup semantics, the transport closes with its last handle. */
@Timeout(30)
class DuplicateTest {

    @Test
    void theFarEndSeesEndOfStreamOnlyWhenTheLastHandleCloses() throws IOException {
        Pipe pipe = Connection.Pipe(false);
        Connection writer = pipe.right();
        Connection copy = writer.duplicate();
        writer.close();
        assertTrue(writer.closed());
        assertThrows(IOException.class, () -> writer.send(1), "a closed handle cannot send");
        copy.send("still open");
        assertEquals("still open", pipe.left().recv());
        assertFalse(pipe.left().poll(0), "no end of stream while a handle is open");
        copy.close();
        assertThrows(EOFException.class, pipe.left()::recv);
        pipe.left().close();
    }

    @Test
    void handlesShareOneStreamInBothDirections() throws IOException {
        try (Pipe pipe = Connection.Pipe()) {
            Connection copy = pipe.right().duplicate();
            pipe.left().send(1);
            pipe.left().send(2);
            assertEquals(1, copy.recv());
            assertEquals(2, pipe.right().recv());
            copy.send("from the copy");
            assertEquals("from the copy", pipe.left().recv());
            copy.close();
            pipe.right().send("original still works");
            assertEquals("original still works", pipe.left().recv());
        }
    }

    @Test
    void aClosedConnectionCannotBeDuplicated() throws IOException {
        Pipe pipe = Connection.Pipe();
        pipe.close();
        assertThrows(IOException.class, pipe.left()::duplicate);
    }
}
