package multiprocessing4j;

import java.io.InvalidObjectException;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * A lambda target rebuilt in its child as a call of the lambda's implementation method with the
 * captured values, instead of through the capturing class's {@code $deserializeLambda$}, which
 * spins the lambda's class at run time: ~1 ms per new lambda in a warm JVM, most of what was left
 * of a warm child's job (2026-12-07; a {@code spawn}ed child's start did not change, its time
 * going to loading the capturing class and to its connection). Only for
 * what {@link LambdaTarget} carries: a lambda whose class implements nothing but
 * {@link SerializableRunnable}, so that a call is all there is to it.
 *
 * <p>It serializes as the lambda it stands for ({@code writeReplace} gives the
 * {@link SerializedLambda}), so passing it on rebuilds the genuine lambda. What differs from the
 * lambda: its class, and the reflection frames between {@code run()} and the lambda's body in a
 * stack trace. An exception from the body leaves {@link #call()} unchanged.
 */
final class MethodTarget implements SerializableRunnable {
    private static final long serialVersionUID = 1L;

    private final transient SerializedLambda lambda;
    private final transient Executable implementation;
    private final transient Object receiver;
    private final transient Object[] arguments;

    private MethodTarget(SerializedLambda lambda, Executable implementation, Object receiver, Object[] arguments) {
        this.lambda = lambda;
        this.implementation = implementation;
        this.receiver = receiver;
        this.arguments = arguments;
    }

    /**
     * The target {@code lambda} stands for, its classes loaded by {@code loader}.
     *
     * @throws ClassNotFoundException if a class of the implementation method is missing
     * @throws InvalidObjectException if the implementation method does not exist, is not accessible,
     *     or does not take the captured values
     */
    static MethodTarget of(SerializedLambda lambda, ClassLoader loader) throws ClassNotFoundException, InvalidObjectException {
        Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
        Class<?>[] parameters;
        try {
            parameters = MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), loader).parameterArray();
        } catch (TypeNotPresentException e) {
            throw e.getCause() instanceof ClassNotFoundException c ? c : new ClassNotFoundException(e.typeName(), e);
        } catch (IllegalArgumentException e) {
            throw invalid(lambda, e);
        }
        Object[] captured = new Object[lambda.getCapturedArgCount()];
        for (int i = 0; i < captured.length; i++) captured[i] = lambda.getCapturedArg(i);
        Executable implementation;
        Object receiver = null;
        Object[] arguments = captured;
        try {
            switch (lambda.getImplMethodKind()) {
                case MethodHandleInfo.REF_invokeStatic -> {
                    implementation = owner.getDeclaredMethod(lambda.getImplMethodName(), parameters);
                    if (!Modifier.isStatic(implementation.getModifiers())) throw invalid(lambda, null);
                }
                case MethodHandleInfo.REF_invokeVirtual, MethodHandleInfo.REF_invokeInterface -> {
                    if (captured.length == 0) throw invalid(lambda, null);
                    implementation = findMethod(owner, lambda.getImplMethodName(), parameters);
                    receiver = captured[0];
                    arguments = Arrays.copyOfRange(captured, 1, captured.length);
                }
                case MethodHandleInfo.REF_newInvokeSpecial -> implementation = owner.getDeclaredConstructor(parameters);
                default -> throw invalid(lambda, null);
            }
        } catch (NoSuchMethodException e) {
            throw invalid(lambda, e);
        }
        if (arguments.length != parameters.length || !implementation.trySetAccessible()) throw invalid(lambda, null);
        return new MethodTarget(lambda, implementation, receiver, arguments);
    }

    /** A public or declared method of {@code owner} or of its superclasses. */
    private static Method findMethod(Class<?> owner, String name, Class<?>[] parameters) throws NoSuchMethodException {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return owner.getMethod(name, parameters); // an interface's
    }

    private static InvalidObjectException invalid(SerializedLambda lambda, Exception cause) {
        InvalidObjectException e = new InvalidObjectException("no lambda implementation " + lambda.getImplClass() + "."
                + lambda.getImplMethodName() + lambda.getImplMethodSignature() + " for its captured values");
        if (cause != null) e.initCause(cause);
        return e;
    }

    /** The lambda this stands for, as Java serialization writes it. */
    SerializedLambda lambda() {
        return lambda;
    }

    @Override
    public void call() throws Exception {
        try {
            if (implementation instanceof Constructor<?> constructor) constructor.newInstance(arguments);
            else ((Method) implementation).invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception exception) throw exception;
            throw (Error) e.getCause();
        }
    }

    private Object writeReplace() {
        return lambda;
    }

    @Override
    public String toString() {
        return lambda.getCapturingClass().replace('/', '.') + "$$Lambda(" + lambda.getImplMethodName() + ")";
    }
}
