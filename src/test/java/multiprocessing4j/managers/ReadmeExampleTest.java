package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import multiprocessing4j.PyKeyError;
import multiprocessing4j.interop.CPython;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example of README.md's "Talking to CPython managers", line for line, with what it prints checked. */
class ReadmeExampleTest {

    @ParameterizedTest(name = "{0} README example")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void example(CPython python) throws Exception {
        List<String> out = new ArrayList<>();
        try (ManagerPeer peer = ManagerPeer.start(python, "sync-tcp")) {
            try (SyncManager m = new SyncManager(peer.address, peer.authkey)) {
                m.connect();
                DictProxy d = m.dict();
                ListProxy l = m.list(List.of(3, 1, 2));
                l.sort();
                d.put("answer", 42);
                d.put("list", l);
                out.add(d.toString());
                ListProxy back = (ListProxy) d.get("list");
                out.add(back.toString());
                try {
                    d.getItem("missing");
                } catch (PyKeyError e) {
                    out.add(e.getMessage());
                }
                QueueProxy q = m.Queue();
                q.put("hello");
                out.add(String.valueOf(q.get()));
            }
            assertEquals(0, peer.objects());
        }
        assertTrue(out.get(0).matches("\\{'answer': 42, 'list': <ListProxy object, typeid 'list' at 0x\\w+>}"), out.get(0));
        assertEquals(List.of("[1, 2, 3]", "KeyError: 'missing'", "hello"), out.subList(1, 4));
    }
}
