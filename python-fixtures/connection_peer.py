"""A multiprocessing.connection peer driven line by line on stdin (runs on CPython 3.6+).

Commands (one per line; every reply is one line on stdout):
  LISTEN <key> inet|unix        -> LISTENING inet <host> <port> | LISTENING unix <path>
  ACCEPT                        -> ACCEPTED | ERROR <ExceptionType> <message>
  CONNECT <key> inet <host> <port> | CONNECT <key> unix <path>
                                -> CONNECTED | ERROR <ExceptionType> <message>
  DELIVER <key> <digest>        -> deliver_challenge on the open connection (digest only on 3.12+)
                                -> DELIVERED | ERROR ...
  ANSWER <key>                  -> answer_challenge on the open connection -> ANSWERED | ERROR ...
  RECV                          -> obj = recv(); OBJ <ascii(obj)>; then send(obj) back
  RECV_BYTES                    -> data = recv_bytes(); BYTES <len> <sha256 hex>; then send_bytes(data) back
  SEND <python literal>         -> send(literal) -> SENT
  CLOSE                         -> closes the open connection -> CLOSED
<key> is "none" (no authkey), "empty" (b"") or the key in hex.
Prints "READY <major>.<minor>.<micro>" first; exits at end of input.
"""
import ast
import hashlib
import sys
from multiprocessing import connection

listener = None
conn = None


def key_of(text):
    if text == "none":
        return None
    if text == "empty":
        return b""
    return bytes.fromhex(text)


def describe(address):
    if isinstance(address, tuple):
        return "inet %s %d" % (address[0], address[1])
    return "unix %s" % address


def handle(words):
    global listener, conn
    cmd = words[0]
    if cmd == "LISTEN":
        if listener is not None:
            listener.close()
        if words[2] == "inet":
            listener = connection.Listener(("127.0.0.1", 0), authkey=key_of(words[1]))
        else:
            listener = connection.Listener(family="AF_UNIX", authkey=key_of(words[1]))
        return "LISTENING " + describe(listener.address)
    if cmd == "ACCEPT":
        conn = listener.accept()
        return "ACCEPTED"
    if cmd == "CONNECT":
        address = (words[3], int(words[4])) if words[2] == "inet" else words[3]
        conn = connection.Client(address, authkey=key_of(words[1]))
        return "CONNECTED"
    if cmd == "DELIVER":
        if sys.version_info >= (3, 12):
            connection.deliver_challenge(conn, key_of(words[1]), digest_name=words[2])
        else:
            connection.deliver_challenge(conn, key_of(words[1]))
        return "DELIVERED"
    if cmd == "ANSWER":
        connection.answer_challenge(conn, key_of(words[1]))
        return "ANSWERED"
    if cmd == "RECV":
        obj = conn.recv()
        print("OBJ " + ascii(obj))
        conn.send(obj)
        return None
    if cmd == "RECV_BYTES":
        data = conn.recv_bytes()
        print("BYTES %d %s" % (len(data), hashlib.sha256(data).hexdigest()))
        conn.send_bytes(data)
        return None
    if cmd == "SEND":
        conn.send(ast.literal_eval(words[1]))
        return "SENT"
    if cmd == "CLOSE":
        conn.close()
        conn = None
        return "CLOSED"
    raise ValueError("unknown command " + cmd)


print("READY %d.%d.%d" % sys.version_info[:3])
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line:
        continue
    words = line.split(" ", 1) if line.startswith("SEND ") else line.split(" ")
    try:
        reply = handle(words)
    except Exception as e:
        reply = "ERROR %s %s" % (type(e).__name__, e)
    if reply is not None:
        print(reply)
