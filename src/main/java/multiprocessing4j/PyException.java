package multiprocessing4j;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;

/**
 * A Python exception as a Java one: it keeps the Python type ({@code module.qualname}, e.g.
 * {@code builtins.KeyError} or {@code __main__.MyErr}), the {@code args} tuple and any
 * instance attributes the exception carried ({@code __dict__}, e.g. {@code __notes__}).
 *
 * <p>Well-known types have their own subclasses named after them ({@link PyKeyError},
 * {@link PyValueError}, {@link Empty}…) so that Java code can catch them by type;
 * {@link PyExceptions#of} picks the subclass. Any other Python type arrives as a plain
 * {@code PyException} with its type name, so nothing the peer said is lost.
 *
 * <p>{@link #getMessage()} is the last line of a Python traceback: {@code KeyError: 'missing'}.
 */
public class PyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pythonType;
    // Not final: Java serialization carries them as one pickle (writeObject), since a
    // PyTuple's items are the Python value model rather than Serializable Java objects.
    private transient PyTuple args;
    private transient Map<String, Object> state;

    /** An exception of Python type {@code pythonType} ({@code module.qualname}) with these args. */
    public PyException(String pythonType, PyTuple args) {
        this(pythonType, args, Map.of());
    }

    /**
     * An exception of Python type {@code pythonType} with these args and instance attributes.
     *
     * @param state the exception's {@code __dict__}; empty when it had none
     */
    public PyException(String pythonType, PyTuple args, Map<String, Object> state) {
        super(null, null, false, true);
        if (pythonType.indexOf('.') < 0) throw new IllegalArgumentException("not module.qualname: " + pythonType);
        this.pythonType = pythonType;
        this.args = args;
        this.state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }

    /** The Python type as {@code module.qualname}, e.g. {@code builtins.KeyError}. */
    public final String pythonType() {
        return pythonType;
    }

    /** The Python type's name without its module, e.g. {@code KeyError}. */
    public final String typeName() {
        return pythonType.substring(pythonType.lastIndexOf('.') + 1);
    }

    /** The exception's {@code args}, as Python's {@code e.args}. */
    public final PyTuple args() {
        return args;
    }

    /** The exception's instance attributes (its {@code __dict__}); empty when it had none. */
    public final Map<String, Object> state() {
        return state;
    }

    /** Python's {@code str(e)}: empty for no args, the one arg's str, else the args' repr. */
    public String str() {
        if (args.isEmpty()) return "";
        if (args.size() == 1) {
            Object only = args.get(0);
            return only instanceof String s ? s : PyRepr.repr(only);
        }
        return PyRepr.repr(args);
    }

    /** {@code Type: str(e)}, or just {@code Type} when {@code str(e)} is empty, as a traceback ends. */
    @Override
    public String getMessage() {
        String s = str();
        return s.isEmpty() ? typeName() : typeName() + ": " + s;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(ForkingPickler.dumps(PyTuple.of(args, new LinkedHashMap<>(state))));
    }

    @SuppressWarnings("unchecked")
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        PyTuple pickled = (PyTuple) ForkingPickler.loads((byte[]) in.readObject());
        args = (PyTuple) pickled.get(0);
        state = Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) pickled.get(1)));
    }
}
