package multiprocessing4j.reduction;

import static net.razorvine.pickle.Opcodes.*;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one pickle (protocols 0–5) from a byte array into the value model. One instance per pickle:
 * the memo and stack never outlive it.
 *
 * <p>Written in-house rather than on Razorvine's {@code Unpickler}: that one reads through an
 * {@code InputStream} a byte at a time, allocates before checking lengths, builds HashMaps,
 * {@code Object[]} tuples and {@code byte[]} bytes, and keeps most {@code load_*} methods
 * package-private, so nearly every opcode would have to be overridden anyway. Only its opcode
 * constants are reused.
 *
 * <p>Hardening: every length is checked against the remaining input before anything is allocated;
 * text integers are capped at {@value #MAX_TEXT_DIGITS} digits (CPython 3.11+'s own default limit
 * for int/str conversion); containers may nest {@value #MAX_DEPTH} deep (see {@link #nest}); globals
 * are only names (see {@link Reduction}).
 */
final class PickleReader {
    /** Deepest container nesting accepted; CPython's pickler cannot go much beyond 1000 itself. */
    static final int MAX_DEPTH = 3000;
    /** Longest decimal text accepted for INT/LONG (and Decimal as BigDecimal). */
    static final int MAX_TEXT_DIGITS = 4300;
    private static final int HIGHEST_PROTOCOL = 5;
    private static final Object NULL = new Object();

    /**
     * From this size a {@code bytes} value is a view of an owned input rather than a copy; below
     * it, a copy costs less than keeping the whole input alive, unless the value is most of the
     * input anyway (a lone {@code bytes} sent through a queue).
     */
    private static final int VIEW_THRESHOLD = 64 * 1024;
    private static final int[] NO_MARKS = {};
    private static final Object[] NO_MEMO = {};

    private final byte[] in;
    private final boolean owned;
    private final int end;
    private int pos;
    private int proto;

    private Object[] stack = new Object[8];
    private int sp;
    // marks and memo are made when first used: a scalar or bytes message has neither
    private int[] marks = NO_MARKS;
    private int mp;

    private Object[] memo = NO_MEMO;
    private int memoCount;
    private Map<Long, Object> farMemo;
    private final int memoArrayLimit;
    /** Depth of containers that hold containers; absent means 1 (or 0 for a non-container). */
    private final IdentityInts depths = new IdentityInts();

    PickleReader(byte[] data, int offset, int length) {
        this(data, offset, length, false);
    }

    /**
     * @param owned the caller hands {@code data} over and never writes it again, so large
     *     {@code bytes} values may be views of it instead of copies
     */
    PickleReader(byte[] data, int offset, int length, boolean owned) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + data.length);
        }
        this.owned = owned;
        this.in = data;
        this.pos = offset;
        this.end = offset + length;
        this.memoArrayLimit = length + 16;
    }

    /** The value of the pickle. Throws only {@link UnpicklingError}. */
    Object read() {
        int opcodeAt = pos;
        try {
            while (true) {
                opcodeAt = pos;
                int op = u1();
                if (op == STOP) return pop();
                dispatch(op);
            }
        } catch (UnpicklingError e) {
            throw e;
        } catch (Throwable t) {
            throw new UnpicklingError("invalid pickle (opcode at byte " + opcodeAt + "): " + t, t);
        }
    }

    private void dispatch(int op) {
        switch (op) {
            case BININT1 -> push(u1());
            case BININT2 -> push(u2());
            case BININT -> push(s4());
            case LONG1 -> push(long1(u1()));
            case LONG4 -> push(long1(length(s4())));
            case INT -> push(textInt(line()));
            case LONG -> push(textLong(line()));
            case NONE -> push(null);
            case NEWTRUE -> push(Boolean.TRUE);
            case NEWFALSE -> push(Boolean.FALSE);
            case BINFLOAT -> push(binFloat());
            case FLOAT -> push(textFloat(line()));
            case SHORT_BINUNICODE -> push(utf8(u1()));
            case BINUNICODE -> push(utf8(length(u4())));
            case BINUNICODE8 -> push(utf8(length(u8())));
            case UNICODE -> push(rawUnicodeEscape(line()));
            case SHORT_BINSTRING -> push(ascii(u1()));
            case BINSTRING -> push(ascii(length(s4())));
            case STRING -> push(quotedString(line()));
            case SHORT_BINBYTES -> push(pyBytes(u1()));
            case BINBYTES -> push(pyBytes(length(u4())));
            case BINBYTES8 -> push(pyBytes(length(u8())));
            case BYTEARRAY8 -> push(bytes(length(u8())));
            case EMPTY_LIST -> push(new ReprList());
            case EMPTY_DICT -> push(new ReprDict());
            case EMPTY_SET -> push(new ReprSet());
            case EMPTY_TUPLE -> push(PyTuple.of());
            case LIST -> push(listFromMark());
            case DICT -> dictFromMark();
            case TUPLE -> push(tuple(popMark()));
            case TUPLE1 -> push(tuple(pop()));
            case TUPLE2 -> tupleN(2);
            case TUPLE3 -> tupleN(3);
            case FROZENSET -> frozenset();
            case APPEND -> append();
            case APPENDS -> appends();
            case SETITEM -> setItems(sp - 2);
            case SETITEMS -> setItems(popMarkPosition());
            case ADDITEMS -> addItems();
            case MARK -> mark();
            case POP -> popOne();
            case POP_MARK -> sp = popMarkPosition();
            case DUP -> push(peek());
            case MEMOIZE -> memoPut(memoCount, peek());
            case PUT -> memoPut(textIndex(line()), peek());
            case BINPUT -> memoPut(u1(), peek());
            case LONG_BINPUT -> memoPut(u4(), peek());
            case GET -> push(memoGet(textIndex(line())));
            case BINGET -> push(memoGet(u1()));
            case LONG_BINGET -> push(memoGet(u4()));
            case GLOBAL -> push(global(lineText(), lineText()));
            case STACK_GLOBAL -> stackGlobal();
            case REDUCE -> reduce();
            case NEWOBJ -> newObj(false);
            case NEWOBJ_EX -> newObj(true);
            case BUILD -> build();
            case INST -> inst();
            case OBJ -> obj();
            case PROTO -> proto();
            case FRAME -> need(u8());
            case PERSID, BINPERSID -> throw new UnpicklingError("persistent IDs are not supported");
            case EXT1, EXT2, EXT4 -> throw new UnpicklingError("copyreg extension codes are not supported");
            case NEXT_BUFFER, READONLY_BUFFER -> throw new UnpicklingError("out-of-band buffers are not supported");
            default -> throw new UnpicklingError(String.format("invalid load key 0x%02x at byte %d", op, pos - 1));
        }
    }

    // ---- input ---------------------------------------------------------------------------------

    private void need(long n) {
        if (n > end - pos) {
            throw new UnpicklingError("pickle data was truncated: " + n + " bytes needed at byte " + pos
                    + ", " + (end - pos) + " left");
        }
    }

    private int length(long n) {
        if (n < 0) throw new UnpicklingError("negative length " + n);
        need(n);
        return (int) n;
    }

    private int u1() {
        need(1);
        return in[pos++] & 0xff;
    }

    private int u2() {
        need(2);
        int v = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    private int s4() {
        need(4);
        int v = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8 | (in[pos + 2] & 0xff) << 16 | in[pos + 3] << 24;
        pos += 4;
        return v;
    }

    private long u4() {
        return s4() & 0xffffffffL;
    }

    private long u8() {
        long lo = u4();
        long hi = u4();
        if (hi < 0 || hi > 0x7fffffffL) throw new UnpicklingError("length beyond 2^63");
        return hi << 32 | lo;
    }

    private byte[] bytes(int n) {
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    /**
     * The next {@code n} bytes as {@code bytes}: a view of the input when it is owned and they are
     * many, or at least half of it.
     */
    private PyBytes pyBytes(int n) {
        if (!owned || (n < VIEW_THRESHOLD && 2L * n < in.length)) return PyBytes.adopt(bytes(n));
        PyBytes view = PyBytes.view(in, pos, n);
        pos += n;
        return view;
    }

    /** The next line's [start, end) with the newline consumed; returns the start, the end is pos - 1. */
    private int line() {
        int start = pos;
        while (pos < end && in[pos] != '\n') pos++;
        if (pos == end) throw new UnpicklingError("pickle data was truncated: no newline after byte " + start);
        pos++;
        return start;
    }

    private String lineText() {
        int start = line();
        return Utf8.decode(in, start, pos - 1 - start);
    }

    private String asciiLine(int start) {
        return new String(in, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
    }

    // ---- scalars -------------------------------------------------------------------------------

    private Object long1(int n) {
        Object v = PyInts.fromLittleEndian(in, pos, length(n));
        pos += n;
        return v;
    }

    private Object textInt(int start) {
        String s = asciiLine(start);
        if (s.equals("00")) return Boolean.FALSE;
        if (s.equals("01")) return Boolean.TRUE;
        return parseInt(s);
    }

    private Object textLong(int start) {
        String s = asciiLine(start);
        return parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
    }

    private static Object parseInt(String s) {
        if (s.length() > MAX_TEXT_DIGITS + 1) {
            throw new UnpicklingError("integer text longer than " + MAX_TEXT_DIGITS + " digits");
        }
        try {
            return s.length() <= 18 ? PyInts.of(Long.parseLong(s)) : PyInts.of(new BigInteger(s));
        } catch (NumberFormatException e) {
            throw new UnpicklingError("invalid integer text '" + s + "'");
        }
    }

    private int textIndex(int start) {
        Object v = parseInt(asciiLine(start));
        if (!(v instanceof Integer i) || i < 0) throw new UnpicklingError("invalid memo index " + v);
        return i;
    }

    private Double binFloat() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) bits = bits << 8 | (in[pos + i] & 0xff);
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    private static Double textFloat(String s) {
        switch (s) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            default:
                if (s.length() > 400 || s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1))
                        && s.charAt(s.length() - 1) != '.') {
                    throw new UnpicklingError("invalid float text '" + s + "'");
                }
                return Double.valueOf(s);
        }
    }

    private Double textFloat(int start) {
        return textFloat(asciiLine(start));
    }

    private String utf8(int n) {
        String s = Utf8.decode(in, pos, n);
        pos += n;
        return s;
    }

    /** Python 2 {@code str} opcodes: Python 3 decodes them as ASCII by default. */
    private String ascii(int n) {
        for (int i = pos; i < pos + n; i++) {
            if (in[i] < 0) throw new UnpicklingError("non-ASCII byte in a Python 2 str");
        }
        String s = new String(in, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /** The UNICODE opcode's raw-unicode-escape: latin-1 text with backslash-u escapes. */
    private String rawUnicodeEscape(int start) {
        int stop = pos - 1;
        StringBuilder sb = new StringBuilder(stop - start);
        for (int i = start; i < stop; i++) {
            char c = (char) (in[i] & 0xff);
            int digits = c == '\\' && i + 1 < stop ? (in[i + 1] == 'u' ? 4 : in[i + 1] == 'U' ? 8 : 0) : 0;
            if (digits == 0) {
                sb.append(c);
                continue;
            }
            if (i + 2 + digits > stop) throw new UnpicklingError("truncated \\u escape in UNICODE");
            int cp = Integer.parseUnsignedInt(new String(in, i + 2, digits, StandardCharsets.ISO_8859_1), 16);
            if (cp < 0 || cp > Character.MAX_CODE_POINT) throw new UnpicklingError("\\U escape out of range");
            sb.appendCodePoint(cp);
            i += 1 + digits;
        }
        return sb.toString();
    }

    /** The STRING opcode: a quoted Python 2 str literal with backslash escapes, decoded as ASCII. */
    private String quotedString(int start) {
        String s = asciiLine(start);
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            throw new UnpicklingError("the STRING opcode argument must be quoted");
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = ++i < s.length() - 1 ? s.charAt(i) : '\\';
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'x' -> {
                    if (i + 2 >= s.length()) throw new UnpicklingError("truncated \\x escape in STRING");
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new UnpicklingError("unsupported escape \\" + e + " in STRING");
            }
        }
        for (int i = 0; i < sb.length(); i++) {
            if (sb.charAt(i) > 0x7f) throw new UnpicklingError("non-ASCII byte in a Python 2 str");
        }
        return sb.toString();
    }

    // ---- stack, marks, memo --------------------------------------------------------------------

    private void push(Object o) {
        if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
        stack[sp++] = o;
    }

    private Object pop() {
        if (sp <= floor()) throw new UnpicklingError("unpickling stack underflow");
        Object o = stack[--sp];
        stack[sp] = null;
        return o;
    }

    private void popOne() {
        if (sp > floor()) pop();
        else sp = popMarkPosition(); // CPython: POP on an empty frame discards the mark
    }

    private Object peek() {
        if (sp <= floor()) throw new UnpicklingError("unpickling stack underflow");
        return stack[sp - 1];
    }

    private int floor() {
        return mp == 0 ? 0 : marks[mp - 1];
    }

    private void mark() {
        if (mp == marks.length) marks = Arrays.copyOf(marks, Math.max(4, mp * 2)); // a request or reply nests a few marks
        marks[mp++] = sp;
    }

    private int popMarkPosition() {
        if (mp == 0) throw new UnpicklingError("could not find MARK");
        return marks[--mp];
    }

    /** The items since the last MARK, removed from the stack with the mark. */
    private Object[] popMark() {
        int from = popMarkPosition();
        Object[] items = Arrays.copyOfRange(stack, from, sp);
        Arrays.fill(stack, from, sp, null);
        sp = from;
        return items;
    }

    private void memoPut(long index, Object value) {
        Object v = value == null ? NULL : value;
        if (index < memoArrayLimit) {
            int i = (int) index;
            if (i >= memo.length) memo = Arrays.copyOf(memo, Math.max(i + 1, Math.max(8, memo.length * 2)));
            if (memo[i] == null) memoCount++;
            memo[i] = v;
        } else {
            if (farMemo == null) farMemo = new HashMap<>();
            if (farMemo.put(index, v) == null) memoCount++;
        }
    }

    private Object memoGet(long index) {
        Object v = index < memoArrayLimit ? (index < memo.length ? memo[(int) index] : null)
                : farMemo == null ? null : farMemo.get(index);
        if (v == null) throw new UnpicklingError("memo key " + index + " missing");
        return v == NULL ? null : v;
    }

    // ---- containers ----------------------------------------------------------------------------

    private static boolean isContainer(Object o) {
        // The common scalars first: a failed instanceof against an interface costs tens of ns on
        // JDK 17 (secondary-supers cache), once per list element otherwise.
        if (o == null || o instanceof Integer || o instanceof String || o instanceof Double || o instanceof Long
                || o instanceof Boolean || o instanceof PyBytes) {
            return false;
        }
        return o instanceof Collection || o instanceof Map || o instanceof PyTuple || o instanceof PyObject;
    }

    private int depthOf(Object o) {
        if (!isContainer(o)) return 0;
        int d = depths.get(o);
        return d < 0 ? 1 : d;
    }

    /**
     * Records that {@code parent} now holds {@code child} and refuses nesting beyond
     * {@link #MAX_DEPTH}, so that hashing, printing or re-pickling the result cannot overflow the
     * Java stack. Depths are updated as containers are filled; a container already placed inside
     * another and filled later through the memo (never done by CPython's pickler) is not re-propagated.
     */
    private void nest(Object parent, Object child) {
        if (!isContainer(child) || !isContainer(parent)) return;
        int d = depthOf(child) + 1;
        if (d > 1 && d > depthOf(parent)) {
            if (d > MAX_DEPTH) throw new UnpicklingError("containers nested deeper than " + MAX_DEPTH);
            depths.put(parent, d);
        }
    }

    private PyTuple tuple(Object... items) {
        PyTuple t = PyTuple.adopt(items);
        for (Object item : items) nest(t, item);
        return t;
    }

    private void tupleN(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) items[i] = pop();
        push(tuple(items));
    }

    private List<Object> listFromMark() {
        Object[] items = popMark();
        ReprList list = new ReprList(Arrays.asList(items));
        for (Object item : items) nest(list, item);
        return list;
    }

    private void dictFromMark() {
        Object[] items = popMark();
        if (items.length % 2 != 0) throw new UnpicklingError("odd number of items for DICT");
        ReprDict map = new ReprDict();
        for (int i = 0; i < items.length; i += 2) {
            nest(map, items[i]);
            nest(map, items[i + 1]);
            map.put(items[i], items[i + 1]);
        }
        push(map);
    }

    private void frozenset() {
        Object[] items = popMark();
        PyFrozenSet set = PyFrozenSet.of(items);
        for (Object item : items) nest(set, item);
        push(set);
    }

    private void append() {
        Object item = pop();
        addAll(peek(), item == null ? new Object[] {null} : new Object[] {item}, 0, 1);
    }

    /** APPENDS straight from the stack into the list, without intermediate copies or trimming. */
    private void appends() {
        int from = popMarkPosition();
        if (from <= floor()) throw new UnpicklingError("APPENDS without a list below its MARK");
        addAll(stack[from - 1], stack, from, sp);
        Arrays.fill(stack, from, sp, null);
        sp = from;
    }

    private void addAll(Object target, Object[] items, int from, int to) {
        List<Object> list;
        if (target instanceof List<?>) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) target;
            if (l instanceof ArrayList<Object> a) a.ensureCapacity(a.size() + to - from);
            list = l;
        } else if (target instanceof PyObject p) {
            list = p.listItems();
        } else {
            throw new UnpicklingError("cannot append to " + typeName(target));
        }
        for (int i = from; i < to; i++) {
            nest(target, items[i]);
            list.add(items[i]);
        }
    }

    private void setItems(int from) {
        if (from <= floor() || (sp - from) % 2 != 0) throw new UnpicklingError("malformed SETITEM(S)");
        Object target = stack[from - 1];
        Map<Object, Object> map;
        if (target instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) target;
            map = m;
        } else if (target instanceof PyObject p) {
            map = p.dictItems();
        } else {
            throw new UnpicklingError("cannot set items on " + typeName(target));
        }
        for (int i = from; i < sp; i += 2) {
            nest(target, stack[i]);
            nest(target, stack[i + 1]);
            map.put(stack[i], stack[i + 1]);
        }
        Arrays.fill(stack, from, sp, null);
        sp = from;
    }

    private void addItems() {
        int from = popMarkPosition();
        if (from <= floor() || !(stack[from - 1] instanceof Set<?>)) throw new UnpicklingError("ADDITEMS without a set");
        @SuppressWarnings("unchecked")
        Set<Object> set = (Set<Object>) stack[from - 1];
        for (int i = from; i < sp; i++) {
            nest(set, stack[i]);
            set.add(stack[i]);
        }
        Arrays.fill(stack, from, sp, null);
        sp = from;
    }

    // ---- globals and objects -------------------------------------------------------------------

    private void proto() {
        int p = u1();
        if (p > HIGHEST_PROTOCOL) throw new UnpicklingError("unsupported pickle protocol: " + p);
        proto = p;
    }

    /** A global's name; protocols 0–2 may use Python 2 names, mapped as CPython does (see {@link Py2Names}). */
    private PyGlobal global(String module, String name) {
        return proto < 3 ? Py2Names.toPython3(module, name) : new PyGlobal(module, name);
    }

    private void stackGlobal() {
        Object name = pop();
        Object module = pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
            throw new UnpicklingError("STACK_GLOBAL requires str");
        }
        push(global(m, n));
    }

    private void reduce() {
        Object args = pop();
        Object callable = pop();
        push(call(callable, args));
    }

    private Object call(Object callable, Object args) {
        if (!(callable instanceof PyGlobal g)) throw new UnpicklingError("cannot call " + typeName(callable));
        if (!(args instanceof PyTuple a)) throw new UnpicklingError("arguments must be a tuple, not " + typeName(args));
        PyConstructor c = Reduction.constructor(g);
        Object result = c != null ? c.call(g, a) : PyObject.reduce(g, a);
        nest(result, a);
        return result;
    }

    private void newObj(boolean withKwargs) {
        Object kwargs = withKwargs ? pop() : Map.of();
        Object args = pop();
        Object cls = pop();
        if (!(cls instanceof PyGlobal g)) throw new UnpicklingError("NEWOBJ class must be a global, not " + typeName(cls));
        if (!(args instanceof PyTuple a)) throw new UnpicklingError("NEWOBJ arguments must be a tuple");
        if (!(kwargs instanceof Map<?, ?>)) throw new UnpicklingError("NEWOBJ_EX keyword arguments must be a dict");
        @SuppressWarnings("unchecked")
        Map<Object, Object> kw = (Map<Object, Object>) kwargs;
        PyConstructor c = Reduction.constructor(g);
        Object result;
        if (c != null) result = c.newObject(g, a, kw);
        else result = withKwargs ? PyObject.newObjEx(g, a, kw) : PyObject.newObj(g, a);
        nest(result, a);
        nest(result, kw);
        push(result);
    }

    private void build() {
        Object state = pop();
        Object target = peek();
        if (!(target instanceof Buildable b)) throw new UnpicklingError("cannot BUILD " + typeName(target));
        nest(target, state);
        b.setState(state);
    }

    /** INST (protocol 0): {@code module\nname\n} then the arguments since the MARK. */
    private void inst() {
        PyGlobal g = global(lineText(), lineText());
        push(instantiate(g, popMark()));
    }

    /** OBJ (protocol 1): the class and arguments since the MARK. */
    private void obj() {
        Object[] items = popMark();
        if (items.length == 0) throw new UnpicklingError("OBJ without a class");
        push(instantiate(items[0], Arrays.copyOfRange(items, 1, items.length)));
    }

    /** As CPython: {@code cls(*args)}, or {@code cls.__new__(cls)} without arguments. */
    private Object instantiate(Object cls, Object[] args) {
        if (args.length > 0) return call(cls, tuple(args));
        if (!(cls instanceof PyGlobal g)) throw new UnpicklingError("cannot instantiate " + typeName(cls));
        PyConstructor c = Reduction.constructor(g);
        return c != null ? c.newObject(g, PyTuple.of(), Map.of()) : PyObject.newObj(g, PyTuple.of());
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
