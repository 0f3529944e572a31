package multiprocessing4j.managers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import multiprocessing4j.interop.CPython;
import multiprocessing4j.interop.PythonPeer;
import multiprocessing4j.reduction.PyTuple;

/**
 * A CPython manager started from {@code python-fixtures/manager_server.py}, with the address and
 * key it reported, and its control commands ({@code OBJECTS}, {@code EVAL}).
 */
final class ManagerPeer implements ManagerUnderTest, AutoCloseable {
    final CPython python;
    final PythonPeer peer;
    /** The manager's address in Python's form: {@code PyTuple(host, port)} or a socket path. */
    final Object address;
    final byte[] authkey;

    private ManagerPeer(CPython python, PythonPeer peer, Object address, byte[] authkey) {
        this.python = python;
        this.peer = peer;
        this.address = address;
        this.authkey = authkey;
    }

    /** Starts the fixture in {@code mode} (sync-tcp, sync-unix, manager, custom-tcp, custom-unix). */
    static ManagerPeer start(CPython python, String mode) throws IOException, InterruptedException {
        PythonPeer peer = PythonPeer.start(python, "manager_server.py", mode);
        String where = peer.expect("READY", 60);
        byte[] key = HexFormat.of().parseHex(peer.expect("AUTHKEY", 10));
        return new ManagerPeer(python, peer, parse(where), key);
    }

    /** The text the fixture printed for {@code address}: {@code host:port} or a path. */
    String addressText() {
        return address instanceof PyTuple t ? t.get(0) + ":" + t.get(1) : (String) address;
    }

    static Object parse(String text) {
        int colon = text.lastIndexOf(':');
        if (!text.startsWith("/") && colon > 0) {
            return PyTuple.of(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return text;
    }

    @Override
    public Object address() {
        return address;
    }

    @Override
    public byte[] authkey() {
        return authkey.clone();
    }

    @Override
    public boolean atLeast(int major, int minor) {
        return python.atLeast(major, minor);
    }

    @Override
    public Optional<List<String>> servingThreadNames() throws IOException, InterruptedException {
        String names = eval("sorted(t.name for t in __import__('threading').enumerate() if '|pool-' in t.name)");
        if (names.equals("[]")) return Optional.of(List.of());
        return Optional.of(Stream.of(names.substring(1, names.length() - 1).split(", "))
                .map(quoted -> quoted.substring(1, quoted.length() - 1)).toList());
    }

    /** The server's {@code number_of_objects()}, asked through the fixture (not through the Java client). */
    @Override
    public int objects() throws IOException, InterruptedException {
        peer.writeLine("OBJECTS");
        return Integer.parseInt(peer.expect("OBJECTS", 30));
    }

    /** {@code repr(eval(expression))} in the server's process. */
    String eval(String expression) throws IOException, InterruptedException {
        peer.writeLine("EVAL " + expression);
        String line = peer.readLine(30);
        if (!line.startsWith("RESULT ")) throw new AssertionError(python + " EVAL " + expression + ": " + line);
        return line.substring(7);
    }

    /**
     * Ends the fixture; if it was killed (it cannot clean up then), removes the {@code pymp-}
     * directory of its Unix socket for it, as its own exit would have.
     */
    @Override
    public void close() {
        peer.close();
        if (address instanceof String path) {
            Path socket = Path.of(path);
            Path dir = socket.getParent();
            Path dirName = dir == null ? null : dir.getFileName();
            if (dirName != null && dirName.toString().startsWith("pymp-")) {
                try {
                    Files.deleteIfExists(socket);
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // another socket still in it: not this fixture's to remove
                }
            }
        }
    }

    @Override
    public String toString() {
        return python.toString();
    }
}
