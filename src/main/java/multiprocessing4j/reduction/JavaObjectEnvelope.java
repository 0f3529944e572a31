package multiprocessing4j.reduction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * A Java-only value: a {@link Serializable} object with no Python counterpart, carried as Java
 * serialization bytes under the global {@value #MODULE}.{@value #NAME}. That module does not exist
 * in Python, so CPython refuses the pickle with {@code ModuleNotFoundError: No module named
 * 'multiprocessing4j_java_only'} instead of receiving something half-understood.
 *
 * <p>The unpickler hands out the envelope, not the object: Java deserialization loads classes named
 * by the data, so it happens only when the application asks for it, with a filter it chooses
 * ({@link #deserialize(ObjectInputFilter)}).
 */
public final class JavaObjectEnvelope {
    /** The module of the envelope's global; absent from every Python installation. */
    public static final String MODULE = "multiprocessing4j_java_only";
    /** The name of the envelope's global. */
    public static final String NAME = "JavaObject";
    static final PyGlobal GLOBAL = new PyGlobal(MODULE, NAME);

    private final PyBytes serialized;

    private JavaObjectEnvelope(PyBytes serialized) {
        this.serialized = serialized;
    }

    /** Serializes {@code value} now; throws {@link PicklingError} if Java serialization fails. */
    public static JavaObjectEnvelope wrap(Serializable value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(value);
        } catch (IOException e) {
            throw new PicklingError("cannot serialize " + value.getClass().getName() + ": " + e, e);
        }
        return new JavaObjectEnvelope(PyBytes.adopt(out.toByteArray()));
    }

    /** An envelope around serialization bytes received in a pickle. */
    public static JavaObjectEnvelope ofSerialized(PyBytes serialized) {
        return new JavaObjectEnvelope(Objects.requireNonNull(serialized, "serialized"));
    }

    /** The Java serialization stream. */
    public PyBytes serialized() {
        return serialized;
    }

    /**
     * Deserializes the object, admitting only the classes {@code filter} allows (for example
     * {@code ObjectInputFilter.Config.createFilter("com.example.*;java.base/*;!*")}).
     *
     * @throws UnpicklingError if the filter rejects a class or the stream is invalid
     */
    public Object deserialize(ObjectInputFilter filter) {
        Objects.requireNonNull(filter, "filter");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized.array(), serialized.offset(), serialized.length()))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new UnpicklingError("cannot deserialize Java object: " + e, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof JavaObjectEnvelope e && serialized.equals(e.serialized));
    }

    @Override
    public int hashCode() {
        return serialized.hashCode();
    }

    @Override
    public String toString() {
        return "JavaObjectEnvelope[" + serialized.length() + " bytes]";
    }
}
