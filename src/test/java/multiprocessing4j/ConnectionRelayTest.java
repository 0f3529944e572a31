package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Pipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay of a {@code Pipe()} end, both of its sides played in this JVM: the child's is the handle's {@code readResolve}. */
@Timeout(60)
class ConnectionRelayTest {
    @Test
    void whatAChildWroteBeforeItEndedArrivesThoughTheRelayIsAbandonedAtOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            Pipe pipe = Connection.Pipe(false);
            ConnectionRelay.Handle handle = ConnectionRelay.handleFor(pipe.right());
            pipe.right().close();
            Connection inChild = attach(handle);
            for (int i = 0; i < 10; i++) inChild.send(i);
            inChild.close();
            handle.abandon(); // as the parent does once it sees the child's end, greeting read or not
            for (int i = 0; i < 10; i++) assertEquals(i, pipe.left().recv(), "round " + round);
            assertThrows(EOFException.class, pipe.left()::recv);
            pipe.left().close();
        }
    }

    @Test
    void anAbandonedRelayReleasesTheEndAndRefusesALateChild() throws Exception {
        Pipe pipe = Connection.Pipe(false);
        ConnectionRelay.Handle handle = ConnectionRelay.handleFor(pipe.right());
        pipe.right().close();
        handle.abandon(); // the child ended before reading its target
        assertThrows(EOFException.class, pipe.left()::recv);
        assertThrows(IOException.class, () -> attach(handle));
        pipe.left().close();
    }

    /** The handle travels as it does to a child, whose deserialization attaches. */
    private static Connection attach(ConnectionRelay.Handle handle) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Connection) in.readObject();
        }
    }
}
