package multiprocessing4j.managers;

/**
 * Makes the proxy of one typeid, as the {@code proxytype} of CPython's {@code register}: usually
 * a proxy class's constructor, e.g. {@code CounterProxy::new} for
 * {@code CounterProxy(Token token, BaseManager manager)}.
 *
 * <p>The manager calls it for every object of that typeid it hands out (created, returned as
 * {@code #PROXY}, or found inside a result) and then takes the proxy's reference on the server.
 */
@FunctionalInterface
public interface ProxyType<P extends BaseProxy> {
    /** A new proxy of the object {@code token} names, served by {@code manager}. */
    P make(Token token, BaseManager manager);
}
