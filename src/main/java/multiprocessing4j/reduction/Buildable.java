package multiprocessing4j.reduction;

/**
 * An object that accepts the state of a pickle's {@code BUILD} opcode, as a Python object's
 * {@code __setstate__}. Objects made by a {@link PyConstructor} implement this when the Python
 * type they stand for is pickled with state (for example {@code multiprocessing.managers.Token},
 * which CPython sends as {@code NEWOBJ} then {@code BUILD(tuple)}).
 */
public interface Buildable {
    /** Takes the state; throws {@link UnpicklingError} if it has the wrong shape. */
    void setState(Object state);
}
