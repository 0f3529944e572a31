package multiprocessing4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PythonPeerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void aFixtureStartsAndTalksInLines(CPython python) throws Exception {
        try (PythonPeer peer = PythonPeer.start(python, "hello.py")) {
            assertEquals(python.version(), peer.expect("READY", 30));
            peer.writeLine("héllo");
            assertEquals("ECHO héllo", peer.readLine());
        }
    }
}
