"""Start+join latency of a trivial child per start method: median of 20 after 5 warm-up rounds.

The CPython side of multiprocessing4j.StartLatency; prints one line per method.
"""
import multiprocessing
import statistics
import sys
import time


def nothing():
    pass


def median_ms(method, warmup=5, samples=20):
    ctx = multiprocessing.get_context(method)
    times = []
    for i in range(warmup + samples):
        p = ctx.Process(target=nothing)
        t0 = time.perf_counter()
        p.start()
        p.join()
        t1 = time.perf_counter()
        assert p.exitcode == 0, p.exitcode
        if i >= warmup:
            times.append((t1 - t0) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    for method in ("fork", "forkserver", "spawn"):
        print("CPython %s %-10s median %7.2f ms" % (sys.version.split()[0], method, median_ms(method)), flush=True)
