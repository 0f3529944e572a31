"""Manager addresses as the fixtures and the Java tests write them on a line (stdlib, 3.6+):
`host:port` for AF_INET, the path for a Unix socket."""


def parse_address(text):
    """`127.0.0.1:5000` -> ('127.0.0.1', 5000); anything else is a Unix socket path."""
    host, sep, port = text.rpartition(':')
    if sep and port.isdigit() and not text.startswith('/'):
        return (host, int(port))
    return text


def show_address(address):
    """The reverse of parse_address."""
    if isinstance(address, tuple):
        return '%s:%d' % address
    return address
