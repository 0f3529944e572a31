package multiprocessing4j.managers;

import java.util.List;
import java.util.Map;

/**
 * One typeid of a manager's registry, as an entry of CPython's {@code BaseManager._registry}.
 *
 * @param exposed the methods the server exposes, or null for the proxy type's (or all public
 *     ones); a client does not send it, the server applies its own
 * @param methodToTypeid methods whose results the server shares as new objects of another
 *     typeid; likewise the server's business
 * @param createMethod whether {@link BaseManager#call} may create objects of this typeid
 */
record Registration(String typeid, ProxyType<?> proxyType, List<String> exposed,
                    Map<String, String> methodToTypeid, boolean createMethod) {}
