package multiprocessing4j;

import java.util.Map;
import java.util.function.BiFunction;
import multiprocessing4j.reduction.PyTuple;

/**
 * Turns a Python exception received from a peer (its type, args and {@code __dict__}) into
 * the Java exception named after it: {@code builtins.KeyError} → {@link PyKeyError},
 * {@code queue.Empty} → {@link Empty}, and any type without a Java class of its own →
 * {@link PyException} keeping its {@code module.qualname}.
 */
public final class PyExceptions {
    private static final Map<String, BiFunction<PyTuple, Map<String, Object>, PyException>> KNOWN = Map.ofEntries(
            Map.entry("builtins.LookupError", PyLookupError::new),
            Map.entry("builtins.KeyError", PyKeyError::new),
            Map.entry("builtins.IndexError", PyIndexError::new),
            Map.entry("builtins.ValueError", PyValueError::new),
            Map.entry("builtins.TypeError", PyTypeError::new),
            Map.entry("builtins.AttributeError", PyAttributeError::new),
            Map.entry("builtins.RuntimeError", PyRuntimeError::new),
            Map.entry("builtins.StopIteration", PyStopIteration::new),
            Map.entry("queue.Empty", Empty::new),
            Map.entry("_queue.Empty", (args, state) -> new Empty("_queue.Empty", args, state)),
            Map.entry("queue.Full", Full::new),
            Map.entry("threading.BrokenBarrierError", BrokenBarrierError::new));

    private PyExceptions() {}

    /**
     * The Java exception for a Python exception of type {@code pythonType}
     * ({@code module.qualname}).
     *
     * @param state the exception's {@code __dict__}; empty when it had none
     */
    public static PyException of(String pythonType, PyTuple args, Map<String, Object> state) {
        var known = KNOWN.get(pythonType);
        return known != null ? known.apply(args, state) : new PyException(pythonType, args, state);
    }

    /**
     * The Python exception a Java exception stands for when it must cross to a Python peer (a
     * Java-hosted object's method failed): the nearest {@code builtins} type, with the message
     * as its one argument. A {@link PyException} is returned as it is.
     */
    public static PyException fromJava(Throwable e) {
        if (e instanceof PyException p) return p;
        String type;
        if (e instanceof IndexOutOfBoundsException) type = "builtins.IndexError";
        else if (e instanceof java.util.NoSuchElementException) type = "builtins.KeyError";
        else if (e instanceof ClassCastException) type = "builtins.TypeError";
        else if (e instanceof IllegalArgumentException) type = "builtins.ValueError";
        else if (e instanceof ArithmeticException) type = "builtins.ZeroDivisionError";
        else if (e instanceof UnsupportedOperationException) type = "builtins.NotImplementedError";
        else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) type = "builtins.OSError";
        else if (e instanceof OutOfMemoryError) type = "builtins.MemoryError";
        else if (e instanceof StackOverflowError) type = "builtins.RecursionError";
        else type = "builtins.RuntimeError";
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        return of(type, PyTuple.of(message), Map.of());
    }
}
