package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void reprAndEquality() {
        Token t = new Token("dict", PyTuple.of("127.0.0.1", 5000), "7f01");
        assertEquals("Token(typeid='dict', address=('127.0.0.1', 5000), id='7f01')", t.toString());
        assertEquals(t, new Token("dict", PyTuple.of("127.0.0.1", 5000), "7f01"));
        assertNotEquals(t, new Token("dict", PyTuple.of("localhost", 5000), "7f01"));
        assertSame(t, t.withAddress(PyTuple.of("127.0.0.1", 5000)));
        assertEquals("/tmp/s", t.withAddress("/tmp/s").address());
    }

    @Test
    void addressesTakePythonsWireForm() {
        // The numeric host, as the server's getsockname() reports it, so the server knows its own tokens.
        assertEquals(PyTuple.of("127.0.0.1", 80), Managers.pythonAddress(new InetSocketAddress("localhost", 80)));
        assertEquals("/tmp/x", Managers.pythonAddress(UnixDomainSocketAddress.of("/tmp/x")));
        assertEquals("/tmp/x", Managers.pythonAddress(Path.of("/tmp/x")));
        assertEquals(PyTuple.of("10.0.0.1", 1), Managers.pythonAddress(PyTuple.of("10.0.0.1", 1)));
        assertThrows(IllegalArgumentException.class, () -> Managers.pythonAddress("\0abstract"));
        assertThrows(IllegalArgumentException.class, () -> Managers.pythonAddress(PyTuple.of("h", "80")));
    }
}
