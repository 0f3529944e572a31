package multiprocessing4j.reduction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Python object of a type this side has no Java counterpart for (a user class, an exception, an
 * {@code OrderedDict}, an {@code Enum} member...), kept as the data its pickle was made of: the
 * global that built it, the arguments, how it was called, the {@code BUILD} state and the items a
 * {@code __reduce__} 5-tuple adds. Pickling it writes those same opcodes again, so an unknown value
 * echoes back to CPython unchanged.
 *
 * <p>Nothing is executed: the global is only a name. Equality is by value over all parts (the
 * state of a self-referencing object makes {@code equals}/{@code hashCode} recurse, as for a
 * self-containing {@code ArrayList}). Instances are mutable while being built and not thread-safe.
 */
public final class PyObject implements Buildable {

    /** How CPython constructs the object before any {@code BUILD}. */
    public enum Construction {
        /** {@code REDUCE}: {@code type(*args)}. */
        REDUCE,
        /** {@code NEWOBJ}: {@code type.__new__(type, *args)}. */
        NEWOBJ,
        /** {@code NEWOBJ_EX}: {@code type.__new__(type, *args, **kwargs)}. */
        NEWOBJ_EX
    }

    private final PyGlobal type;
    private final PyTuple args;
    private final Map<Object, Object> kwargs;
    private final Construction construction;
    private Object state;
    private List<Object> listItems;
    private Map<Object, Object> dictItems;

    private PyObject(PyGlobal type, PyTuple args, Map<Object, Object> kwargs, Construction construction) {
        this.type = Objects.requireNonNull(type, "type");
        this.args = Objects.requireNonNull(args, "args");
        this.kwargs = kwargs;
        this.construction = construction;
    }

    /** {@code callable(*args)}, pickled with {@code REDUCE}. */
    public static PyObject reduce(PyGlobal callable, PyTuple args) {
        return new PyObject(callable, args, Map.of(), Construction.REDUCE);
    }

    /** {@code cls.__new__(cls, *args)}, pickled with {@code NEWOBJ}. */
    public static PyObject newObj(PyGlobal cls, PyTuple args) {
        return new PyObject(cls, args, Map.of(), Construction.NEWOBJ);
    }

    /** {@code cls.__new__(cls, *args, **kwargs)}, pickled with {@code NEWOBJ_EX} (keys are str). */
    public static PyObject newObjEx(PyGlobal cls, PyTuple args, Map<Object, Object> kwargs) {
        return new PyObject(cls, args, Collections.unmodifiableMap(new LinkedHashMap<>(kwargs)),
                Construction.NEWOBJ_EX);
    }

    /** The class or callable, e.g. {@code builtins.KeyError}. */
    public PyGlobal type() {
        return type;
    }

    public String module() {
        return type.module();
    }

    public String name() {
        return type.name();
    }

    public PyTuple args() {
        return args;
    }

    /** Keyword arguments of {@code NEWOBJ_EX}; empty otherwise. Read-only. */
    public Map<Object, Object> kwargs() {
        return kwargs;
    }

    public Construction construction() {
        return construction;
    }

    /** The {@code BUILD} state ({@code __dict__}, a {@code (dict, slots)} tuple...), or null for none. */
    public Object state() {
        return state;
    }

    /**
     * Sets the {@code BUILD} state. A pickle carries at most one state per object, so a second
     * {@code BUILD} is refused rather than silently merged or dropped.
     */
    @Override
    public void setState(Object state) {
        if (this.state != null) throw new UnpicklingError("a second BUILD for " + type.qualifiedName());
        this.state = state;
    }

    /** Items appended after construction ({@code APPEND(S)}, the 4th item of {@code __reduce__}); live and mutable. */
    public List<Object> listItems() {
        if (listItems == null) listItems = new ArrayList<>();
        return listItems;
    }

    /** Items set after construction ({@code SETITEM(S)}, the 5th item of {@code __reduce__}); live, ordered. */
    public Map<Object, Object> dictItems() {
        if (dictItems == null) dictItems = new LinkedHashMap<>();
        return dictItems;
    }

    boolean hasListItems() {
        return listItems != null && !listItems.isEmpty();
    }

    boolean hasDictItems() {
        return dictItems != null && !dictItems.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof PyObject p)) return false;
        return type.equals(p.type) && construction == p.construction && args.equals(p.args)
                && kwargs.equals(p.kwargs) && Objects.equals(state, p.state)
                && (hasListItems() ? listItems.equals(p.listItems) : !p.hasListItems())
                && (hasDictItems() ? dictItems.equals(p.dictItems) : !p.hasDictItems());
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, construction, args, kwargs, state);
    }

    /** A debugging form such as {@code builtins.KeyError('x')} plus the state, if any. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.qualifiedName());
        sb.append(construction == Construction.REDUCE ? "" : ".__new__").append(args);
        if (!kwargs.isEmpty()) sb.append(" kwargs=").append(kwargs);
        if (state != null) sb.append(" state=").append(state);
        if (hasListItems()) sb.append(" items=").append(listItems);
        if (hasDictItems()) sb.append(" dictitems=").append(dictItems);
        return sb.toString();
    }
}
