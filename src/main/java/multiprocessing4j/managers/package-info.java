/**
 * Clients of managers, as Python's {@code multiprocessing.managers}: a Java program works with
 * objects that live in a manager's server — a CPython {@code multiprocessing.Manager()} or any
 * CPython {@code BaseManager} serving over TCP or a Unix socket — as a CPython client would.
 *
 * <pre>{@code
 * try (SyncManager m = new SyncManager(new InetSocketAddress("127.0.0.1", 50000), authkey)) {
 *     m.connect();
 *     DictProxy d = m.dict();          // created on the server
 *     d.put("answer", 42);
 *     ListProxy l = m.list(List.of(3, 1, 2));
 *     l.sort();
 *     d.put("list", l);                // the server's dict now holds a proxy of the list
 *     System.out.println(d);           // the server's repr: {'answer': 42, 'list': <ListProxy …>}
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link multiprocessing4j.managers.BaseManager}: {@code register} typeids, {@code connect},
 *       {@code call(typeid, args…)} to create shared objects; one control connection per server
 *       request and one serving connection per (thread, manager), as CPython.
 *   <li>{@link multiprocessing4j.managers.SyncManager}: a factory method per typeid of CPython's
 *       {@code SyncManager}, named as the typeid ({@code dict()}, {@code list()}, {@code Queue()},
 *       {@code Lock()}, {@code Value(…)}, {@code Pool(n)}…).
 *   <li>{@link multiprocessing4j.managers.BaseProxy} and {@link multiprocessing4j.managers.AutoProxy}:
 *       {@code callMethod} sends any method; typed proxies put Java idioms over it
 *       ({@link multiprocessing4j.managers.DictProxy} is a {@code Map},
 *       {@link multiprocessing4j.managers.ListProxy} a {@code List}, lock proxies give
 *       try-with-resources, {@link multiprocessing4j.managers.AsyncResultProxy} a
 *       {@code CompletableFuture}).
 *   <li>Errors: the referent's exceptions arrive as the Java exceptions named after them
 *       ({@link multiprocessing4j.PyKeyError}, {@link multiprocessing4j.Empty}…, or
 *       {@link multiprocessing4j.PyException} with the Python type name);
 *       {@link multiprocessing4j.managers.RemoteError} carries the server's own tracebacks; a
 *       server that is gone is a {@link multiprocessing4j.ProcessError}.
 *   <li>Lifetime: each proxy holds one reference on the server until it is closed or becomes
 *       unreachable, so the server's object count comes back to where it was.
 * </ul>
 *
 * Serving managers from Java ({@code Server}, {@code start()}) is not here yet.
 */
package multiprocessing4j.managers;
