package multiprocessing4j.reduction;

import java.util.Map;

/**
 * Python 2 names in protocol 0–2 pickles. With {@code fix_imports} (on in {@code pickle} and
 * multiprocessing), CPython 3 writes Python 3 globals under their Python 2 names at protocols below
 * 3 ({@code builtins.int} as {@code __builtin__.long}) and maps them back when reading. This is the
 * part of that table that values crossing a multiprocessing connection can use: builtins,
 * exceptions, copyreg, queue, collections, itertools, io and multiprocessing's own names. GUI, web,
 * dbm and other modules of the full table are left as written.
 */
final class Py2Names {
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("__builtin__", "builtins"), Map.entry("exceptions", "builtins"),
            Map.entry("copy_reg", "copyreg"), Map.entry("Queue", "queue"), Map.entry("thread", "_thread"),
            Map.entry("dummy_thread", "_dummy_thread"), Map.entry("repr", "reprlib"),
            Map.entry("_abcoll", "collections.abc"), Map.entry("cPickle", "pickle"),
            Map.entry("StringIO", "io"), Map.entry("cStringIO", "io"), Map.entry("UserDict", "collections"),
            Map.entry("UserList", "collections"), Map.entry("UserString", "collections"));

    private static final Map<PyGlobal, PyGlobal> NAMES = Map.ofEntries(
            rename("__builtin__", "xrange", "builtins", "range"),
            rename("__builtin__", "reduce", "functools", "reduce"),
            rename("__builtin__", "intern", "sys", "intern"),
            rename("__builtin__", "unichr", "builtins", "chr"),
            rename("__builtin__", "unicode", "builtins", "str"),
            rename("__builtin__", "long", "builtins", "int"),
            rename("__builtin__", "basestring", "builtins", "str"),
            rename("exceptions", "StandardError", "builtins", "Exception"),
            rename("itertools", "izip", "builtins", "zip"),
            rename("itertools", "imap", "builtins", "map"),
            rename("itertools", "ifilter", "builtins", "filter"),
            rename("itertools", "ifilterfalse", "itertools", "filterfalse"),
            rename("itertools", "izip_longest", "itertools", "zip_longest"),
            rename("UserDict", "IterableUserDict", "collections", "UserDict"),
            rename("_multiprocessing", "Connection", "multiprocessing.connection", "Connection"),
            rename("multiprocessing.process", "Process", "multiprocessing.context", "Process"),
            rename("multiprocessing.forking", "Popen", "multiprocessing.popen_fork", "Popen"),
            rename("multiprocessing", "AuthenticationError", "multiprocessing.context", "AuthenticationError"),
            rename("multiprocessing", "BufferTooShort", "multiprocessing.context", "BufferTooShort"),
            rename("multiprocessing", "ProcessError", "multiprocessing.context", "ProcessError"),
            rename("multiprocessing", "TimeoutError", "multiprocessing.context", "TimeoutError"),
            rename("socket", "_socketobject", "socket", "SocketType"),
            rename("_socket", "fromfd", "socket", "fromfd"));

    private Py2Names() {}

    private static Map.Entry<PyGlobal, PyGlobal> rename(String m2, String n2, String m3, String n3) {
        return Map.entry(new PyGlobal(m2, n2), new PyGlobal(m3, n3));
    }

    /** The Python 3 global a protocol 0–2 pickle means by {@code module.name}. */
    static PyGlobal toPython3(String module, String name) {
        PyGlobal written = new PyGlobal(module, name);
        PyGlobal renamed = NAMES.get(written);
        if (renamed != null) return renamed;
        String m3 = MODULES.get(module);
        return m3 == null ? written : new PyGlobal(m3, name);
    }
}
