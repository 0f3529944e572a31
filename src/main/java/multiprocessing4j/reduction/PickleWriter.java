package multiprocessing4j.reduction;

import static net.razorvine.pickle.Opcodes.*;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes one value of the value model as a protocol-4 pickle, into a byte array.
 *
 * <p>Protocol 4 because every CPython from 3.6 reads it (3.6/3.7 read up to 4, 3.8+ up to 5) and
 * its opcodes are the compact ones: SHORT_BINUNICODE, MEMOIZE, EMPTY_SET/ADDITEMS and FROZENSET
 * (no {@code builtins.set} call), BINBYTES for {@code bytes}. Framing is optional in protocol 4
 * and is not written (a whole message is in memory anyway). Protocol 5's BYTEARRAY8 is not
 * available to 3.6/3.7, so {@code bytearray} is written as {@code builtins.bytearray(bytes)}, as
 * CPython does at protocol 4.
 *
 * <p>In-house rather than Razorvine's {@code Pickler}: that one writes protocol 2 through an
 * {@code OutputStream}, maps {@code byte[]} to a latin-1 string, turns beans, records and
 * {@code Calendar} into dicts or pytz calls, and its memo merges equal objects unless configured.
 * Only its opcode constants are reused.
 *
 * <p>The memo is by identity: two equal but distinct lists stay two lists, one list referenced
 * twice (or containing itself) stays one list. Immutable scalars and strings are not memoized:
 * their identity is not part of the value model.
 */
final class PickleWriter {
    static final int PROTOCOL = 4;
    private static final int BATCH = 1000;

    private byte[] buf;
    private int pos;
    /** Memo indices by identity. */
    private final IdentityInts memo = new IdentityInts();
    private int depth;

    /** The complete pickle of {@code value}: PROTO 4, the value, STOP. */
    byte[] write(Object value) {
        buf = new byte[initialCapacity(value)];
        buf[pos++] = (byte) PROTO;
        buf[pos++] = PROTOCOL;
        save(value);
        op(STOP);
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }

    /**
     * Exact for a lone {@code bytes}, so a large blob is copied once, not grown and trimmed; enough
     * for any lone scalar but a huge int (PROTO, BINFLOAT or LONG1 of 8 bytes, STOP), so a queue of
     * numbers does not zero and trim 256 bytes per message; 64 bytes for the rest, which holds a
     * manager's request or reply (larger pickles double from there).
     */
    private static int initialCapacity(Object value) {
        if (value instanceof PyBytes b) return 2 + (b.length() < 256 ? 2 : 5) + b.length() + 1;
        if (value == null || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return 16;
        }
        return 64;
    }

    private void save(Object o) {
        if (o == null) {
            op(NONE);
            return;
        }
        Class<?> c = o.getClass();
        if (c == String.class) saveString((String) o);
        else if (c == Integer.class) saveInt((Integer) o);
        else if (c == Long.class) saveLong((Long) o);
        else if (c == Double.class) saveDouble((Double) o);
        else if (c == Boolean.class) op((Boolean) o ? NEWTRUE : NEWFALSE);
        else if (c == PyBytes.class) saveBytes((PyBytes) o);
        else if (c == PyTuple.class) saveTuple(o, ((PyTuple) o).array());
        else saveOther(o);
    }

    private void saveOther(Object o) {
        // A registered reducer comes before the container interfaces: a manager's DictProxy is a
        // Map to Java but must travel as the proxy it is, not as a copy of the dict.
        Function<Object, PyObject> reducer = Reduction.reducer(o.getClass());
        if (reducer != null) {
            if (!saveMemoized(o)) saveReduce(o, reducer.apply(o));
            return;
        }
        if (o instanceof List<?> l) saveList(l);
        else if (o instanceof Map<?, ?> m) saveDict(m);
        else if (o instanceof PyFrozenSet f) saveFrozenSet(f);
        else if (o instanceof Set<?> s) saveSet(s);
        else if (o instanceof Short || o instanceof Byte) saveInt(((Number) o).intValue());
        else if (o instanceof BigInteger b) saveBigInteger(b);
        else if (o instanceof Float f) saveDouble(f.doubleValue());
        else if (o instanceof Character ch) saveString(ch.toString());
        else if (o instanceof byte[] b) saveByteArray(b);
        else if (o instanceof Object[] a) saveTuple(a, a);
        else if (o instanceof PyGlobal g) saveGlobal(g);
        else if (o instanceof PyObject p) saveReduce(o, p);
        else if (o instanceof PyComplex z) saveReduce(null, PyObject.reduce(BuiltinGlobals.COMPLEX, PyTuple.of(z.real(), z.imag())));
        else if (o instanceof BigDecimal d) saveReduce(null, PyObject.reduce(BuiltinGlobals.DECIMAL, PyTuple.of(d.toString())));
        else if (o instanceof PyDecimal d) saveReduce(null, PyObject.reduce(BuiltinGlobals.DECIMAL, PyTuple.of(d.text())));
        else if (o instanceof JavaObjectEnvelope e) saveReduce(o, PyObject.reduce(JavaObjectEnvelope.GLOBAL, PyTuple.of(e.serialized())));
        else saveExtension(o);
    }

    private void saveExtension(Object o) {
        PyObject dt = DateTimes.reduce(o);
        if (dt != null) {
            saveReduce(null, dt);
            return;
        }
        if (o instanceof Serializable s) {
            if (!saveMemoized(o)) saveReduce(o, PyObject.reduce(JavaObjectEnvelope.GLOBAL,
                    PyTuple.of(JavaObjectEnvelope.wrap(s).serialized())));
            return;
        }
        throw new PicklingError("cannot pickle " + o.getClass().getName() + ": it is not part of the Python value "
                + "model, has no reducer (Reduction.registerReducer) and is not Serializable");
    }

    // ---- output --------------------------------------------------------------------------------

    private void ensure(int n) {
        if (n > buf.length - pos) {
            long want = Math.max(2L * buf.length, (long) pos + n + 64);
            if (want > Integer.MAX_VALUE - 8) throw new PicklingError("pickle larger than 2 GiB");
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    private void op(int opcode) {
        ensure(1);
        buf[pos++] = (byte) opcode;
    }

    private void op(int opcode, int u1) {
        ensure(2);
        buf[pos++] = (byte) opcode;
        buf[pos++] = (byte) u1;
    }

    private void opU4(int opcode, int v) {
        ensure(5);
        buf[pos++] = (byte) opcode;
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) (v >> 16);
        buf[pos++] = (byte) (v >> 24);
    }

    private void raw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, pos, n);
        pos += n;
    }

    // ---- scalars -------------------------------------------------------------------------------

    private void saveInt(int v) {
        if (v >= 0 && v < 0x100) {
            op(BININT1, v);
        } else if (v >= 0 && v < 0x10000) {
            ensure(3);
            buf[pos++] = (byte) BININT2;
            buf[pos++] = (byte) v;
            buf[pos++] = (byte) (v >> 8);
        } else {
            opU4(BININT, v);
        }
    }

    private void saveLong(long v) {
        if (v == (int) v) saveInt((int) v);
        else saveLong1(PyInts.toLittleEndian(BigInteger.valueOf(v)));
    }

    private void saveBigInteger(BigInteger v) {
        if (v.bitLength() < 64) saveLong(v.longValue());
        else saveLong1(PyInts.toLittleEndian(v));
    }

    private void saveLong1(byte[] le) {
        if (le.length < 256) op(LONG1, le.length);
        else opU4(LONG4, le.length);
        raw(le, 0, le.length);
    }

    private void saveDouble(double d) {
        long bits = Double.doubleToRawLongBits(d);
        ensure(9);
        buf[pos++] = (byte) BINFLOAT;
        for (int shift = 56; shift >= 0; shift -= 8) buf[pos++] = (byte) (bits >>> shift);
    }

    /** ASCII is copied straight into the buffer; anything else goes through {@link Utf8}. */
    private void saveString(String s) {
        int n = s.length();
        if (n < 256) {
            ensure(2 + n);
            int start = pos;
            buf[pos++] = (byte) SHORT_BINUNICODE;
            buf[pos++] = (byte) n;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    pos = start;
                    saveUtf8(Utf8.encode(s));
                    return;
                }
                buf[pos++] = (byte) c;
            }
        } else {
            saveUtf8(Utf8.encode(s));
        }
    }

    private void saveUtf8(byte[] b) {
        if (b.length < 256) op(SHORT_BINUNICODE, b.length);
        else opU4(BINUNICODE, b.length);
        raw(b, 0, b.length);
    }

    private void saveBytes(PyBytes b) {
        int n = b.length();
        if (n < 256) op(SHORT_BINBYTES, n);
        else opU4(BINBYTES, n);
        raw(b.array(), b.offset(), n);
    }

    private void saveByteArray(byte[] b) {
        if (saveMemoized(b)) return;
        saveGlobal(BuiltinGlobals.BYTEARRAY);
        if (b.length < 256) op(SHORT_BINBYTES, b.length);
        else opU4(BINBYTES, b.length);
        raw(b, 0, b.length);
        op(TUPLE1);
        op(REDUCE);
        memoize(b);
    }

    private void saveGlobal(PyGlobal g) {
        byte[] module = g.module().getBytes(StandardCharsets.UTF_8);
        byte[] name = g.name().getBytes(StandardCharsets.UTF_8);
        if (g.module().indexOf('\n') >= 0 || g.name().indexOf('\n') >= 0) {
            throw new PicklingError("a global name cannot contain a newline: " + g.qualifiedName());
        }
        op(GLOBAL);
        raw(module, 0, module.length);
        op('\n');
        raw(name, 0, name.length);
        op('\n');
    }

    // ---- memo ----------------------------------------------------------------------------------

    /** Writes a memo reference and returns true if {@code o} was pickled before. */
    private boolean saveMemoized(Object o) {
        int index = memo.get(o);
        if (index < 0) return false;
        saveGet(index);
        return true;
    }

    private void saveGet(int index) {
        if (index < 256) op(BINGET, index);
        else opU4(LONG_BINGET, index);
    }

    private void memoize(Object o) {
        memo.put(o, memo.size());
        op(MEMOIZE);
    }

    /**
     * Memoizes a container unless it is one of the JDK's shared immutable instances
     * ({@code List.of()}, {@code Map.of()}, {@code Collections.emptyList()}...): those are one
     * object for the whole JVM, so by identity two unrelated {@code List.of()} would become one
     * Python list. They cannot contain themselves, so no cycle needs their memo entry.
     */
    private void memoizeUnlessShared(Object container) {
        String type = container.getClass().getName();
        if (type.startsWith("java.util.ImmutableCollections$") || type.startsWith("java.util.Collections$Empty")
                || type.startsWith("java.util.Collections$Singleton")) {
            return;
        }
        memoize(container);
    }

    // ---- containers ----------------------------------------------------------------------------

    private void enter() {
        if (++depth > PickleReader.MAX_DEPTH) {
            throw new PicklingError("containers nested deeper than " + PickleReader.MAX_DEPTH);
        }
    }

    private void saveList(List<?> list) {
        if (saveMemoized(list)) return;
        op(EMPTY_LIST);
        memoizeUnlessShared(list);
        enter();
        saveBatches(list.iterator(), list.size(), APPEND, APPENDS);
        depth--;
    }

    private void saveSet(Set<?> set) {
        if (saveMemoized(set)) return;
        op(EMPTY_SET);
        memoizeUnlessShared(set);
        enter();
        saveBatches(set.iterator(), set.size(), -1, ADDITEMS);
        depth--;
    }

    /** Items in batches of {@value #BATCH}: MARK items APPENDS/ADDITEMS (or one APPEND), as CPython. */
    private void saveBatches(Iterator<?> it, int size, int single, int batch) {
        if (size == 1 && single >= 0) {
            save(it.next());
            op(single);
            return;
        }
        while (it.hasNext()) {
            op(MARK);
            for (int i = 0; i < BATCH && it.hasNext(); i++) save(it.next());
            op(batch);
        }
    }

    private void saveDict(Map<?, ?> map) {
        if (saveMemoized(map)) return;
        op(EMPTY_DICT);
        memoizeUnlessShared(map);
        enter();
        saveItems(map);
        depth--;
    }

    private void saveItems(Map<?, ?> map) {
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        if (map.size() == 1) {
            Map.Entry<?, ?> e = it.next();
            save(e.getKey());
            save(e.getValue());
            op(SETITEM);
            return;
        }
        while (it.hasNext()) {
            op(MARK);
            for (int i = 0; i < BATCH && it.hasNext(); i++) {
                Map.Entry<?, ?> e = it.next();
                save(e.getKey());
                save(e.getValue());
            }
            op(SETITEMS);
        }
    }

    /**
     * A tuple. If saving its items pickled the tuple itself (it contains itself through a mutable
     * object), the items are popped and the memoized copy is referenced instead, as CPython does.
     */
    private void saveTuple(Object identity, Object[] items) {
        int n = items.length;
        if (n == 0) {
            op(EMPTY_TUPLE);
            return;
        }
        if (saveMemoized(identity)) return;
        enter();
        if (n <= 3) {
            for (Object item : items) save(item);
            int again = memo.get(identity);
            if (again >= 0) {
                for (int i = 0; i < n; i++) op(POP);
                saveGet(again);
            } else {
                op(TUPLE1 + n - 1);
                memoize(identity);
            }
        } else {
            op(MARK);
            for (Object item : items) save(item);
            int again = memo.get(identity);
            if (again >= 0) {
                op(POP_MARK);
                saveGet(again);
            } else {
                op(TUPLE);
                memoize(identity);
            }
        }
        depth--;
    }

    private void saveFrozenSet(PyFrozenSet set) {
        if (saveMemoized(set)) return;
        enter();
        op(MARK);
        for (Object item : set) save(item);
        int again = memo.get(set);
        if (again >= 0) {
            op(POP_MARK);
            saveGet(again);
        } else {
            op(FROZENSET);
            memoize(set);
        }
        depth--;
    }

    /**
     * {@code global(*args)} (or {@code __new__}), then the 5-tuple extras of {@code __reduce__}: list
     * items, dict items, BUILD state. {@code identity} is the Java object being pickled (memoized so
     * shared references stay shared), or null for immutable values such as dates.
     */
    private void saveReduce(Object identity, PyObject p) {
        if (identity != null && saveMemoized(identity)) return;
        enter();
        saveGlobal(p.type());
        save(p.args());
        switch (p.construction()) {
            case REDUCE -> op(REDUCE);
            case NEWOBJ -> op(NEWOBJ);
            case NEWOBJ_EX -> {
                save(p.kwargs());
                op(NEWOBJ_EX);
            }
        }
        if (identity != null) {
            int again = memo.get(identity);
            if (again >= 0) {
                op(POP);
                saveGet(again);
                depth--;
                return;
            }
            memoize(identity);
        }
        if (p.hasListItems()) saveBatches(p.listItems().iterator(), p.listItems().size(), APPEND, APPENDS);
        if (p.hasDictItems()) saveItems(p.dictItems());
        if (p.state() != null) {
            save(p.state());
            op(BUILD);
        }
        depth--;
    }
}
