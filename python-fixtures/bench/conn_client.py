"""The CPython client of the Connection benchmarks (see conn_server.py for the server side).

  latency   send(i) (a small int) and recv() the echo; sample: microseconds per round trip
  bytes     64 KiB send_bytes messages in batches of 64, each batch acknowledged (two
            batches in flight); sample: MB/s (10**6 bytes per second)
  objects   small tuples (i, 'ping', 2.5) via send() in batches of 1000, each acknowledged
            (two batches in flight); sample: objects per second

The handshake (authkey) happens once at connect and is not timed. Prints one JSON line:
{"samples": [...]}. Stdlib only, 3.6+.
"""
import benchlib
from multiprocessing.connection import Client

BYTES_MESSAGE = 64 * 1024
BYTES_BATCH = 64
OBJECTS_BATCH = 1000
BATCHES_IN_FLIGHT = 2


def connect(address, authkey):
    if "/" in address:
        return Client(address, "AF_UNIX", authkey=authkey)
    host, port = address.rsplit(":", 1)
    return Client((host, int(port)), "AF_INET", authkey=authkey)


def latency(conn):
    counter = [0]

    def step():
        counter[0] += 1
        conn.send(counter[0])
        if conn.recv() != counter[0]:
            raise SystemExit("echo mismatch")
        return 1

    return step, lambda n, s: s * 1e6 / n, lambda: None


class Pipelined:
    """Batches that the server acknowledges, at most BATCHES_IN_FLIGHT of them unacknowledged,
    so the stream never stops: with fewer in flight, TCP's Nagle/delayed-ACK interplay stalls
    it for tens of ms per batch, in CPython and Java alike."""

    def __init__(self, conn, send_batch, units):
        self.conn, self.send_batch, self.units = conn, send_batch, units
        self.in_flight = 0

    def step(self):
        self.send_batch()
        self.in_flight += 1
        while self.in_flight > BATCHES_IN_FLIGHT:
            self.await_ack()
        return self.units

    def drain(self):
        """Collects the last acknowledgements: closing with unread data would reset the connection."""
        while self.in_flight:
            self.await_ack()

    def await_ack(self):
        if self.conn.recv_bytes() != b"ok":
            raise SystemExit("bad acknowledgement")
        self.in_flight -= 1


def bytes_throughput(conn):
    payload = bytes(range(256)) * (BYTES_MESSAGE // 256)

    def send_batch():
        for _ in range(BYTES_BATCH):
            conn.send_bytes(payload)
        conn.send_bytes(b"")

    p = Pipelined(conn, send_batch, BYTES_BATCH * BYTES_MESSAGE)
    return p.step, lambda n, s: n / s / 1e6, p.drain


def objects_throughput(conn):
    def send_batch():
        for i in range(OBJECTS_BATCH):
            conn.send((i, "ping", 2.5))
        conn.send(None)

    p = Pipelined(conn, send_batch, OBJECTS_BATCH)
    return p.step, lambda n, s: n / s, p.drain


WORKLOADS = {"latency": latency, "bytes": bytes_throughput, "objects": objects_throughput}


def main():
    p = benchlib.parser(__doc__)
    p.add_argument("--workload", choices=sorted(WORKLOADS), required=True)
    p.add_argument("--address", required=True, help="host:port or a Unix socket path")
    p.add_argument("--authkey", required=True, help="hex")
    a = p.parse_args()
    with connect(a.address, bytes.fromhex(a.authkey)) as conn:
        step, to_sample, finish = WORKLOADS[a.workload](conn)
        samples = benchlib.measure(step, to_sample, a.warmup, a.reps, a.rep_seconds)
        finish()
        benchlib.emit(samples)


if __name__ == "__main__":
    main()
