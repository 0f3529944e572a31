"""Start+join latency of a trivial child per start method, in milliseconds.

Run alone it prints one line per method (median of 20 after 5 warm-up rounds);
bench/start_bench.py uses start_join_ms() for the harness. Stdlib only, 3.6+.
"""
import multiprocessing
import statistics
import sys
import time


def nothing():
    pass


def start_join_ms(ctx):
    """One start+join of a trivial child, from start() to join() returning."""
    p = ctx.Process(target=nothing)
    t0 = time.perf_counter()
    p.start()
    p.join()
    t1 = time.perf_counter()
    assert p.exitcode == 0, p.exitcode
    return (t1 - t0) * 1000


def median_ms(method, warmup=5, samples=20):
    ctx = multiprocessing.get_context(method)
    for _ in range(warmup):
        start_join_ms(ctx)
    return statistics.median(start_join_ms(ctx) for _ in range(samples))


if __name__ == "__main__":
    for method in ("fork", "forkserver", "spawn"):
        print("CPython %s %-10s median %7.2f ms" % (sys.version.split()[0], method, median_ms(method)), flush=True)
