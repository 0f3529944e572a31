package multiprocessing4j.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import multiprocessing4j.PyException;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.PythonPeer;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Semantics checked against CPython itself: the same operations, done by a CPython client
 * ({@code python-fixtures/manager_client.py}) on one manager and by the Java client on a twin
 * manager of the same interpreter, give the same results (compared by {@code repr}), raise the
 * same Python exception types, and leave the same state (the server's {@code repr}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwinTest {
    private final ManagerPeers peers = new ManagerPeers();
    private final Map<CPython, PythonPeer> clients = new ConcurrentHashMap<>();

    @AfterAll
    void stop() {
        clients.values().forEach(PythonPeer::close);
        peers.close();
    }

    /** One operation: Python source (a statement for EXEC, an expression for EVAL) and the Java equivalent. */
    private record Step(String kind, String python, JavaStep java) {}

    @FunctionalInterface
    private interface JavaStep {
        Object run(Map<String, Object> vars, SyncManager m);
    }

    private static Step exec(String python, JavaStep java) {
        return new Step("EXEC", python, java);
    }

    private static Step eval(String python, JavaStep java) {
        return new Step("EVAL", python, java);
    }

    private static DictProxy d(Map<String, Object> v) {
        return (DictProxy) v.get("d");
    }

    private static ListProxy l(Map<String, Object> v) {
        return (ListProxy) v.get("l");
    }

    private static final List<Step> DICT = List.of(
            exec("d = m.dict({'k': 'v'})", (v, m) -> v.put("d", m.dict(Map.of("k", "v")))),
            exec("d['a'] = 1", (v, m) -> { d(v).setItem("a", 1); return null; }),
            exec("d[(1, 2)] = [1, 2.5, None]", (v, m) -> { d(v).setItem(PyTuple.of(1, 2), java.util.Arrays.asList(1, 2.5, null)); return null; }),
            exec("d[b'x'] = {'nested': (True,)}", (v, m) -> { d(v).setItem(PyBytes.of((byte) 'x'), Map.of("nested", PyTuple.of(true))); return null; }),
            eval("d['missing']", (v, m) -> d(v).getItem("missing")),
            eval("d.get('a')", (v, m) -> d(v).get("a")),
            eval("d.get('missing', 'dflt')", (v, m) -> d(v).getOrDefault("missing", "dflt")),
            eval("d[(1, 2)]", (v, m) -> d(v).getItem(PyTuple.of(1, 2))),
            eval("'a' in d", (v, m) -> d(v).containsKey("a")),
            eval("len(d)", (v, m) -> d(v).size()),
            eval("d.keys()", (v, m) -> d(v).keys()),
            eval("d.items()", (v, m) -> d(v).items()),
            eval("d.pop('a')", (v, m) -> d(v).pop("a")),
            eval("d.pop('a')", (v, m) -> d(v).pop("a")),
            eval("d.pop('a', 0)", (v, m) -> d(v).pop("a", 0)),
            eval("d.setdefault('s', 0.5)", (v, m) -> d(v).setdefault("s", 0.5)),
            eval("d.setdefault('s', 1)", (v, m) -> d(v).setdefault("s", 1)),
            eval("d.popitem()", (v, m) -> d(v).popitem()),
            exec("del d['missing']", (v, m) -> { d(v).delItem("missing"); return null; }),
            exec("d.update({'u': None, 'w': [{}]})", (v, m) -> { d(v).putAll(map("u", null, "w", List.of(Map.of()))); return null; }),
            eval("d.copy()", (v, m) -> d(v).copy()),
            eval("d._getvalue()", (v, m) -> d(v).getValue()),
            eval("str(d)", (v, m) -> d(v).toString()));

    private static final List<Step> LIST = List.of(
            exec("l = m.list([3, 'a', 2.5])", (v, m) -> v.put("l", m.list(List.of(3, "a", 2.5)))),
            eval("l[5]", (v, m) -> l(v).getItem(5)),
            eval("l[-1]", (v, m) -> l(v).getItem(-1)),
            exec("l[-3] = 4", (v, m) -> { l(v).setItem(-3, 4); return null; }),
            exec("l.append([1])", (v, m) -> { l(v).append(List.of(1)); return null; }),
            exec("l.extend((7, 8))", (v, m) -> { l(v).extend(List.of(7, 8)); return null; }),
            exec("l.insert(-1, 'ins')", (v, m) -> { l(v).insert(-1, "ins"); return null; }),
            exec("l.insert(100, 'end')", (v, m) -> { l(v).insert(100, "end"); return null; }),
            eval("l.index('a')", (v, m) -> l(v).index("a")),
            eval("l.index('zz')", (v, m) -> l(v).index("zz")),
            eval("l.count(7)", (v, m) -> l(v).count(7)),
            exec("l.remove('zz')", (v, m) -> { l(v).callMethod("remove", "zz"); return null; }),
            eval("l.pop()", (v, m) -> l(v).pop()),
            eval("l.pop(1)", (v, m) -> l(v).pop(1)),
            eval("l.pop(42)", (v, m) -> l(v).pop(42)),
            exec("l.sort()", (v, m) -> { l(v).sort(); return null; }),
            exec("del l[-1]", (v, m) -> { l(v).delItem(-1); return null; }),
            exec("del l[0]", (v, m) -> { l(v).delItem(0); return null; }),
            exec("l.reverse()", (v, m) -> { l(v).reverse(); return null; }),
            eval("l + [0]", (v, m) -> l(v).concat(List.of(0))),
            eval("l * 2", (v, m) -> l(v).repeat(2)),
            eval("len(l)", (v, m) -> l(v).size()),
            eval("8 in l", (v, m) -> l(v).contains(8)),
            exec("l.sort()", (v, m) -> { l(v).sort(); return null; }),
            eval("str(l)", (v, m) -> l(v).toString()));

    private static final List<Step> OTHERS = List.of(
            exec("q = m.Queue(1)", (v, m) -> v.put("q", m.Queue(1))),
            eval("q.get_nowait()", (v, m) -> ((QueueProxy) v.get("q")).getNowait()),
            exec("q.put('x')", (v, m) -> { ((QueueProxy) v.get("q")).put("x"); return null; }),
            exec("q.put('y', True, 0.01)", (v, m) -> { ((QueueProxy) v.get("q")).put("y", true, 0.01); return null; }),
            eval("q.get(False)", (v, m) -> ((QueueProxy) v.get("q")).get(false, 0)),
            eval("q.qsize()", (v, m) -> ((QueueProxy) v.get("q")).qsize()),
            exec("k = m.Lock()", (v, m) -> v.put("k", m.Lock())),
            exec("k.release()", (v, m) -> { ((AcquirerProxy) v.get("k")).release(); return null; }),
            eval("k.acquire(False)", (v, m) -> ((AcquirerProxy) v.get("k")).acquire(false)),
            eval("k.acquire(True, 0.01)", (v, m) -> ((AcquirerProxy) v.get("k")).acquire(true, 0.01)),
            exec("s = m.BoundedSemaphore(1)", (v, m) -> v.put("s", m.BoundedSemaphore(1))),
            exec("s.release()", (v, m) -> { ((AcquirerProxy) v.get("s")).release(); return null; }),
            exec("c = m.Condition()", (v, m) -> v.put("c", m.Condition())),
            exec("c.wait(0.01)", (v, m) -> ((ConditionProxy) v.get("c")).await(0.01)),
            exec("c.notify_all()", (v, m) -> { ((ConditionProxy) v.get("c")).notifyAllWaiters(); return null; }),
            exec("e = m.Event()", (v, m) -> v.put("e", m.Event())),
            eval("e.wait(0.01)", (v, m) -> ((EventProxy) v.get("e")).await(0.01)),
            exec("b = m.Barrier(2)", (v, m) -> v.put("b", m.Barrier(2))),
            exec("b.abort()", (v, m) -> { ((BarrierProxy) v.get("b")).abort(); return null; }),
            eval("b.wait()", (v, m) -> ((BarrierProxy) v.get("b")).await()),
            eval("(b.parties, b.n_waiting, b.broken)", (v, m) -> {
                BarrierProxy b = (BarrierProxy) v.get("b");
                return PyTuple.of(b.parties(), b.nWaiting(), b.broken());
            }),
            exec("n = m.Namespace(x=1)", (v, m) -> v.put("n", m.Namespace(Map.of("x", 1)))),
            eval("n.y", (v, m) -> ((NamespaceProxy) v.get("n")).getattr("y")),
            exec("del n.y", (v, m) -> { ((NamespaceProxy) v.get("n")).delattr("y"); return null; }),
            exec("n.y = {1: 2}", (v, m) -> { ((NamespaceProxy) v.get("n")).setattr("y", Map.of(1, 2)); return null; }),
            eval("str(n)", (v, m) -> v.get("n").toString()),
            exec("val = m.Value('i', 7)", (v, m) -> v.put("val", m.Value("i", 7))),
            exec("val.value = val.value * 6", (v, m) -> {
                ValueProxy val = (ValueProxy) v.get("val");
                val.value((Integer) val.value() * 6);
                return null;
            }),
            eval("str(val)", (v, m) -> v.get("val").toString()),
            exec("a = m.Array('d', [0.5, 1.5])", (v, m) -> v.put("a", m.Array("d", List.of(0.5, 1.5)))),
            eval("a[2]", (v, m) -> ((ArrayProxy) v.get("a")).getItem(2)),
            exec("a[0] = 'str'", (v, m) -> { ((ArrayProxy) v.get("a")).setItem(0, "str"); return null; }),
            exec("a[-1] = 2", (v, m) -> { ((ArrayProxy) v.get("a")).setItem(-1, 2); return null; }),
            eval("len(a)", (v, m) -> ((ArrayProxy) v.get("a")).size()),
            eval("str(a)", (v, m) -> v.get("a").toString()));

    private static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @ParameterizedTest(name = "{0} dict: Java and CPython clients agree")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void dict(CPython python) throws Exception {
        compare(python, DICT);
    }

    @ParameterizedTest(name = "{0} list: Java and CPython clients agree")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void list(CPython python) throws Exception {
        compare(python, LIST);
    }

    @ParameterizedTest(name = "{0} Queue, Lock, Condition, Event, Barrier, Namespace, Value, Array: Java and CPython clients agree")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void others(CPython python) throws Exception {
        compare(python, OTHERS);
    }

    private void compare(CPython python, List<Step> steps) throws Exception {
        PythonPeer pythonClient = client(python);
        ManagerPeer javaTwin = peers.get(python, "sync-unix");
        List<String> expected = new ArrayList<>();
        for (Step s : steps) {
            pythonClient.writeLine(s.kind() + " " + s.python());
            expected.add(s.python() + " -> " + pythonClient.readLine(30));
        }
        List<String> actual = new ArrayList<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        try (SyncManager m = new SyncManager(javaTwin.address, javaTwin.authkey)) {
            m.connect();
            for (Step s : steps) actual.add(s.python() + " -> " + outcome(s, vars, m));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual), python.toString());
    }

    private static String outcome(Step s, Map<String, Object> vars, SyncManager m) {
        try {
            Object result = s.java().run(vars, m);
            if (s.kind().equals("EXEC")) return "OK";
            return "OK " + (s.python().startsWith("str(") ? PyRepr.repr(result) : PyRepr.repr(result));
        } catch (PyException e) {
            return "ERR " + e.pythonType();
        }
    }

    private PythonPeer client(CPython python) throws IOException, InterruptedException {
        PythonPeer client = clients.get(python);
        if (client == null) {
            // Unix sockets: over TCP, CPython's client waits ~40 ms for a delayed ACK on every
            // control request (see the connection layer's Client), which would dominate this test.
            ManagerPeer pythonTwin = ManagerPeer.start(python, "sync-unix");
            peers.adopt(python, "python twin", pythonTwin);
            client = PythonPeer.start(python, "manager_client.py", pythonTwin.addressText(), java.util.HexFormat.of().formatHex(pythonTwin.authkey));
            client.expect("READY", 60);
            clients.put(python, client);
        }
        return client;
    }
}
