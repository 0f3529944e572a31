package multiprocessing4j;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import multiprocessing4j.connection.Connection;

/**
 * How live objects that a target captures travel to a child: by a name-based handle, re-opened
 * in the child (DESIGN.md §5). A JVM cannot hand a child its file descriptors, mappings or
 * sockets, so a shared object (a shared-memory {@code Value}, a lock, a queue, a manager proxy,
 * a connection end) crosses as a small {@link Serializable} handle that names it (segment, socket
 * path, token); the handle's {@code readResolve()} re-attaches in the child, where
 * {@link Multiprocessing#currentProcess()} already holds the inherited {@linkplain
 * Process#authkey() authkey}.
 *
 * <p>A class of this project's own does that with Java's {@code writeReplace()} returning its
 * handle. This registry is for classes that cannot (final classes of a lower layer such as
 * {@link multiprocessing4j.connection.Connection}, or an application's): when a process is
 * serialized for {@link Process#start()}, every object whose class is registered here, or
 * extends one, is replaced by the handle its function makes, even if the object itself is not
 * {@link Serializable}. {@link Connection}s are registered from the start (see
 * {@link ConnectionRelay}).
 */
public final class Reattach {
    private static final Map<Class<?>, Function<Object, ? extends Serializable>> HANDLES = new ConcurrentHashMap<>();

    static {
        register(Connection.class, ConnectionRelay::handleFor);
    }

    private Reattach() {}

    /**
     * Makes instances of {@code type} (and its subclasses) travel as {@code handle.apply(obj)}; a
     * later registration for the same type replaces the earlier one.
     *
     * @param handle runs in the parent at {@code start()}; returns a handle whose
     *     {@code readResolve()} re-attaches in the child (or throws to refuse the travel)
     */
    public static <T> void register(Class<T> type, Function<? super T, ? extends Serializable> handle) {
        Objects.requireNonNull(handle, "handle");
        HANDLES.put(type, obj -> handle.apply(type.cast(obj)));
    }

    /** The handle standing for {@code obj} in a child, or {@code obj} itself if none is registered. */
    static Object replace(Object obj) {
        Function<Object, ? extends Serializable> handle = handleFor(obj);
        return handle == null ? obj : handle.apply(obj);
    }

    /**
     * Whether {@code obj} would travel as a handle, without making one (making one may start
     * something in the parent that waits for the child, as a {@link ConnectionRelay}).
     */
    static boolean travelsAsHandle(Object obj) {
        return handleFor(obj) != null;
    }

    private static Function<Object, ? extends Serializable> handleFor(Object obj) {
        if (obj == null) return null;
        for (Class<?> c = obj.getClass(); c != null; c = c.getSuperclass()) {
            Function<Object, ? extends Serializable> handle = HANDLES.get(c);
            if (handle != null) return handle;
        }
        for (Class<?> i : obj.getClass().getInterfaces()) {
            Function<Object, ? extends Serializable> handle = HANDLES.get(i);
            if (handle != null) return handle;
        }
        return null;
    }
}
