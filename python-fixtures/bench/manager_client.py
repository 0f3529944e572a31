"""The CPython client of the manager benchmarks: N client processes, each with its own dict and
list on one manager, each doing d['k'] = i, d['k'] and l.append(i) (three round trips) for as
long as a phase lasts; all N run each phase together. A sample is the aggregate round trips per
second of one repetition (the sum of each process's rate). Afterwards it shuts the server down.

  --clients N   client processes (default 1)

Prints one JSON line: {"samples": [...]}. Stdlib only, 3.6+.
"""
import multiprocessing
import sys
import time
from multiprocessing.connection import Client
from multiprocessing.managers import SyncManager, dispatch

import benchlib

ROUND_TRIPS_PER_STEP = 3


def client(address, authkey, conn):
    m = SyncManager(address=address, authkey=authkey)
    m.connect()
    d = m.dict()
    l = m.list()
    d['k'] = 0  # opens this process's serving connections before any phase
    l.append(0)
    conn.send("ready")
    i = 0
    while True:
        seconds = conn.recv()
        if seconds is None:
            break
        steps = 0
        start = time.perf_counter()
        deadline = start + seconds
        while True:
            d['k'] = i
            d['k']
            l.append(i)
            i += 1
            steps += 1
            now = time.perf_counter()
            if now >= deadline:
                break
        conn.send(steps * ROUND_TRIPS_PER_STEP / (now - start))
    del d, l
    conn.send("done")


def main():
    p = benchlib.parser(__doc__)
    p.add_argument("--address", required=True)
    p.add_argument("--authkey", required=True, help="hex")
    p.add_argument("--clients", type=int, default=1)
    a = p.parse_args()
    address, authkey = a.address, bytes.fromhex(a.authkey)  # both servers use a Unix socket path
    ctx = multiprocessing.get_context("fork")
    pipes, procs = [], []
    for _ in range(a.clients):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=client, args=(address, authkey, child))
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    for conn in pipes:
        if conn.recv() != "ready":
            raise SystemExit("a client did not start")

    def phase(seconds):
        for conn in pipes:
            conn.send(seconds)
        return sum(conn.recv() for conn in pipes)

    phase(a.warmup)
    samples = [phase(a.rep_seconds) for _ in range(a.reps)]
    for conn in pipes:
        conn.send(None)
        conn.recv()
    for proc in procs:
        proc.join()
    try:
        dispatch(Client(address, authkey=authkey), None, 'shutdown')
    except (EOFError, ConnectionError):
        pass  # a server that ends at once may hang up before it answers
    benchlib.emit(samples)


if __name__ == "__main__":
    main()
