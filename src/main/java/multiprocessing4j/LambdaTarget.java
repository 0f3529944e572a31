package multiprocessing4j;

import static multiprocessing4j.BinaryFields.readCount;
import static multiprocessing4j.BinaryFields.readString;
import static multiprocessing4j.BinaryFields.writeString;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.UncheckedIOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The compact form of the most common process, a plain {@link Process} whose target is a
 * serializable lambda or method reference that captures nothing or only immutable JDK values
 * ({@code String}, boxed primitives, null): the lambda's {@link SerializedLambda} fields and the
 * process's own, written by hand. The child initializes the capturing class, as deserializing
 * the lambda would, and rebuilds the target as a {@link MethodTarget}, without an
 * {@code ObjectInputStream}: a fresh JVM's first one costs 25&ndash;36 ms of set-up
 * ({@code ObjectInputFilter.Config}, {@code System.getLogger}'s service lookup,
 * {@code java.security.Security}), most of a {@code spawn} child's time after its boot
 * (2026-12-07), and a warm child's one still ~1 ms of interpreted class-descriptor reading.
 * Everything else (subclasses, captured objects, live objects to re-attach) goes through
 * {@link TargetPickler}'s Java serialization.
 *
 * <p>Layout: the magic int {@value #MAGIC} (Java serialization starts {@code 0xACED}, so the
 * child tells the two apart); the identity (an int count and the ints); the class name CPython
 * shows ({@code Process}, {@code ForkProcess}...); the name; the daemon
 * flag; the capturing class's binary name; the functional interface class, method name and
 * signature; the implementation method kind, class, name and signature; the instantiated method
 * type; the captured values (an int count, then for each a tag byte and the value). Strings are
 * as {@link BinaryFields} writes them.
 */
final class LambdaTarget {
    static final int MAGIC = 0x6D703474; // "mp4t"
    private static final String FORM = "compact lambda target";

    /** What this form needs to know of each class, found out once per class (see {@link LambdaClass}). */
    private static final ClassValue<LambdaClass> LAMBDA_CLASSES = new ClassValue<>() {
        @Override
        protected LambdaClass computeValue(Class<?> type) {
            return new LambdaClass(writeReplace(type));
        }
    };

    /**
     * A class's {@code writeReplace}, made accessible, if it is a lambda class that implements only
     * {@link SerializableRunnable} (no marker interfaces, which a rebuilt target could not have),
     * else null; and whether a child can rebuild its lambdas as {@link MethodTarget}s, decided on
     * the first dump (the test needs a {@link SerializedLambda}, so it cannot run here).
     */
    private static final class LambdaClass {
        final Method writeReplace;
        volatile Boolean rebuildable;

        LambdaClass(Method writeReplace) {
            this.writeReplace = writeReplace;
        }
    }

    private static Method writeReplace(Class<?> type) {
        if (!type.isSynthetic() || !type.isHidden() || !List.of(type.getInterfaces()).equals(List.of(SerializableRunnable.class))) {
            return null;
        }
        try {
            Method method = type.getDeclaredMethod("writeReplace");
            return method.trySetAccessible() ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private LambdaTarget() {}

    /** The compact form of {@code process}, or null if it does not qualify (see the class documentation). */
    static TargetPickler.Dumped dumps(Process process) {
        if (process.getClass() != Process.class) return null;
        SerializedLambda lambda = serializedLambda(process.target());
        if (lambda == null) return null;
        for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
            if (!Values.encodable(lambda.getCapturedArg(i))) return null;
        }
        String capturing = lambda.getCapturingClass().replace('/', '.');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            int[] identity = process.identity();
            out.writeInt(identity.length);
            for (int n : identity) out.writeInt(n);
            writeString(out, process.pythonTypeName());
            writeString(out, process.name());
            out.writeBoolean(process.daemon());
            writeString(out, capturing);
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
        classes.add(capturing);
        classes.add(lambda.getImplClass().replace('/', '.'));
        classes.add(lambda.getFunctionalInterfaceClass().replace('/', '.'));
        return new TargetPickler.Dumped(bytes.toByteArray(), classes);
    }

    /**
     * The {@link SerializedLambda} of a target that a child can rebuild as a {@link MethodTarget},
     * or null: not a lambda of that kind, or its implementation method is out of reach.
     */
    private static SerializedLambda serializedLambda(SerializableRunnable target) {
        if (target instanceof MethodTarget rebuilt) return rebuilt.lambda(); // passed on by a child
        if (target == null) return null;
        LambdaClass type = LAMBDA_CLASSES.get(target.getClass());
        if (type.writeReplace == null) return null;
        SerializedLambda lambda;
        try {
            lambda = (SerializedLambda) type.writeReplace.invoke(target);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
        Boolean rebuildable = type.rebuildable;
        if (rebuildable == null) {
            try {
                MethodTarget.of(lambda, target.getClass().getClassLoader());
                rebuildable = true;
            } catch (ClassNotFoundException | InvalidObjectException | RuntimeException e) {
                rebuildable = false;
            }
            type.rebuildable = rebuildable; // two threads deciding at once decide alike
        }
        return rebuildable ? lambda : null;
    }

    /** Whether {@code data} is in this form. */
    static boolean is(byte[] data) {
        return data.length >= Integer.BYTES && ByteBuffer.wrap(data).getInt() == MAGIC;
    }

    /**
     * Rebuilds the process in the child.
     *
     * @throws ClassNotFoundException if the child lacks the capturing class (named in the message)
     * @throws IOException if {@code data} is malformed, or (an {@code InvalidObjectException}) the
     *     lambda's implementation method is missing or out of reach in the child
     */
    static Process loads(byte[] data) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        try {
            if (in.readInt() != MAGIC) throw new IOException("not a compact lambda target");
            int[] identity = new int[readCount(in, Integer.BYTES, FORM)];
            for (int i = 0; i < identity.length; i++) identity[i] = in.readInt();
            String pythonType = readString(in, FORM);
            String name = readString(in, FORM);
            boolean daemon = in.readBoolean();
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            // initialized, as deserializing the lambda would (its $deserializeLambda$ runs in it)
            Class<?> capturing = Class.forName(readString(in, FORM), true, loader);
            SerializedLambda lambda = new SerializedLambda(capturing,
                    readString(in, FORM), readString(in, FORM), readString(in, FORM), // the functional interface
                    in.readInt(), readString(in, FORM), readString(in, FORM), readString(in, FORM), // the implementation
                    readString(in, FORM), capturedArgs(in));
            if (in.available() != 0) throw new IOException("bad compact lambda target: " + in.available() + " bytes left over");
            return Process.rebuilt(MethodTarget.of(lambda, loader), identity, pythonType, name, daemon);
        } catch (EOFException e) {
            throw new IOException("bad compact lambda target: truncated", e);
        }
    }

    private static Object[] capturedArgs(DataInputStream in) throws IOException {
        Object[] args = new Object[readCount(in, Byte.BYTES, FORM)]; // a tag byte each at least
        for (int i = 0; i < args.length; i++) args[i] = Values.read(in);
        return args;
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
                case 'S': return readString(in, FORM);
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
