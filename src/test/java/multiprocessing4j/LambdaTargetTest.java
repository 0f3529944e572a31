package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The compact form of a process with a value-capturing lambda target, and when a process gets it. */
class LambdaTargetTest {
    /** What targets run in this JVM wrote, in order. */
    private static final List<Object> ran = new ArrayList<>();

    private static void record(Object... values) {
        ran.addAll(Arrays.asList(values));
    }

    private static void nothing() {
        // a method reference target
    }

    @Property(tries = 200)
    void capturedValuesComeBackEqualAndTheFormIsStable(@ForAll String s, @ForAll int i, @ForAll long l,
            @ForAll double d, @ForAll float f, @ForAll short h, @ForAll byte b, @ForAll char c, @ForAll boolean z)
            throws Exception {
        String none = null;
        Process process = new Process(() -> record(s, i, l, d, f, h, b, c, z, none), "p-" + s);
        byte[] form = compact(process);

        Process back = LambdaTarget.loads(form);
        assertEquals(process.name(), back.name());
        assertArrayEquals(process.identity(), back.identity());
        assertArrayEquals(form, compact(back), "the rebuilt process has the same compact form");
        ran.clear();
        back.run();
        assertEquals(Arrays.asList(s, i, l, d, f, h, b, c, z, null), ran);
    }

    @Test
    void loneSurrogatesSurviveAsJavaSerializationKeepsThem() throws Exception {
        String captured = "\uDC00 and \uD800";
        Process back = LambdaTarget.loads(compact(new Process(() -> record(captured), "\uD83D")));
        assertEquals("\uD83D", back.name());
        ran.clear();
        back.run();
        assertEquals(List.of(captured), ran);
    }

    @Test
    void aMethodReferenceKeepsTheProcessFields() throws Exception {
        Process process = new Process(LambdaTargetTest::nothing);
        process.daemon(true);
        Process back = TargetPickler.loads(TargetPickler.dumps(process).bytes());
        assertEquals(Process.class, back.getClass());
        assertEquals(process.name(), back.name());
        assertTrue(back.daemon());
        assertArrayEquals(process.identity(), back.identity());
    }

    @Test
    void theDumpNamesTheClassesToPreload() {
        SerializableRunnable target = LambdaTargetTest::nothing;
        assertTrue(LambdaTarget.dumps(new Process(target)).classes().containsAll(
                List.of(LambdaTargetTest.class.getName(), SerializableRunnable.class.getName())));
    }

    @Test
    void whatItCannotCarryGoesThroughJavaSerialization() {
        int[] counter = new int[1];
        assertNull(LambdaTarget.dumps(new Process(() -> counter[0]++)), "an object captured");
        assertNull(LambdaTarget.dumps(new Process(new NamedTarget())), "a class, not a lambda");
        assertNull(LambdaTarget.dumps(new Worker()), "a subclass of Process");
        assertNull(LambdaTarget.dumps(new Process()), "no target");
        assertFalse(LambdaTarget.is(TargetPickler.dumps(new Process(() -> counter[0]++)).bytes()));
    }

    @Test
    void aTruncatedFormIsAnIOException() {
        byte[] form = compact(new Process(() -> record("x", 1)));
        for (int n = 4; n < form.length; n++) {
            byte[] cut = Arrays.copyOf(form, n);
            assertThrows(IOException.class, () -> LambdaTarget.loads(cut), "cut at " + n);
        }
    }

    @Test
    void aLambdaWhoseImplementationTheChildLacksIsAnInvalidObject() {
        byte[] form = compact(new Process(() -> record("x")));
        // the same form, with the implementation method renamed to one that does not exist
        int at = indexOf(form, "lambda$".getBytes(StandardCharsets.UTF_16BE));
        assertTrue(at > 0);
        form[at + 1] = 'L'; // the low byte of the name's first char
        assertThrows(InvalidObjectException.class, () -> LambdaTarget.loads(form));
    }

    @Test
    void methodReferencesOnACapturedReceiverAndConstructorsAreCalled() throws Exception {
        String receiver = "abc";
        SerializableRunnable onReceiver = receiver::length; // nothing to see but that it runs
        LambdaTarget.loads(compact(new Process(onReceiver))).run();
        SerializableRunnable constructor = Constructed::new;
        ran.clear();
        LambdaTarget.loads(compact(new Process(constructor))).run();
        assertEquals(List.of("constructed"), ran);
    }

    @Test
    void anExceptionFromTheBodyLeavesTheTargetUnchanged() throws Exception {
        IOException thrown = new IOException("from the body");
        SerializableRunnable target = () -> {
            throw thrown;
        };
        assertNull(LambdaTarget.dumps(new Process(target)), "it captured an object");
        SerializableRunnable throwing = () -> fail("x");
        Process back = LambdaTarget.loads(compact(new Process(throwing)));
        assertEquals("x", assertThrows(IOException.class, back::run).getMessage());
    }

    @Test
    void aRebuiltTargetPassedOnIsTheGenuineLambdaAgain() throws Exception {
        Process back = LambdaTarget.loads(compact(new Process(() -> record("again", 2))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(back.target());
        }
        Object passedOn;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            passedOn = in.readObject();
        }
        assertTrue(passedOn.getClass().isHidden(), "a lambda, not " + passedOn.getClass());
        ran.clear();
        ((SerializableRunnable) passedOn).run();
        assertEquals(List.of("again", 2), ran);
    }

    @Test
    void aLambdaWithAMarkerInterfaceGoesThroughJavaSerialization() {
        SerializableRunnable marked = (SerializableRunnable & Cloneable) () -> record("marked");
        assertNull(LambdaTarget.dumps(new Process(marked)));
    }

    private static void fail(String message) throws IOException {
        throw new IOException(message);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) return i;
        }
        return -1;
    }

    private static byte[] compact(Process process) {
        TargetPickler.Dumped dumped = LambdaTarget.dumps(process);
        assertNotNull(dumped, "a value-capturing lambda target travels compact");
        return dumped.bytes();
    }

    static final class NamedTarget implements SerializableRunnable {
        @Override
        public void call() {
            record("named");
        }
    }

    static final class Constructed {
        Constructed() {
            record("constructed");
        }
    }

    static final class Worker extends Process {
        @Override
        public void run() {
            record("worker");
        }
    }
}
