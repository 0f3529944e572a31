"""The CPython side of the pool benchmarks (multiprocessing4j.bench.PoolWorkload), Pool(2) with
the default start method, made before timing:

  map          pool.map(inc, range(100000)), default chunksize; sample: items per second
  apply_async  pool.apply_async(answer).get(), one at a time; sample: microseconds per round trip

Stdlib only, 3.6+.
"""
import multiprocessing

import benchlib

ITEMS = list(range(100000))


def inc(x):
    return x + 1


def answer():
    return 42


def main():
    p = benchlib.parser(__doc__)
    p.add_argument("op", choices=["map", "apply_async"])
    a = p.parse_args()
    with multiprocessing.Pool(2) as pool:
        if a.op == "map":
            def step():
                out = pool.map(inc, ITEMS)
                if len(out) != len(ITEMS) or out[-1] != 100000:
                    raise AssertionError("wrong map result")
                return len(out)
            to_sample = lambda n, s: n / s
        else:
            def step():
                if pool.apply_async(answer).get() != 42:
                    raise AssertionError("wrong result")
                return 1
            to_sample = lambda n, s: s * 1e6 / n
        benchlib.emit(benchlib.measure(step, to_sample, a.warmup, a.reps, a.rep_seconds))


if __name__ == "__main__":
    main()
