package multiprocessing4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.Set;
import multiprocessing4j.reduction.PicklingError;

/**
 * Java serialization of a {@link Process} for its child, as CPython's {@code ForkingPickler}
 * pickles a process object for {@code spawn}: live objects registered with {@link Reattach}
 * become their handles, and a failure names the offending class and the field path to it.
 */
final class TargetPickler extends ObjectOutputStream {
    /** The application's classes written so far (those of the JDK are warm in every child already). */
    private final Set<String> classes = new LinkedHashSet<>();

    private TargetPickler(OutputStream out) throws IOException {
        super(out);
        enableReplaceObject(true);
    }

    /** A serialized process and the names of the application classes in it. */
    record Dumped(byte[] bytes, Set<String> classes) {}

    @Override
    protected void annotateClass(Class<?> cl) {
        ClassLoader loader = cl.getClassLoader();
        if (loader != null && loader != ClassLoader.getPlatformClassLoader()) classes.add(cl.getName());
    }

    @Override
    protected Object replaceObject(Object obj) {
        return Reattach.replace(obj);
    }

    /**
     * The serialized {@code process}.
     *
     * @throws PicklingError if something reachable from it cannot be serialized, naming its
     *     class and where it was found
     */
    static Dumped dumps(Process process) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> classes;
        try (TargetPickler out = new TargetPickler(bytes)) {
            out.writeObject(process);
            classes = out.classes;
        } catch (NotSerializableException e) {
            throw new PicklingError("cannot send " + process.name() + " to its child: "
                    + SerializationPath.explain(process, e.getMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new PicklingError("cannot send " + process.name() + " to its child: " + e, e);
        }
        return new Dumped(bytes.toByteArray(), classes);
    }

    /** Rebuilds a process in the child; its classes come from the child's class path. */
    static Process loads(byte[] data) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (Process) in.readObject();
        }
    }
}
