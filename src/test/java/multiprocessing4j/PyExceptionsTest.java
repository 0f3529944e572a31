package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.Test;

class PyExceptionsTest {

    @Test
    void knownTypesGetTheirClassesAndKeepTheirTypeNames() {
        assertInstanceOf(PyKeyError.class, PyExceptions.of("builtins.KeyError", PyTuple.of("k"), Map.of()));
        assertInstanceOf(PyLookupError.class, PyExceptions.of("builtins.IndexError", PyTuple.of(), Map.of()));
        assertInstanceOf(PyRuntimeError.class, PyExceptions.of("threading.BrokenBarrierError", PyTuple.of(), Map.of()));
        PyException empty = PyExceptions.of("_queue.Empty", PyTuple.of(), Map.of());
        assertInstanceOf(Empty.class, empty);
        assertEquals("_queue.Empty", empty.pythonType());
        assertEquals("Empty", empty.getMessage());
    }

    @Test
    void unknownTypesKeepNameArgsAndState() {
        PyException e = PyExceptions.of("__main__.MyErr", PyTuple.of("boom", 42), Map.of("__notes__", List.of("n")));
        assertEquals(PyException.class, e.getClass());
        assertEquals("MyErr", e.typeName());
        assertEquals("MyErr: ('boom', 42)", e.getMessage());
        assertEquals(Map.of("__notes__", List.of("n")), e.state());
    }

    @Test
    void messagesAreThoseOfAPythonTraceback() {
        assertEquals("KeyError: 'missing'", new PyKeyError("missing").getMessage());
        assertEquals("KeyError: (1, 2)", new PyKeyError(PyTuple.of(1, 2)).getMessage());
        assertEquals("ValueError: bad value", new PyValueError("bad value").getMessage());
        assertEquals("IndexError: 3", PyExceptions.of("builtins.IndexError", PyTuple.of(3), Map.of()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PyException("NoModule", PyTuple.of()));
    }

    @Test
    void javaSerializationKeepsTheTypeArgsAndState() throws Exception {
        PyException sent = PyExceptions.of("builtins.KeyError", PyTuple.of("missing", 3), Map.of("__notes__", List.of("n")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sent);
        }
        Object got;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            got = in.readObject();
        }
        PyException received = assertInstanceOf(PyKeyError.class, got);
        assertEquals(sent.args(), received.args());
        assertEquals(sent.state(), received.state());
        assertEquals("KeyError: ('missing', 3)", received.getMessage());
    }
}
