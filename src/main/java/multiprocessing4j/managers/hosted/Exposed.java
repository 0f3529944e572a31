package multiprocessing4j.managers.hosted;

import java.util.List;
import java.util.Map;
import multiprocessing4j.reduction.PyTuple;

/**
 * A Java object that a manager's server shares with its clients, as a referent of CPython's
 * {@code Server}: clients call its methods by their Python names.
 *
 * <p>The server calls {@link #callMethod} only for names in the object's exposed set (the
 * registration's {@code exposed}, else {@link #publicMethods()}) for which
 * {@link #hasMethod} is true; for others it answers as CPython does when {@code getattr} fails
 * ({@code #GETVALUE}, {@code __str__} and {@code __repr__} fallbacks, else {@code #TRACEBACK}).
 * Calls arrive concurrently from the serving threads of different clients; an implementation
 * makes each method atomic, as the GIL makes CPython's containers.
 *
 * <p>A method raises a {@link multiprocessing4j.PyException} to send that Python exception to
 * the client; other Java exceptions are sent as their nearest {@code builtins} exception.
 */
public interface Exposed {
    /**
     * The names CPython's {@code public_methods(obj)} gives: the callable attributes not starting
     * with {@code _}, alphabetically. AutoProxy clients get exactly these methods.
     */
    List<String> publicMethods();

    /** Whether {@code getattr(obj, name)} finds a method; by default, the public methods. */
    default boolean hasMethod(String name) {
        return publicMethods().contains(name);
    }

    /** {@code getattr(obj, name)(*args, **kwds)}. */
    Object callMethod(String name, PyTuple args, Map<String, Object> kwds);

    /**
     * What the client receives for the object itself ({@code #GETVALUE}, or a method returning
     * the object): a value of the pickle layer's model. By default the object, which then needs
     * a reducer.
     */
    default Object value() {
        return this;
    }
}
