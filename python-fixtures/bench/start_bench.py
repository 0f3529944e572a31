"""The CPython side of the start.<method> workloads: start+join of a trivial child under
`fork`, `forkserver` or `spawn`, as multiprocessing4j.StartLatency does in Java.

Each repetition is a batch of BATCH starts and yields their median in milliseconds; the warm-up
is one batch per started second of --warmup (the first forkserver start launches the server);
--rep-seconds is ignored, a batch is a count. Stdlib only, 3.6+.
"""
import math
import multiprocessing
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import start_latency  # noqa: E402  (python-fixtures/start_latency.py)

import benchlib  # noqa: E402

BATCH = 8  # as StartLatency.BATCH


def batch(ctx):
    return [start_latency.start_join_ms(ctx) for _ in range(BATCH)]


def main():
    p = benchlib.parser(__doc__)
    p.add_argument("method", choices=["fork", "forkserver", "spawn"])
    a = p.parse_args()
    ctx = multiprocessing.get_context(a.method)
    for _ in range(int(math.ceil(a.warmup))):
        batch(ctx)
    benchlib.emit([statistics.median(batch(ctx)) for _ in range(a.reps)])


if __name__ == "__main__":
    main()
