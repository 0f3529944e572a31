package multiprocessing4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.UncheckedIOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The compact form of the most common process, a plain {@link Process} whose target is a
 * serializable lambda or method reference that captures nothing or only immutable JDK values
 * ({@code String}, boxed primitives, null): the lambda's {@link SerializedLambda} fields and the
 * process's own, written by hand. The child rebuilds the lambda as Java serialization does
 * ({@code SerializedLambda.readResolve}: the capturing class's {@code $deserializeLambda$}),
 * without an {@code ObjectInputStream}: a fresh JVM's first one costs 25&ndash;36 ms of set-up
 * ({@code ObjectInputFilter.Config}, {@code System.getLogger}'s service lookup,
 * {@code java.security.Security}), most of a {@code spawn} child's time after its boot
 * (2026-12-07), and a warm child's one still ~1 ms of interpreted class-descriptor reading.
 * Everything else (subclasses, captured objects, live objects to re-attach) goes through
 * {@link TargetPickler}'s Java serialization.
 *
 * <p>Layout: the magic int {@value #MAGIC} (Java serialization starts {@code 0xACED}, so the
 * child tells the two apart); the identity (an int count and the ints); the name; the daemon
 * flag; the capturing class's binary name; the functional interface class, method name and
 * signature; the implementation method kind, class, name and signature; the instantiated method
 * type; the captured values (an int count, then for each a tag byte and the value). Strings are
 * an int length and UTF-8 bytes.
 */
final class LambdaTarget {
    static final int MAGIC = 0x6D703474; // "mp4t"

    /** Each lambda class's {@code writeReplace}, made accessible; null for other classes or where access is refused. */
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (!type.isSynthetic() || !type.isHidden()) return null;
            return accessible(type, "writeReplace");
        }
    };

    /** Each capturing class's {@code $deserializeLambda$}, made accessible; null where access is refused. */
    private static final ClassValue<Method> DESERIALIZE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(type, "$deserializeLambda$", SerializedLambda.class);
        }
    };

    private LambdaTarget() {}

    private static Method accessible(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method method = type.getDeclaredMethod(name, parameters);
            return method.trySetAccessible() ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The compact form of {@code process}, or null if it does not qualify (see the class documentation). */
    static TargetPickler.Dumped dumps(Process process) {
        if (process.getClass() != Process.class || process.target() == null) return null;
        Method writeReplace = WRITE_REPLACE.get(process.target().getClass());
        if (writeReplace == null) return null;
        SerializedLambda lambda;
        try {
            lambda = (SerializedLambda) writeReplace.invoke(process.target());
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
        Class<?> capturing;
        try {
            capturing = Class.forName(lambda.getCapturingClass().replace('/', '.'), false,
                    process.target().getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (DESERIALIZE.get(capturing) == null) return null;
        for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
            if (!Values.encodable(lambda.getCapturedArg(i))) return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            int[] identity = process.identity();
            out.writeInt(identity.length);
            for (int n : identity) out.writeInt(n);
            writeString(out, process.name());
            out.writeBoolean(process.daemon());
            writeString(out, capturing.getName());
            writeString(out, lambda.getFunctionalInterfaceClass());
            writeString(out, lambda.getFunctionalInterfaceMethodName());
            writeString(out, lambda.getFunctionalInterfaceMethodSignature());
            out.writeInt(lambda.getImplMethodKind());
            writeString(out, lambda.getImplClass());
            writeString(out, lambda.getImplMethodName());
            writeString(out, lambda.getImplMethodSignature());
            writeString(out, lambda.getInstantiatedMethodType());
            out.writeInt(lambda.getCapturedArgCount());
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) Values.write(out, lambda.getCapturedArg(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        Set<String> classes = new LinkedHashSet<>();
        classes.add(capturing.getName());
        classes.add(lambda.getImplClass().replace('/', '.'));
        classes.add(lambda.getFunctionalInterfaceClass().replace('/', '.'));
        return new TargetPickler.Dumped(bytes.toByteArray(), classes);
    }

    /** Whether {@code data} is in this form. */
    static boolean is(byte[] data) {
        return data.length >= Integer.BYTES
                && ((data[0] & 0xFF) << 24 | (data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 8 | (data[3] & 0xFF)) == MAGIC;
    }

    /**
     * Rebuilds the process in the child.
     *
     * @throws ClassNotFoundException if the child lacks the capturing class (named in the message)
     * @throws IOException if {@code data} is malformed, or, as Java serialization reports it,
     *     the capturing class has no such lambda
     */
    static Process loads(byte[] data) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        try {
            if (in.readInt() != MAGIC) throw new IOException("not a compact lambda target");
            int[] identity = new int[count(in)];
            for (int i = 0; i < identity.length; i++) identity[i] = in.readInt();
            String name = readString(in);
            boolean daemon = in.readBoolean();
            Class<?> capturing = Class.forName(readString(in), false, ClassLoader.getSystemClassLoader());
            SerializedLambda lambda = new SerializedLambda(capturing, readString(in), readString(in), readString(in),
                    in.readInt(), readString(in), readString(in), readString(in), readString(in), capturedArgs(in));
            if (in.available() != 0) throw new IOException("bad compact lambda target: " + in.available() + " bytes left over");
            return Process.rebuilt((SerializableRunnable) deserialize(capturing, lambda), identity, name, daemon);
        } catch (EOFException e) {
            throw new IOException("bad compact lambda target: truncated", e);
        }
    }

    /** As {@code SerializedLambda.readResolve}. */
    private static Object deserialize(Class<?> capturing, SerializedLambda lambda) throws IOException {
        Method method = DESERIALIZE.get(capturing);
        if (method == null) throw new InvalidObjectException("no accessible $deserializeLambda$ in " + capturing.getName());
        try {
            return method.invoke(null, lambda);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw (InvalidObjectException) new InvalidObjectException("ReflectiveOperationException during deserialization").initCause(e);
        } catch (IllegalAccessException e) {
            throw (InvalidObjectException) new InvalidObjectException("ReflectiveOperationException during deserialization").initCause(e);
        }
    }

    private static Object[] capturedArgs(DataInputStream in) throws IOException {
        Object[] args = new Object[count(in)];
        for (int i = 0; i < args.length; i++) args[i] = Values.read(in);
        return args;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("bad compact lambda target: a count of " + n);
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[count(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The captured values this form carries: null, {@code String} and the boxed primitives, each a tag and the value. */
    private static final class Values {
        private Values() {}

        static boolean encodable(Object value) {
            return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Double || value instanceof Float || value instanceof Short
                    || value instanceof Byte || value instanceof Character || value instanceof Boolean;
        }

        static void write(DataOutputStream out, Object value) throws IOException {
            if (value == null) {
                out.writeByte('N');
            } else if (value instanceof String s) {
                out.writeByte('S');
                writeString(out, s);
            } else if (value instanceof Integer v) {
                out.writeByte('I');
                out.writeInt(v);
            } else if (value instanceof Long v) {
                out.writeByte('J');
                out.writeLong(v);
            } else if (value instanceof Double v) {
                out.writeByte('D');
                out.writeDouble(v);
            } else if (value instanceof Float v) {
                out.writeByte('F');
                out.writeFloat(v);
            } else if (value instanceof Short v) {
                out.writeByte('H');
                out.writeShort(v);
            } else if (value instanceof Byte v) {
                out.writeByte('B');
                out.writeByte(v);
            } else if (value instanceof Character v) {
                out.writeByte('C');
                out.writeChar(v);
            } else if (value instanceof Boolean v) {
                out.writeByte('Z');
                out.writeBoolean(v);
            } else {
                throw new IllegalArgumentException("not a value this form carries: " + value.getClass().getName());
            }
        }

        static Object read(DataInputStream in) throws IOException {
            int tag = in.readByte();
            switch (tag) {
                case 'N': return null;
                case 'S': return readString(in);
                case 'I': return in.readInt();
                case 'J': return in.readLong();
                case 'D': return in.readDouble();
                case 'F': return in.readFloat();
                case 'H': return in.readShort();
                case 'B': return in.readByte();
                case 'C': return in.readChar();
                case 'Z': return in.readBoolean();
                default: throw new IOException("bad compact lambda target: value tag " + tag);
            }
        }
    }
}
