"""The CPython side of the queue benchmarks, between this process and one child it starts with
multiprocessing's default start method:

  ints       Queue(10000): the child puts small ints as fast as it can, this process gets them
  bytes-1k   the same with 1 KiB bytes objects
  pipe-rtt   Pipe(): this process sends a small int, the child sends it back
  queue-rtt  two Queue()s: this process puts a small int on one, the child gets it and puts it
             on the other, this process gets it

Sample: messages per second got (ints, bytes-1k), or microseconds per round trip (*-rtt).
Every item got is checked, as QueueBench.java checks its own. Stdlib only, 3.6+.
"""
import multiprocessing as mp

import benchlib

BATCH = 1000


def produce(q, kind):
    item = b"x" * 1024 if kind == "bytes-1k" else None
    i = 0
    while True:
        q.put(i if item is None else item)
        i += 1


def echo(conn):
    while True:
        m = conn.recv()
        if m is None:
            return
        conn.send(m)


def bounce(requests, replies):
    while True:
        m = requests.get()
        if m is None:
            return
        replies.put(m)


def main():
    p = benchlib.parser(__doc__)
    p.add_argument("kind", choices=["ints", "bytes-1k", "pipe-rtt", "queue-rtt"])
    a = p.parse_args()
    if a.kind == "pipe-rtt":
        here, there = mp.Pipe()
        child = mp.Process(target=echo, args=(there,), daemon=True)
        child.start()
        there.close()

        def step():
            here.send(1)
            if here.recv() != 1:
                raise AssertionError("wrong echo")
            return 1
        samples = benchlib.measure(step, lambda n, s: s * 1e6 / n, a.warmup, a.reps, a.rep_seconds)
        here.send(None)
        child.join()
    elif a.kind == "queue-rtt":
        requests, replies = mp.Queue(), mp.Queue()
        child = mp.Process(target=bounce, args=(requests, replies), daemon=True)
        child.start()

        def step():
            requests.put(1)
            if replies.get() != 1:
                raise AssertionError("wrong reply")
            return 1
        samples = benchlib.measure(step, lambda n, s: s * 1e6 / n, a.warmup, a.reps, a.rep_seconds)
        requests.put(None)
        child.join()
    else:
        q = mp.Queue(10000)
        child = mp.Process(target=produce, args=(q, a.kind), daemon=True)
        child.start()
        get = q.get
        expected = [0]

        def step():
            if a.kind == "ints":
                n = expected[0]
                for i in range(n, n + BATCH):
                    if get() != i:
                        raise AssertionError("wrong item")
                expected[0] = n + BATCH
            else:
                for _ in range(BATCH):
                    if len(get()) != 1024:
                        raise AssertionError("wrong item")
            return BATCH
        samples = benchlib.measure(step, lambda n, s: n / s, a.warmup, a.reps, a.rep_seconds)
        child.terminate()
        child.join()
    benchlib.emit(samples)


if __name__ == "__main__":
    main()
