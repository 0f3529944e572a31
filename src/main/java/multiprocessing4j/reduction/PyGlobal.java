package multiprocessing4j.reduction;

import java.util.Objects;

/**
 * A Python global (a class, function or other module attribute) named by a pickle, such as
 * {@code builtins.KeyError} or {@code zoneinfo.ZoneInfo._unpickle} (a dotted {@code name} is a
 * qualified name inside the module).
 *
 * <p>It is only a name: reading a pickle never loads a Java class or runs code because of one. A
 * global used as a value unpickles to this, and this pickles back as the same global.
 */
public record PyGlobal(String module, String name) {
    public PyGlobal {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
    }

    /** {@code module.name}, as Python's {@code f"{cls.__module__}.{cls.__qualname__}"}. */
    public String qualifiedName() {
        return module + "." + name;
    }

    /**
     * Written out, not the record's own: a record's {@code equals} and {@code hashCode} are
     * bootstrapped through {@code ObjectMethods} at first use, which spun ~50 method-handle
     * classes (~25 ms) in every child JVM that unpickled its first global (2026-12-07).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PyGlobal g && module.equals(g.module) && name.equals(g.name);
    }

    @Override
    public int hashCode() {
        return 31 * module.hashCode() + name.hashCode();
    }

    @Override
    public String toString() {
        return "<global " + qualifiedName() + ">";
    }
}
