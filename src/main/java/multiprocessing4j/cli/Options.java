package multiprocessing4j.cli;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} options; nothing else is accepted. */
final class Options {
    private static final Set<String> FLAGS = Set.of("bytes");

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + args[i]);
            String name = args[i].substring(2);
            if (FLAGS.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return new Options(values);
    }

    String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** {@code --authkey-hex}, or null when absent. */
    byte[] authkey() {
        String hex = values.get("authkey-hex");
        return hex == null ? null : HexFormat.of().parseHex(hex);
    }

    /** {@code --address} as {@code host:port} or a Unix socket path; null when absent. */
    SocketAddress address() {
        String text = values.get("address");
        if (text == null) return null;
        int colon = text.lastIndexOf(':');
        if (!text.startsWith("/") && colon > 0 && text.substring(colon + 1).matches("\\d+")) {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return UnixDomainSocketAddress.of(text);
    }

    /** The form {@link #address()} reads: {@code host:port} or the path. */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return ((UnixDomainSocketAddress) address).getPath().toString();
    }
}
