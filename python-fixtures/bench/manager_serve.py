"""The CPython side of the manager benchmarks: a SyncManager server in this process, on a fresh
Unix socket (as Manager() serves), until a client sends 'shutdown'.

Prints `READY <socket path>` once it listens. Stdlib only, 3.6+.
"""
import argparse
import sys
from multiprocessing.managers import SyncManager


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--authkey", required=True, help="hex")
    a = p.parse_args()
    server = SyncManager(authkey=bytes.fromhex(a.authkey)).get_server()
    print("READY " + server.address)
    sys.stdout.flush()
    server.serve_forever()  # 'shutdown' ends the process


if __name__ == "__main__":
    main()
