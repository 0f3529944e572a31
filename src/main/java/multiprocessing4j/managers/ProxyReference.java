package multiprocessing4j.managers;

import java.util.Map;
import multiprocessing4j.reduction.PyGlobal;
import multiprocessing4j.reduction.PyRepr;

/**
 * A proxy that a client sent to a Java-hosted server inside a value (CPython's
 * {@code l.append(d)} sends {@code RebuildProxy(DictProxy, token, 'pickle', {})}): kept as it
 * came and pickled back unchanged whenever the value is returned, so the receiving client
 * rebuilds the same proxy. The server never calls through it.
 */
record ProxyReference(PyGlobal proxyType, Token token, Object serializer, Map<?, ?> keywords)
        implements PyRepr.Reprable {
    /** CPython's repr of a proxy: {@code <DictProxy object, typeid 'dict' at 0x…>}. */
    @Override
    public String pyRepr() {
        return "<" + proxyType.name() + " object, typeid " + PyRepr.repr(token.typeid()) + " at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
