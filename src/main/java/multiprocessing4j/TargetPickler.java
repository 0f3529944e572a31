package multiprocessing4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import multiprocessing4j.reduction.PicklingError;

/**
 * Java serialization of a {@link Process} for its child, as CPython's {@code ForkingPickler}
 * pickles a process object for {@code spawn}: live objects registered with {@link Reattach}
 * become their handles, and a failure names the offending class and the field path to it.
 */
final class TargetPickler extends ObjectOutputStream {
    private TargetPickler(OutputStream out) throws IOException {
        super(out);
        enableReplaceObject(true);
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
    static byte[] dumps(Process process) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TargetPickler out = new TargetPickler(bytes)) {
            out.writeObject(process);
        } catch (NotSerializableException e) {
            throw new PicklingError("cannot send " + process.name() + " to its child: "
                    + SerializationPath.explain(process, e.getMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new PicklingError("cannot send " + process.name() + " to its child: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** Rebuilds a process in the child; its classes come from the child's class path. */
    static Process loads(byte[] data) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (Process) in.readObject();
        }
    }
}
