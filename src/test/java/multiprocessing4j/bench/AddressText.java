package multiprocessing4j.bench;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * How the benchmark programs write a listener's address on their {@code READY} line and read it
 * back, the same as the Python scripts: {@code host:port} for TCP, the path for a Unix socket.
 */
final class AddressText {
    private AddressText() {}

    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return ((UnixDomainSocketAddress) address).getPath().toString();
    }

    static SocketAddress parse(String address) {
        if (address.contains("/")) return UnixDomainSocketAddress.of(address);
        int colon = address.lastIndexOf(':');
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }
}
