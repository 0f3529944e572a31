package multiprocessing4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import multiprocessing4j.reduction.PicklingError;

/**
 * Java serialization of a {@link Process} for its child, as CPython's {@code ForkingPickler}
 * pickles a process object for {@code spawn}: live objects registered with {@link Reattach}
 * become their handles, and a failure names the offending class and the field path to it. A
 * plain process with a lambda target that captures only values travels in {@link LambdaTarget}'s
 * compact form instead, which the child reads without an {@code ObjectInputStream}.
 */
final class TargetPickler extends ObjectOutputStream {
    /** The application's classes written so far (those of the JDK are warm in every child already). */
    private final Set<String> classes = new LinkedHashSet<>();
    /** The relays made for the connections written so far. */
    private final List<ConnectionRelay.Handle> relays;

    private TargetPickler(OutputStream out, List<ConnectionRelay.Handle> relays) throws IOException {
        super(out);
        this.relays = relays;
        enableReplaceObject(true);
    }

    /**
     * A serialized process, the names of the application classes in it, and the relays waiting
     * for its child ({@link #childEnded()} once that has ended or failed to start).
     */
    record Dumped(byte[] bytes, Set<String> classes, List<ConnectionRelay.Handle> relays) {
        Dumped(byte[] bytes, Set<String> classes) {
            this(bytes, classes, List.of());
        }

        void childEnded() {
            abandon(relays);
        }
    }

    private static void abandon(List<ConnectionRelay.Handle> relays) {
        relays.forEach(ConnectionRelay.Handle::abandon);
    }

    @Override
    protected void annotateClass(Class<?> cl) {
        ClassLoader loader = cl.getClassLoader();
        if (loader != null && loader != ClassLoader.getPlatformClassLoader()) classes.add(cl.getName());
    }

    @Override
    protected Object replaceObject(Object obj) {
        Object handle = Reattach.replace(obj);
        if (handle instanceof ConnectionRelay.Handle relay) relays.add(relay);
        return handle;
    }

    /**
     * The serialized {@code process}, compact when it can be ({@link LambdaTarget}).
     *
     * @throws PicklingError if something reachable from it cannot be serialized, naming its
     *     class and where it was found
     */
    static Dumped dumps(Process process) {
        Dumped compact = LambdaTarget.dumps(process);
        if (compact != null) return compact;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<ConnectionRelay.Handle> relays = new ArrayList<>();
        Set<String> classes;
        try (TargetPickler out = new TargetPickler(bytes, relays)) {
            out.writeObject(process);
            classes = out.classes;
        } catch (NotSerializableException e) {
            abandon(relays); // there will be no child
            throw new PicklingError("cannot send " + process.name() + " to its child: "
                    + SerializationPath.explain(process, e.getMessage()), e);
        } catch (IOException | RuntimeException e) {
            abandon(relays);
            throw new PicklingError("cannot send " + process.name() + " to its child: " + e, e);
        }
        return new Dumped(bytes.toByteArray(), classes, List.copyOf(relays));
    }

    /**
     * Rebuilds a process in the child; its classes come from the child's class path.
     *
     * @throws ClassNotFoundException naming the first class the child lacks, also for a lambda
     *     target, for which Java's deserialization itself reports only that a
     *     {@code SerializedLambda} cannot be assigned to {@code Process.target}
     */
    static Process loads(byte[] data) throws IOException, ClassNotFoundException {
        if (LambdaTarget.is(data)) return LambdaTarget.loads(data);
        ClassNotFoundException[] missing = new ClassNotFoundException[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return super.resolveClass(desc);
                } catch (ClassNotFoundException e) {
                    if (missing[0] == null) missing[0] = e;
                    throw e;
                }
            }
        }) {
            return (Process) in.readObject();
        } catch (ClassCastException e) {
            if (missing[0] == null) throw e;
            missing[0].addSuppressed(e);
            throw missing[0];
        }
    }
}
