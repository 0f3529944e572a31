"""The CPython side of the pickle benchmarks: pickle.dumps(x, protocol=DEFAULT_PROTOCOL) and
pickle.loads of the data sets below, as multiprocessing's Connection.send()/recv() do.

  ints-list   list(range(1_000_000))
  str-dict    {'key%d' % i: i for i in range(100_000)}
  bytes-10m   10 MiB of bytes

Sample: milliseconds per call. `emit DATA` writes the pickle to stdout instead (the Java side
unpickles exactly what CPython puts on the wire). Stdlib only, 3.6+.
"""
import pickle
import sys

import benchlib

DATA = {
    "ints-list": lambda: list(range(1000000)),
    "str-dict": lambda: {"key%d" % i: i for i in range(100000)},
    "bytes-10m": lambda: bytes(range(256)) * (10 * 1024 * 1024 // 256),
}


def dumps(value):
    return pickle.dumps(value, protocol=pickle.DEFAULT_PROTOCOL)


def main():
    p = benchlib.parser(__doc__)
    p.add_argument("op", choices=["dumps", "loads", "emit"])
    p.add_argument("data", choices=sorted(DATA))
    a = p.parse_args()
    value = DATA[a.data]()
    if a.op == "emit":
        sys.stdout.buffer.write(dumps(value))
        return
    if a.op == "dumps":
        def step():
            dumps(value)
            return 1
    else:
        data = dumps(value)

        def step():
            pickle.loads(data)
            return 1
    benchlib.emit(benchlib.measure(step, lambda n, s: s * 1e3 / n, a.warmup, a.reps, a.rep_seconds))


if __name__ == "__main__":
    main()
