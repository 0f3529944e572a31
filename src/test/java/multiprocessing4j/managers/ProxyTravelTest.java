package multiprocessing4j.managers;

import static multiprocessing4j.Multiprocessing.getContext;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import multiprocessing4j.Process;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.CPythons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proxies captured by a {@code Process} target re-attach in the child: the DESIGN.md §3 Manager
 * example, against a CPython SyncManager, under every start method.
 */
class ProxyTravelTest {

    static Stream<Arguments> cases() {
        CPython python = CPythons.newest();
        return Stream.of("fork", "forkserver", "spawn").map(method -> Arguments.of(python, method));
    }

    @ParameterizedTest(name = "{0} manager, {1} child")
    @MethodSource("cases")
    void aChildChangesManagedObjectsThroughTheProxiesItCaptured(CPython python, String method) throws Exception {
        try (ManagerPeer peer = ManagerPeer.start(python, "sync-tcp")) {
            try (SyncManager manager = new SyncManager(peer.address, peer.authkey)) {
                manager.connect();
                DictProxy d = manager.dict();
                ListProxy l = manager.list(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
                Process q = getContext(method).Process(() -> {
                    d.put(1, "1");
                    d.put("2", 2);
                    d.put(0.25, null);
                    l.reverse();
                    for (Object key : d.keySet()) d.get(key); // #PROXY results work in the child too
                });
                q.start();
                q.join();
                assertEquals(0, q.exitcode());
                assertEquals("{1: '1', '2': 2, 0.25: None}", d.toString());
                assertEquals("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", l.toString());
                assertEquals(Map.of(1, "1", "2", 2), Map.of(1, d.get(1), "2", d.get("2")));
            }
            assertEquals(0, peer.objects(), "the child's references are released when it exits");
        }
    }
}
