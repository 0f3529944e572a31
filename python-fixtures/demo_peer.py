"""The CPython half of `multiprocessing4j demo` (stdlib only, CPython 3.6+).

usage: demo_peer.py HOST PORT AUTHKEY_HEX
1. Connects to the Java Listener with the authkey and sends sample values, each followed by its
   repr; checks that what Java echoes back has the same type and value.
2. Opens its own Listener, sends its address, and reports the type and repr of what Java sends.
"""
import datetime
import decimal
import sys
from multiprocessing.connection import Client, Listener


def samples():
    values = [
        {1: '1', '2': 2, 0.25: None},
        [0, -1, 2 ** 70, 1.5, float('inf'), -0.0, True],
        ('tuple', b'bytes', bytearray(b'\x00\xff'), frozenset({3}), {4}),
        {(1, 2): 'tuple key', 'naïve ☃ \U0001f600': 3 + 4j},
        decimal.Decimal('3.14159'),
        datetime.datetime(2024, 2, 29, 12, 30, 15, 123456),
        datetime.timedelta(days=1, seconds=5),
    ]
    recursive = [1, 2]
    recursive.append(recursive)
    values.append(recursive)
    return values


def same(x, y, seen=None):
    if type(x) is not type(y):
        return False
    if isinstance(x, (list, tuple)):
        if seen is None:
            seen = set()
        if id(x) in seen:
            return True
        seen.add(id(x))
        return len(x) == len(y) and all(same(a, b, seen) for a, b in zip(x, y))
    if isinstance(x, dict):
        return list(x.keys()) == list(y.keys()) and all(same(x[k], y[k], seen) for k in x)
    return x == y


def main():
    host, port, key = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3])
    conn = Client((host, port), authkey=key)
    for value in samples():
        conn.send(value)
        conn.send(repr(value))
        echoed = conn.recv()
        conn.send("same type and value" if same(value, echoed) else "DIFFERENT: %r" % (echoed,))
    conn.send(None)

    listener = Listener(('127.0.0.1', 0), authkey=key)
    conn.send(listener.address)
    while True:
        try:
            java = listener.accept()
            break
        except Exception as e:  # the wrong key Java tries first
            conn.send("refused: %s: %s" % (type(e).__name__, e))
    while True:
        value = java.recv()
        if value is None:
            break
        java.send("%s %r" % (type(value).__name__, value))
    java.close()
    listener.close()
    conn.close()


if __name__ == '__main__':
    main()
