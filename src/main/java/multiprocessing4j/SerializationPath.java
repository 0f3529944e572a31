package multiprocessing4j;

import java.io.Externalizable;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds where, in an object graph, serialization met an object it cannot write.
 * {@link java.io.NotSerializableException} names only the class; this walks the graph the way
 * serialization does (non-static, non-transient fields of serializable classes, array and
 * collection elements, the captured arguments of serializable lambdas; not into what travels
 * as a {@link Reattach} handle) and reports the path from the root to the first instance of that
 * class, e.g. {@code Process.target → lambda Demo.lambda$main$0, captured arg 1 → Holder.lock}.
 */
final class SerializationPath {
    private final String offendingClass;
    private final Map<Object, Boolean> visited = new IdentityHashMap<>();
    private final List<String> path = new ArrayList<>();

    private SerializationPath(String offendingClass) {
        this.offendingClass = offendingClass;
    }

    /**
     * A sentence naming {@code offendingClass} and, if found, the path to it from {@code root}.
     */
    static String explain(Object root, String offendingClass) {
        SerializationPath search = new SerializationPath(offendingClass);
        String sentence = offendingClass + " is not serializable";
        if (search.find(root)) sentence += "; it is reached through " + String.join(" → ", search.path);
        return sentence + " (make it Serializable, mark the field transient, or do not capture it)";
    }

    private boolean find(Object obj) {
        if (obj == null || visited.put(obj, Boolean.TRUE) != null) return false;
        if (Reattach.travelsAsHandle(obj)) return false; // a handle holds names only
        Class<?> type = obj.getClass();
        if (type.getName().equals(offendingClass) && !(obj instanceof Serializable)) return true;
        if (!(obj instanceof Serializable) || obj instanceof Externalizable || type.isEnum()) return false;
        Object replacement = writeReplace(obj);
        if (replacement instanceof SerializedLambda lambda) return findInLambda(lambda);
        if (replacement != obj && replacement != null) return find(replacement);
        if (type.isArray()) return findInArray(obj);
        if (obj instanceof Collection<?> c) return findInElements(c);
        if (obj instanceof Map<?, ?> m) return findInMap(m);
        return findInFields(obj, type);
    }

    private boolean findInLambda(SerializedLambda lambda) {
        String name = "lambda " + lambda.getCapturingClass().replace('/', '.') + "." + lambda.getImplMethodName();
        for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
            if (descend(name + ", captured arg " + i, lambda.getCapturedArg(i))) return true;
        }
        return false;
    }

    private boolean findInArray(Object array) {
        if (array.getClass().getComponentType().isPrimitive()) return false;
        for (int i = 0; i < Array.getLength(array); i++) {
            if (descend("[" + i + "]", Array.get(array, i))) return true;
        }
        return false;
    }

    private boolean findInElements(Collection<?> elements) {
        int i = 0;
        for (Object e : elements) {
            if (descend("element " + i++, e)) return true;
        }
        return false;
    }

    private boolean findInMap(Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (descend("key " + e.getKey(), e.getKey()) || descend("[" + e.getKey() + "]", e.getValue())) return true;
        }
        return false;
    }

    private boolean findInFields(Object obj, Class<?> type) {
        for (Class<?> c = type; c != null && Serializable.class.isAssignableFrom(c); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive()) continue;
                if (!f.trySetAccessible()) continue;
                Object value;
                try {
                    value = f.get(obj);
                } catch (IllegalAccessException e) {
                    continue;
                }
                if (descend(c.getSimpleName() + "." + f.getName(), value)) return true;
            }
        }
        return false;
    }

    private boolean descend(String step, Object value) {
        path.add(step + (value != null && value.getClass().getName().equals(offendingClass) ? " (" + offendingClass + ")" : ""));
        if (find(value)) return true;
        path.remove(path.size() - 1);
        return false;
    }

    /** What serialization writes instead of {@code obj}: its {@code writeReplace()} result, if any. */
    private static Object writeReplace(Object obj) {
        for (Class<?> c = obj.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod("writeReplace");
                return m.trySetAccessible() ? m.invoke(obj) : obj;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return obj;
            }
        }
        return obj;
    }
}
