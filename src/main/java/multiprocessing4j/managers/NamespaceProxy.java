package multiprocessing4j.managers;

import multiprocessing4j.PyAttributeError;

/**
 * A proxy of a {@code Namespace} on the server, as Python's {@code NamespaceProxy}: attributes
 * are read, set and deleted on the server ({@code ns.x} → {@code getattr("x")}).
 *
 * <p>Unlike CPython's proxy, names starting with {@code _} go to the server too (a Java proxy
 * has no attributes of its own to shadow them).
 */
public class NamespaceProxy extends BaseProxy {

    public NamespaceProxy(Token token, BaseManager manager) {
        super(token, manager);
    }

    /**
     * Python's {@code ns.name}.
     *
     * @throws PyAttributeError if the namespace has no such attribute
     */
    public Object getattr(String name) {
        return callMethod("__getattribute__", name);
    }

    /** Python's {@code ns.name = value}. */
    public void setattr(String name, Object value) {
        callMethod("__setattr__", name, value);
    }

    /**
     * Python's {@code del ns.name}.
     *
     * @throws PyAttributeError if the namespace has no such attribute
     */
    public void delattr(String name) {
        callMethod("__delattr__", name);
    }

    @Override
    protected String pythonType() {
        return "multiprocessing.managers.NamespaceProxy";
    }
}
