package multiprocessing4j.managers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import multiprocessing4j.interop.CPython;

/**
 * Manager fixtures started once per (interpreter, mode) for a test class and closed after it,
 * so a class's tests share one CPython manager per interpreter.
 */
final class ManagerPeers implements AutoCloseable {
    private final Map<String, ManagerPeer> peers = new ConcurrentHashMap<>();

    ManagerPeer get(CPython python, String mode) throws IOException, InterruptedException {
        String key = python.version() + " " + mode;
        ManagerPeer peer = peers.get(key);
        if (peer == null || !peer.peer.isAlive()) {
            peer = ManagerPeer.start(python, mode);
            peers.put(key, peer);
        }
        return peer;
    }

    /** Keeps a peer started elsewhere, to be closed with the others. */
    void adopt(CPython python, String label, ManagerPeer peer) {
        peers.put(python.version() + " " + label, peer);
    }

    @Override
    public void close() {
        List<ManagerPeer> all = new ArrayList<>(peers.values());
        peers.clear();
        all.parallelStream().forEach(ManagerPeer::close);
    }
}
