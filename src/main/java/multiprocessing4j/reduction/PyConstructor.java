package multiprocessing4j.reduction;

import java.util.Map;

/**
 * Turns a call of an allow-listed Python global, found in a pickle, into a Java value. Registered
 * with {@link Reduction#registerConstructor}; the unpickler calls it instead of producing a generic
 * {@link PyObject}.
 *
 * <p>Implementations must be thread-safe (one instance serves every unpickler) and must throw
 * {@link UnpicklingError} for arguments they do not understand.
 */
@FunctionalInterface
public interface PyConstructor {

    /** The {@code REDUCE} opcode: {@code callable(*args)}. */
    Object call(PyGlobal callable, PyTuple args);

    /**
     * The {@code NEWOBJ} / {@code NEWOBJ_EX} opcodes: {@code cls.__new__(cls, *args, **kwargs)},
     * usually followed by a {@code BUILD} (see {@link Buildable}). {@code kwargs} is empty for
     * {@code NEWOBJ}. By default the object stays a generic {@link PyObject}.
     */
    default Object newObject(PyGlobal cls, PyTuple args, Map<Object, Object> kwargs) {
        return kwargs.isEmpty() ? PyObject.newObj(cls, args) : PyObject.newObjEx(cls, args, kwargs);
    }
}
