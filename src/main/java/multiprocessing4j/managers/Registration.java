package multiprocessing4j.managers;

import java.util.List;
import java.util.Map;
import multiprocessing4j.managers.hosted.PyCallable;

/**
 * One typeid of a manager's registry, as an entry of CPython's {@code BaseManager._registry}.
 *
 * @param callable what a server calls to make an object of this typeid, or null for typeids
 *     whose objects are handed in (a {@code methodToTypeid} result is then the object itself);
 *     a client does not use it
 * @param exposed the methods the server exposes, or null for the referent's public methods; a
 *     client does not send it, the server applies its own
 * @param methodToTypeid methods whose results the server shares as new objects of another
 *     typeid; likewise the server's business
 * @param createMethod whether {@link BaseManager#call} may create objects of this typeid
 */
record Registration(String typeid, PyCallable callable, ProxyType<?> proxyType, List<String> exposed,
                    Map<String, String> methodToTypeid, boolean createMethod) {}
