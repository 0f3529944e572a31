package multiprocessing4j.sharedmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.HexFormat;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.PythonPeer;

/** {@code python-fixtures/shm_peer.py} as a test's peer: one command, one answer. */
final class ShmPeer implements AutoCloseable {
    private final PythonPeer peer;

    private ShmPeer(PythonPeer peer) {
        this.peer = peer;
    }

    static ShmPeer start(CPython python) throws IOException, InterruptedException {
        ShmPeer p = new ShmPeer(PythonPeer.start(python, "shm_peer.py"));
        assertEquals(python.major() + "." + python.minor(), p.peer.expect("READY", 30));
        return p;
    }

    /** The answer's words after OK; fails with the peer's error otherwise. */
    String[] ok(String command) throws IOException, InterruptedException {
        String answer = answer(command);
        if (!answer.startsWith("OK")) throw new AssertionError(command + " -> " + answer);
        return answer.length() <= 3 ? new String[0] : answer.substring(3).split(" ");
    }

    /** The whole answer line: {@code OK ...} or {@code ERR <type> <message>}. */
    String answer(String command) throws IOException, InterruptedException {
        peer.writeLine(command);
        return peer.readLine(30);
    }

    static byte[] unhex(String hex) {
        return hex.equals("-") ? new byte[0] : HexFormat.of().parseHex(hex);
    }

    @Override
    public void close() throws InterruptedException {
        peer.close();
        assertFalse(peer.stderr().contains("leaked"), peer.stderr()); // the tracker found nothing of ours
    }
}
