package multiprocessing4j.managers;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import multiprocessing4j.connection.Addresses;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;

/** Address forms of managers. */
final class Managers {
    private Managers() {}

    /**
     * The Python form of a manager's address: {@code PyTuple(host, port)} for TCP, with the host
     * as the numeric address a server's {@code getsockname()} reports (so tokens made from it are
     * recognised by the server as its own), or a {@code String} path for a Unix socket.
     *
     * @throws IllegalArgumentException for anything else (abstract Unix names included, which
     *     the JDK cannot open)
     */
    static Object pythonAddress(Object address) {
        if (address instanceof InetSocketAddress || address instanceof UnixDomainSocketAddress) {
            return Addresses.toPython((SocketAddress) address);
        }
        if (address instanceof Path p) return p.toString();
        if (address instanceof String s && !s.isEmpty() && s.charAt(0) != '\0') return s;
        if (address instanceof PyTuple t && t.size() == 2 && t.get(0) instanceof String
                && t.get(1) instanceof Integer) {
            return t;
        }
        throw new IllegalArgumentException("not a manager address (InetSocketAddress, UnixDomainSocketAddress, Path, "
                + "socket path or PyTuple(host, port)): " + address);
    }

    /** The address as Python shows it, for messages. */
    static String describe(Object address) {
        return PyRepr.repr(address);
    }
}
