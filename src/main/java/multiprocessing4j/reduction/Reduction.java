package multiprocessing4j.reduction;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The extension points of the pickle layer, for the layers above it (managers, pools...):
 * <ul>
 *   <li>{@link #registerConstructor}: the allow-list of Python globals the unpickler turns into Java
 *       values. A global not registered here never runs anything: it becomes a {@link PyGlobal}
 *       (used as a value) or a {@link PyObject} (called).</li>
 *   <li>{@link #registerReducer}: how the pickler writes a Java class of yours, as the
 *       {@link PyObject} CPython should rebuild.</li>
 * </ul>
 * Both registries are JVM-wide and thread-safe. Register at start-up, before the first message is
 * read or written; an entry cannot be replaced, so two components cannot silently fight over one
 * name. The value model's own globals ({@code datetime.datetime}, {@code builtins.frozenset}...) are
 * registered from the start.
 */
public final class Reduction {
    private static final Map<PyGlobal, PyConstructor> CONSTRUCTORS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Function<Object, PyObject>> REDUCERS = new ConcurrentHashMap<>();

    static {
        BuiltinGlobals.registerAll(CONSTRUCTORS);
    }

    private Reduction() {}

    /**
     * Makes the unpickler build {@code module.name} calls with {@code constructor}. {@code name} may
     * be a dotted qualified name ({@code "ZoneInfo._unpickle"}).
     *
     * @throws IllegalStateException if that global already has a constructor
     */
    public static void registerConstructor(String module, String name, PyConstructor constructor) {
        Objects.requireNonNull(constructor, "constructor");
        PyGlobal global = new PyGlobal(module, name);
        if (CONSTRUCTORS.putIfAbsent(global, constructor) != null) {
            throw new IllegalStateException(global.qualifiedName() + " already has a constructor");
        }
    }

    /**
     * Makes the pickler write instances of exactly {@code type} (not subclasses) as the
     * {@link PyObject} {@code reducer} returns: its global, arguments, construction, items and state.
     * The reducer is consulted before the value model's own forms, so a class that is also a
     * {@code List} or a {@code Map} (a manager's proxy, say) is written as its reducer says.
     *
     * @throws IllegalStateException if {@code type} already has a reducer
     */
    public static <T> void registerReducer(Class<T> type, Function<? super T, PyObject> reducer) {
        Objects.requireNonNull(reducer, "reducer");
        Function<Object, PyObject> erased = o -> reducer.apply(type.cast(o));
        if (REDUCERS.putIfAbsent(Objects.requireNonNull(type, "type"), erased) != null) {
            throw new IllegalStateException(type.getName() + " already has a reducer");
        }
    }

    /** The constructor allow-listed for {@code global}, or null. */
    static PyConstructor constructor(PyGlobal global) {
        return CONSTRUCTORS.get(global);
    }

    /** The reducer for exactly this class, or null. */
    static Function<Object, PyObject> reducer(Class<?> type) {
        return REDUCERS.get(type);
    }
}
