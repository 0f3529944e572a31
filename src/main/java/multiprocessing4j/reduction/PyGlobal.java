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

    @Override
    public String toString() {
        return "<global " + qualifiedName() + ">";
    }
}
