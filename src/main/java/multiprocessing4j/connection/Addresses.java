package multiprocessing4j.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import multiprocessing4j.reduction.PyTuple;

/**
 * Socket addresses in their Java and their Python form, as CPython's
 * {@code multiprocessing.connection} writes them (and a manager's {@code Token} carries them):
 *
 * <table>
 *   <caption>Address forms</caption>
 *   <tr><th>family</th><th>Java</th><th>Python</th></tr>
 *   <tr><td>AF_INET</td><td>{@link InetSocketAddress}</td><td>tuple {@code (host, port)}</td></tr>
 *   <tr><td>AF_UNIX</td><td>{@link UnixDomainSocketAddress}</td><td>{@code str} path</td></tr>
 * </table>
 *
 * <p>The Python side is given in the value model of {@code multiprocessing4j.reduction}: a
 * tuple is a {@link PyTuple} (on input also an {@code Object[]} or a {@code List}) of a
 * {@code String} host and an integer port; a path is a {@code String}. Linux abstract Unix names (a path starting with NUL) have no Java form: the
 * JDK binds and connects only file-system paths, so they are refused.
 */
public final class Addresses {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Path tempDir; // guarded by Addresses.class
    private static boolean tempDirRemoved; // guarded by Addresses.class: no new one is made after it

    private Addresses() {}

    /**
     * The Python form of {@code address}: {@code PyTuple(host, port)} for an
     * {@link InetSocketAddress} (the numeric address once resolved, as {@code getsockname()}
     * reports it), the path {@code String} for a {@link UnixDomainSocketAddress}.
     *
     * @throws IllegalArgumentException for any other kind of address
     */
    public static Object toPython(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.isUnresolved() ? inet.getHostString() : inet.getAddress().getHostAddress();
            return PyTuple.of(host, inet.getPort());
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath().toString();
        }
        throw new IllegalArgumentException("no Python form for " + address);
    }

    /**
     * The Java form of a Python address: a two-element {@code PyTuple}, {@code Object[]} or {@code List}
     * {@code (host, port)} becomes an {@link InetSocketAddress} (unresolved hosts are resolved),
     * a {@code String} path or UTF-8 {@code byte[]} path a {@link UnixDomainSocketAddress}.
     *
     * @throws IllegalArgumentException for an abstract Unix name (leading NUL), which the JDK
     *     cannot use, or anything that is not an address
     */
    public static SocketAddress fromPython(Object address) {
        if (address instanceof PyTuple tuple) return fromPython(tuple.asList());
        if (address instanceof Object[] tuple) return fromPython(List.of(tuple));
        if (address instanceof List<?> tuple) {
            if (tuple.size() == 2 && tuple.get(0) instanceof String host && tuple.get(1) instanceof Number port) {
                return new InetSocketAddress(host, port.intValue());
            }
            throw new IllegalArgumentException("an AF_INET address is (host: str, port: int), got " + tuple);
        }
        String path;
        if (address instanceof String s) path = s;
        else if (address instanceof byte[] b) path = new String(b, StandardCharsets.UTF_8);
        else throw new IllegalArgumentException("not a Python socket address: " + address);
        if (path.startsWith("\0")) {
            throw new IllegalArgumentException("abstract AF_UNIX names (leading NUL) are not supported: "
                    + "the JDK binds and connects only file-system paths");
        }
        return UnixDomainSocketAddress.of(path);
    }

    /**
     * A fresh AF_UNIX path {@code <java.io.tmpdir>/pymp-XXXXXXXX/listener-XXXXXXXX}, as
     * CPython's {@code arbitrary_address('AF_UNIX')}. The directory (mode 0700) is made once per
     * JVM and removed when it exits.
     *
     * @throws IOException also once {@link #removeTempDir()} has run: the JVM is halting
     */
    static UnixDomainSocketAddress arbitraryUnixAddress() throws IOException {
        Path dir;
        synchronized (Addresses.class) {
            if (tempDirRemoved) throw new IOException("no new AF_UNIX address: this JVM is halting");
            if (tempDir == null) tempDir = makeTempDir();
            dir = tempDir;
        }
        return UnixDomainSocketAddress.of(dir.resolve("listener-" + randomName()));
    }

    /**
     * Removes the directory {@link #arbitraryUnixAddress()} made, and the socket files in it, for
     * a JVM about to end by {@code Runtime.halt}, which skips the {@code deleteOnExit} that
     * removes it otherwise (a child whose parent has died, an idle warm JVM among them). Best
     * effort: what cannot be removed stays.
     *
     * <p>Other threads run on until the halt: none may make the directory afterwards (a CDS
     * training JVM whose parent died did, in about one run in three), and a socket one of them
     * binds in it between the listing and the removal is caught by listing again.
     */
    public static void removeTempDir() {
        Path dir;
        synchronized (Addresses.class) {
            tempDirRemoved = true;
            dir = tempDir;
        }
        if (dir == null) return;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
                return;
            } catch (DirectoryNotEmptyException e) {
                // a socket bound meanwhile: list again
            } catch (IOException e) {
                return; // best effort, as the JVM halts
            }
        }
    }

    /**
     * Removes the directory {@link #arbitraryUnixAddress()} made if nothing is in it; the next
     * address makes a new one. For an idle warm JVM, whose rehearsals made it: CPython's process
     * has no such directory until it needs one, and a JVM killed by SIGKILL cannot remove its own.
     */
    public static void releaseTempDirIfEmpty() {
        synchronized (Addresses.class) {
            if (tempDir == null || tempDirRemoved) return;
            try {
                Files.delete(tempDir);
                tempDir = null;
            } catch (IOException e) {
                // in use (or already gone): kept, and removed at exit as before
            }
        }
    }

    private static Path makeTempDir() throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        while (true) {
            Path dir = base.resolve("pymp-" + randomName());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                dir.toFile().deleteOnExit();
                return dir;
            } catch (FileAlreadyExistsException e) {
                // another process picked the same name: draw again
            }
        }
    }

    private static String randomName() {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) sb.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
        return sb.toString();
    }
}
