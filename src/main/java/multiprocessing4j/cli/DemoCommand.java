package multiprocessing4j.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import multiprocessing4j.AuthenticationError;
import multiprocessing4j.Multiprocessing;
import multiprocessing4j.connection.Addresses;
import multiprocessing4j.connection.Client;
import multiprocessing4j.connection.Connection;
import multiprocessing4j.connection.Listener;
import multiprocessing4j.managers.DictProxy;
import multiprocessing4j.managers.ListProxy;
import multiprocessing4j.managers.SyncManager;
import multiprocessing4j.reduction.PyBytes;
import multiprocessing4j.reduction.PyComplex;
import multiprocessing4j.reduction.PyFrozenSet;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;

/**
 * {@code demo}: multiprocessing4j and a real CPython talking through
 * {@code multiprocessing.connection}, both ways, authenticated, with values that only survive
 * the trip if the pickles are right. Without a CPython it runs the same exchange Java to Java.
 */
final class DemoCommand {
    private DemoCommand() {}

    static void run(Options options) throws Exception {
        String python = findPython(options.get("python", System.getenv("MP4J_PYTHON")));
        byte[] authkey = new byte[32];
        new SecureRandom().nextBytes(authkey);
        System.out.println("multiprocessing4j demo: Java " + System.getProperty("java.version"));
        if (python == null) {
            System.out.println("No CPython found (set MP4J_PYTHON or put python3 on the PATH): Java to Java only.\n");
            javaOnly(authkey);
            return;
        }
        withCPython(python, authkey);
    }

    private static void withCPython(String python, byte[] authkey) throws Exception {
        try (Listener listener = new Listener(new InetSocketAddress("127.0.0.1", 0), authkey)) {
            InetSocketAddress at = (InetSocketAddress) listener.address();
            Process peer = new ProcessBuilder(python, "-u", Path.of("python-fixtures", "demo_peer.py").toString(),
                    at.getAddress().getHostAddress(), Integer.toString(at.getPort()),
                    java.util.HexFormat.of().formatHex(authkey))
                    .inheritIO().start();
            try (Connection conn = listener.accept()) {
                System.out.println("1. " + version(python) + " Client -> Java Listener " + Options.format(at)
                        + " (HMAC handshake passed)");
                System.out.println("   Each value: as Java reads it (PyRepr) | CPython's own repr | what CPython "
                        + "says of the echo\n");
                while (true) {
                    Object value = conn.recv();
                    if (value == null) break;
                    String theirs = (String) conn.recv();
                    conn.send(value);
                    String verdict = (String) conn.recv();
                    String ours = PyRepr.repr(value);
                    System.out.println("   " + ours);
                    System.out.println("     " + (ours.equals(theirs) ? "repr identical in CPython" : "CPython: " + theirs)
                            + " | echo: " + verdict);
                }
                Object address = conn.recv();
                System.out.println("\n2. Java Client -> CPython Listener " + PyRepr.repr(address));
                byte[] wrong = authkey.clone();
                wrong[0] ^= 1;
                try (Connection refused = Client.connect(Addresses.fromPython(address), wrong)) {
                    System.out.println("   UNEXPECTED: a wrong authkey was accepted");
                } catch (AuthenticationError e) {
                    System.out.println("   wrong authkey -> Java: AuthenticationError: " + e.getMessage()
                            + "; CPython: " + conn.recv());
                }
                try (Connection java = Client.connect(Addresses.fromPython(address), authkey)) {
                    for (Object value : javaValues()) {
                        java.send(value);
                        System.out.println("   sent " + PyRepr.repr(value) + "\n     CPython received: " + java.recv());
                    }
                    java.send(null);
                }
            }
            if (!peer.waitFor(30, TimeUnit.SECONDS)) peer.destroyForcibly();
            System.out.println("\nCPython peer exited with " + peer.exitValue());
        }
        javaManagerForCPython(python);
    }

    /** A Java {@code Manager()}, a Java child process and a CPython client sharing its objects. */
    private static void javaManagerForCPython(String python) throws Exception {
        try (SyncManager manager = Multiprocessing.Manager()) {
            String address = (String) manager.address(); // a Unix socket path, as CPython's Manager()
            System.out.println("\n3. Java Manager() at " + address + " (its server runs in a child JVM)");
            DictProxy d = manager.dict();
            ListProxy l = manager.list(Multiprocessing.range(10));
            multiprocessing4j.Process child = new multiprocessing4j.Process(() -> {
                d.put(1, "1");
                d.put("2", 2);
                d.put(0.25, null);
                l.reverse();
            });
            child.start();
            child.join();
            System.out.println("   after a Java child process changed them through its proxies:");
            System.out.println("   " + d + "\n   " + l);
            System.out.println("\n4. " + version(python) + " client of the Java manager");
            Process peer = new ProcessBuilder(python, "-u", Path.of("python-fixtures", "demo_manager_client.py").toString(),
                    address, java.util.HexFormat.of().formatHex(manager.authkey()))
                    .inheritIO().start();
            if (!peer.waitFor(60, TimeUnit.SECONDS)) peer.destroyForcibly();
            System.out.println("   CPython client exited with " + peer.exitValue());
        }
    }

    private static void javaOnly(byte[] authkey) throws Exception {
        try (Listener listener = new Listener(null, authkey)) {
            Thread client = new Thread(() -> {
                try (Connection conn = Client.connect(listener.address(), authkey)) {
                    for (Object value : javaValues()) conn.send(value);
                    conn.send(null);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            client.start();
            try (Connection conn = listener.accept()) {
                System.out.println("Java Client -> Java Listener " + Options.format(listener.address()));
                for (Object v = conn.recv(); v != null; v = conn.recv()) System.out.println("   " + PyRepr.repr(v));
            }
            client.join();
        }
    }

    /** Values built in Java that a CPython reader must see as the very same Python values. */
    private static List<Object> javaValues() {
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put(PyTuple.of(1, "a"), PyBytes.ascii("bytes, not bytearray"));
        dict.put(BigInteger.TWO.pow(100), new PyComplex(1.5, -2));
        dict.put("order", "kept");
        List<Object> list = new ArrayList<>(List.of(PyFrozenSet.of(1, 2), LocalDate.of(2024, 2, 29), 0.1));
        list.add(list);
        return List.of(dict, list);
    }

    private static String findPython(String preferred) {
        for (String candidate : preferred != null ? List.of(preferred) : List.of("python3", "python")) {
            if (version(candidate) != null) return candidate;
        }
        return null;
    }

    private static String version(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c",
                    "import platform; print(platform.python_implementation(), platform.python_version())")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && out.startsWith("CPython") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
