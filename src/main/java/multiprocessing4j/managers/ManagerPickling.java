package multiprocessing4j.managers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyException;
import multiprocessing4j.PyExceptions;
import multiprocessing4j.reduction.PicklingError;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.reduction.UnpicklingError;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Pickler;
import net.razorvine.pickle.Unpickler;

/**
 * How manager traffic is pickled: tokens, proxies (as CPython's {@code RebuildProxy}) and the
 * exceptions of {@code #ERROR} replies.
 *
 * <p>INTERIM: stock Razorvine with registrations, until the reduction layer is merged.
 */
final class ManagerPickling {
    private static final String MANAGERS = "multiprocessing.managers";
    private static final ThreadLocal<BaseManager> DECODING = new ThreadLocal<>();

    static {
        Pickler.registerCustomPickler(PyTuple.class, (o, out, p) -> {
            out.write(Opcodes.MARK);
            for (Object item : (PyTuple) o) p.save(item);
            out.write(Opcodes.TUPLE);
        });
        Pickler.registerCustomPickler(PyBytes.class, (o, out, p) -> {
            byte[] b = ((PyBytes) o).toByteArray();
            out.write(Opcodes.BINBYTES);
            out.write(new byte[] {(byte) b.length, (byte) (b.length >> 8), (byte) (b.length >> 16), (byte) (b.length >> 24)});
            out.write(b);
        });
        Pickler.registerCustomPickler(Token.class, (o, out, p) -> {
            Token t = (Token) o;
            global(out, MANAGERS, "Token");
            p.save(PyTuple.of(t.typeid(), t.address(), t.id()));
            out.write(Opcodes.REDUCE);
        });
        Pickler.registerCustomPickler(BaseProxy.class, (o, out, p) -> {
            BaseProxy proxy = (BaseProxy) o;
            String type = proxy.pythonType();
            int dot = type.lastIndexOf('.');
            global(out, MANAGERS, "RebuildProxy");
            out.write(Opcodes.MARK);
            global(out, type.substring(0, dot), type.substring(dot + 1));
            p.save(proxy.token());
            p.save("pickle");
            p.save(proxy.rebuildKeywords());
            out.write(Opcodes.TUPLE);
            out.write(Opcodes.REDUCE);
        });
        Unpickler.registerConstructor(MANAGERS, "Token", args -> new TokenState());
        Unpickler.registerConstructor(MANAGERS, "RebuildProxy", ManagerPickling::rebuildProxy);
        for (String name : List.of("BaseProxy", "AutoProxy", "DictProxy", "ListProxy", "IteratorProxy",
                "AcquirerProxy", "ConditionProxy", "EventProxy", "BarrierProxy", "NamespaceProxy", "ValueProxy",
                "ArrayProxy", "PoolProxy")) {
            Unpickler.registerConstructor(MANAGERS, name, new NamedGlobal(MANAGERS + "." + name));
        }
        Unpickler.registerConstructor("builtins", "list", args -> new ArrayList<>((List<?>) args[0]));
        for (String name : List.of("builtins.KeyError", "builtins.IndexError", "builtins.ValueError",
                "builtins.TypeError", "builtins.AttributeError", "builtins.RuntimeError", "builtins.StopIteration",
                "builtins.LookupError", "builtins.ZeroDivisionError", "builtins.AssertionError", "queue.Empty",
                "_queue.Empty", "queue.Full", "queue.ShutDown", "threading.BrokenBarrierError", "__main__.MyErr")) {
            int dot = name.lastIndexOf('.');
            Unpickler.registerConstructor(name.substring(0, dot), name.substring(dot + 1),
                    args -> new ExceptionState(name, args));
        }
    }

    private ManagerPickling() {}

    static byte[] dumps(Object value) {
        try {
            return new Pickler(true, false).dumps(value);
        } catch (Exception | StackOverflowError e) {
            throw new PicklingError("cannot pickle " + value + ": " + e, e);
        }
    }

    /** Unpickles a reply; proxies inside it become live proxies of {@code manager}. */
    static Object loads(byte[] data, BaseManager manager) {
        BaseManager outer = DECODING.get();
        DECODING.set(manager);
        try {
            return normalise(new Unpickler().loads(data));
        } catch (RuntimeException e) {
            throw e instanceof UnpicklingError u ? u : new UnpicklingError("cannot unpickle: " + e, e);
        } catch (Exception e) {
            throw new UnpicklingError("cannot unpickle: " + e, e);
        } finally {
            DECODING.set(outer);
        }
    }

    /** The Java exception for an {@code #ERROR} payload. */
    static PyException toException(Object payload) {
        if (payload instanceof ExceptionState s) {
            return PyExceptions.of(s.type, (PyTuple) normalise(s.args), s.state);
        }
        return new PyException("builtins.TypeError", PyTuple.of("exceptions must derive from BaseException: " + payload));
    }

    private static Object rebuildProxy(Object[] args) {
        BaseManager manager = DECODING.get();
        Token token = ((TokenState) args[1]).token();
        Object exposed = args[3] instanceof Map<?, ?> kwds ? kwds.get("exposed") : null;
        return manager.rebuildProxy(token, exposed == null ? null : (PyTuple) normalise(exposed));
    }

    private static Object normalise(Object o) {
        if (o instanceof Object[] a) {
            Object[] items = new Object[a.length];
            for (int i = 0; i < a.length; i++) items[i] = normalise(a[i]);
            return PyTuple.of(items);
        }
        if (o instanceof TokenState t) return t.token();
        if (o instanceof BaseProxy) return o;
        if (o instanceof List<?> l) {
            List<Object> r = new ArrayList<>(l.size());
            for (Object x : l) r.add(normalise(x));
            return r;
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> r = new LinkedHashMap<>();
            m.forEach((k, v) -> r.put(normalise(k), normalise(v)));
            return r;
        }
        return o;
    }

    private static void global(OutputStream out, String module, String name) throws IOException {
        out.write(Opcodes.GLOBAL);
        out.write((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A Python class or function named in a pickle, kept only by name. */
    private record NamedGlobal(String name) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new UnpicklingError(name + " cannot be called here");
        }
    }

    /** A Token being unpickled: {@code NEWOBJ} then {@code BUILD(tuple)}. */
    public static final class TokenState {
        private Object[] state;

        public void __setstate__(Object[] state) {
            this.state = state;
        }

        Token token() {
            return new Token((String) state[0], normalise(state[1]), (String) state[2]);
        }
    }

    /** An exception being unpickled: its type, args and BUILD state. */
    public static final class ExceptionState {
        private final String type;
        private final Object[] args;
        private Map<String, Object> state = Map.of();

        ExceptionState(String type, Object[] args) {
            this.type = type;
            this.args = args;
        }

        @SuppressWarnings("unchecked")
        public void __setstate__(java.util.HashMap<?, ?> state) {
            this.state = (Map<String, Object>) normalise(state);
        }
    }
}
