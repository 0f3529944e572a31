package multiprocessing4j.managers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import multiprocessing4j.PyAttributeError;
import multiprocessing4j.reduction.PyTuple;

/**
 * A proxy whose methods are whatever the server exposes, as Python's {@code AutoProxy} (the
 * proxy of typeids registered without a proxy type, such as {@code Queue} and
 * {@code AsyncResult}). Call them with {@link #callMethod}; {@link #exposed()} lists them.
 *
 * <p>It reaches CPython as an auto-proxy too: {@code RebuildProxy(AutoProxy, token, 'pickle',
 * {'exposed': …})}. Typed subclasses ({@link QueueProxy}, {@link AsyncResultProxy}) only add
 * Java methods.
 */
public class AutoProxy extends BaseProxy {

    public AutoProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /** The names of the methods the server exposes, in its order (it may repeat names). */
    public List<String> exposed() {
        if (exposed == null) exposed = (PyTuple) manager().control("get_methods", token());
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<String> names = (List) exposed.asList();
        return names;
    }

    /**
     * Fails as CPython's auto-proxy does for a method the server does not expose (it has no such
     * attribute); for methods that exist in some Python versions only.
     *
     * @throws PyAttributeError if {@code name} is not exposed
     */
    protected final void requireExposed(String name) {
        if (!exposed().contains(name)) {
            throw new PyAttributeError("'AutoProxy[" + token().typeid() + "]' object has no attribute '" + name + "'");
        }
    }

    /** CPython's {@code repr}: {@code <AutoProxy[Queue] object, typeid 'Queue' at 0x…>}. */
    @Override
    public String pyRepr() {
        return super.pyRepr().replaceFirst("^<\\S+", java.util.regex.Matcher.quoteReplacement("<AutoProxy[" + token().typeid() + "]"));
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.AutoProxy";
    }

    @Override
    Map<String, Object> rebuildKeywords() {
        Map<String, Object> kwds = new HashMap<>();
        kwds.put("exposed", PyTuple.copyOf(exposed()));
        return kwds;
    }
}
