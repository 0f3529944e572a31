package multiprocessing4j.managers;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import multiprocessing4j.ExitFunctions;
import multiprocessing4j.ProcessError;
import multiprocessing4j.reduction.ForkingPickler;
import multiprocessing4j.reduction.PyTuple;

/**
 * What a proxy captured by a {@code Process} target becomes on its way to the child: the token,
 * the manager's authkey, the proxy's class and its manager's class (DESIGN.md §5, re-attach by
 * name). In the child it
 * becomes a live proxy again, holding its own reference on the server, through one manager per
 * server shared by every proxy the child received; those references are released when the
 * child's {@code run()} is done, before its parent's {@code join()} returns.
 *
 * <p>Unlike CPython's, the child's proxies have a manager, so results that are proxies
 * ({@code #PROXY}, e.g. iterating a managed dict) work there too.
 */
final class ProxyHandle implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The child's managers, one per (address, key): proxies of one server share its connections. */
    private static final Map<String, BaseManager> ATTACHED = new ConcurrentHashMap<>();

    private final String typeid;
    private final String id;
    private final byte[] address; // pickled: a PyTuple (host, port) or a path str
    private final byte[] exposed; // pickled: a PyTuple of names, or None
    private final byte[] authkey;
    private final Class<? extends BaseProxy> type;
    private final Class<? extends BaseManager> managerType;

    private ProxyHandle(BaseProxy proxy) {
        Token token = proxy.token();
        this.typeid = token.typeid();
        this.id = token.id();
        this.address = ForkingPickler.dumps(token.address());
        this.exposed = ForkingPickler.dumps(proxy.exposed);
        this.authkey = proxy.manager().authkey();
        this.type = proxy.getClass();
        this.managerType = proxy.manager().getClass();
    }

    static ProxyHandle of(BaseProxy proxy) {
        return new ProxyHandle(proxy);
    }

    private Object readResolve() {
        Object where = ForkingPickler.loads(address);
        // String.join, not +: a concatenation's first run spins method-handle classes (~13 ms in a cold child)
        String key = String.join("|", managerType.getName(), String.valueOf(where), java.util.HexFormat.of().formatHex(authkey));
        BaseManager manager = ATTACHED.computeIfAbsent(key, k -> {
            BaseManager m = newManager(where);
            m.connect();
            ExitFunctions.register(m::close);
            return m;
        });
        return manager.adopt(new Token(typeid, where, id), (PyTuple) ForkingPickler.loads(exposed), this::construct);
    }

    /**
     * A manager of the parent's manager class when it has CPython's {@code (address, authkey)}
     * constructor (so a {@code SyncManager}'s typeids, e.g. {@code Iterator}, are known in the
     * child), else a plain {@code BaseManager}.
     */
    private BaseManager newManager(Object where) {
        try {
            managerType.getConstructor(Object.class, byte[].class);
        } catch (NoSuchMethodException e) {
            return new BaseManager(where, authkey);
        }
        return ManagerProcess.construct(managerType, where, authkey);
    }

    private BaseProxy construct(Token token, BaseManager manager) {
        try {
            Constructor<? extends BaseProxy> c = type.getDeclaredConstructor(Token.class, BaseManager.class);
            c.setAccessible(true);
            return c.newInstance(token, manager);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ProcessError(type.getName() + " cannot travel to a child: it needs a constructor "
                    + "(Token, BaseManager)", e);
        } catch (InvocationTargetException e) {
            throw new ProcessError("cannot rebuild " + type.getName() + " in the child: " + e.getCause(), e.getCause());
        }
    }
}
