package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.PythonPeer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips through every CPython found, with {@code python-fixtures/pickle_echo.py}: (A) CPython's
 * corpus, pickled by ForkingPickler at protocols 0, 2, DEFAULT and HIGHEST, is loaded and re-pickled
 * here, and CPython checks the echo recursively (types, dict order, NaN, identity structure);
 * (B) a seeded random corpus of the value model goes to CPython, which describes what it loaded and
 * pickles it back; both the description and the value loaded back must match what was sent.
 */
class PickleInteropTest {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder UNB64 = Base64.getDecoder();
    private static final int JAVA_CORPUS_SIZE = 400;

    @ParameterizedTest(name = "{0} echoes both corpora")
    @MethodSource("multiprocessing4j.interop.CPythons#all")
    void roundTripsThroughCPython(CPython python) throws Exception {
        List<String> failures = new ArrayList<>();
        try (PythonPeer peer = PythonPeer.start(python, "pickle_echo.py")) {
            peer.expect("READY", 30);
            int cases = echoCpythonCorpus(peer, failures);
            sendJavaCorpus(peer, python, failures);
            if (cases < 100) failures.add("only " + cases + " CPython cases arrived");
        }
        assertEquals(List.of(), failures, python + ": " + failures.size() + " mismatches:\n" + String.join("\n", failures));
    }

    private static int echoCpythonCorpus(PythonPeer peer, List<String> failures) throws Exception {
        int cases = 0;
        for (String line = peer.readLine(); !line.equals("CASES_END"); line = peer.readLine()) {
            String[] f = line.split(" ", 4);
            cases++;
            try {
                Object value = ForkingPickler.loads(UNB64.decode(f[3]));
                peer.writeLine("ECHO " + f[1] + " " + f[2] + " " + B64.encodeToString(ForkingPickler.dumps(value)));
            } catch (RuntimeException e) {
                peer.writeLine("ECHOERR " + f[1] + " " + f[2] + " " + e.toString().replace('\n', ' '));
            }
        }
        peer.writeLine("ECHO_END");
        for (String line = peer.readLine(); !line.equals("A_END"); line = peer.readLine()) {
            if (line.startsWith("RESULT BAD")) failures.add("CPython corpus: " + line.substring(11));
        }
        return cases;
    }

    private static void sendJavaCorpus(PythonPeer peer, CPython python, List<String> failures) throws Exception {
        ValueGen gen = new ValueGen(new Random(20261125L + python.minor()), python.atLeast(3, 9));
        List<Object> sent = new ArrayList<>();
        for (int i = 0; i < JAVA_CORPUS_SIZE; i++) {
            Object v = gen.value(4);
            sent.add(v);
            peer.writeLine("VALUE " + i + " " + B64.encodeToString(ForkingPickler.dumps(v)));
        }
        peer.writeLine("VALUES_END");
        int answers = 0;
        for (String line = peer.readLine(); !line.equals("B_END"); line = peer.readLine()) {
            String[] f = line.split(" ", 4);
            int id = Integer.parseInt(f[1]);
            answers++;
            String expected = Describe.of(sent.get(id));
            if (f[0].equals("LOADERR")) {
                failures.add("Java value " + id + ": CPython failed to load it: " + line + "\n  sent " + expected);
                continue;
            }
            if (!f[3].equals(expected)) {
                failures.add("Java value " + id + ": CPython holds\n  " + f[3] + "\n  sent\n  " + expected);
            }
            String back = Describe.of(ForkingPickler.loads(UNB64.decode(f[2])));
            if (!back.equals(expected)) {
                failures.add("Java value " + id + ": came back as\n  " + back + "\n  sent\n  " + expected);
            }
        }
        if (answers != JAVA_CORPUS_SIZE) failures.add(answers + " answers for " + JAVA_CORPUS_SIZE + " Java values");
    }
}
