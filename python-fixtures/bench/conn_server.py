"""The CPython side of the Connection benchmarks: a multiprocessing.connection.Listener that
serves one client, then exits when the client hangs up.

  echo-objects  conn.send(conn.recv())              (round-trip latency)
  sink-bytes    recv_bytes() until an empty message, then send_bytes(b'ok')   (bytes throughput)
  sink-objects  recv() until None, then send_bytes(b'ok')                      (objects throughput)

Prints `READY <address>` (host:port or a socket path) once it listens. Stdlib only, 3.6+.
"""
import argparse
import sys
from multiprocessing.connection import Listener


def serve(conn, mode):
    if mode == "echo-objects":
        while True:
            conn.send(conn.recv())
    elif mode == "sink-bytes":
        while True:
            if not conn.recv_bytes():
                conn.send_bytes(b"ok")
    elif mode == "sink-objects":
        while True:
            if conn.recv() is None:
                conn.send_bytes(b"ok")
    else:
        raise SystemExit("unknown mode " + mode)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--family", choices=["tcp", "unix"], required=True)
    p.add_argument("--mode", choices=["echo-objects", "sink-bytes", "sink-objects"], required=True)
    p.add_argument("--authkey", required=True, help="hex")
    a = p.parse_args()
    if a.family == "tcp":
        listener = Listener(("127.0.0.1", 0), "AF_INET", authkey=bytes.fromhex(a.authkey))
        address = "%s:%d" % listener.address
    else:
        listener = Listener(family="AF_UNIX", authkey=bytes.fromhex(a.authkey))
        address = listener.address
    print("READY " + address)
    sys.stdout.flush()
    with listener:
        conn = listener.accept()
        try:
            serve(conn, a.mode)
        except EOFError:
            pass  # the client is done
        finally:
            conn.close()


if __name__ == "__main__":
    main()
