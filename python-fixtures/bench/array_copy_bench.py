"""The CPython side of the sharedctypes bulk-copy benchmarks: copying a RawArray('d', N) of
16 MiB out of or into shared memory, in GB/s.

  memoryview-out   bytearray[:] = memoryview(arr).cast('B')   (one memory copy)
  memoryview-in    memoryview(arr).cast('B')[:] = bytes         (one memory copy)
  slice-out        arr[:]                                       (a list of floats)
  slice-in         arr[:] = list of floats

Stdlib only, 3.6+.
"""
from multiprocessing import sharedctypes

import benchlib

N = 2 * 1024 * 1024  # doubles: 16 MiB


def main():
    p = benchlib.parser(__doc__)
    p.add_argument("op", choices=["memoryview-out", "memoryview-in", "slice-out", "slice-in"])
    a = p.parse_args()
    arr = sharedctypes.RawArray("d", N)
    nbytes = N * 8
    view = memoryview(arr).cast("B")
    if a.op == "memoryview-out":
        dst = bytearray(nbytes)

        def step():
            dst[:] = view
            return nbytes
    elif a.op == "memoryview-in":
        src = bytes(range(256)) * (nbytes // 256)

        def step():
            view[:] = src
            return nbytes
    elif a.op == "slice-out":
        def step():
            arr[:]
            return nbytes
    else:
        src = [float(i) for i in range(N)]

        def step():
            arr[:] = src
            return nbytes
    benchlib.emit(benchlib.measure(step, lambda n, s: n / s / 1e9, a.warmup, a.reps, a.rep_seconds))


if __name__ == "__main__":
    main()
