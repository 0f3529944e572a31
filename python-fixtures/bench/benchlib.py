"""Shared by the benchmark programs: the timing loop and the result line.

Mirrors multiprocessing4j.bench.RepLoop and ResultLine on the Java side, so that both languages
measure the same way: run the operation for `warmup` seconds untimed, then `reps` repetitions of
at least `rep_seconds` each; every repetition yields one sample (its rate or its time per
operation). Stdlib only, Python 3.6+.
"""
import argparse
import json
import sys
import time


def common_args(parser):
    parser.add_argument("--warmup", type=float, default=1.0, help="untimed seconds before measuring")
    parser.add_argument("--reps", type=int, default=3, help="timed repetitions")
    parser.add_argument("--rep-seconds", type=float, default=0.3, help="minimum seconds per repetition")
    return parser


def measure(step, to_sample, warmup, reps, rep_seconds):
    """Calls step() (which returns how many units of work it did) until each phase has lasted
    long enough; to_sample(units, seconds) turns a repetition into its sample."""
    run_for(step, warmup)
    samples = []
    for _ in range(reps):
        units, seconds = run_for(step, rep_seconds)
        samples.append(to_sample(units, seconds))
    return samples


def run_for(step, seconds):
    units = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        units += step()
        now = time.perf_counter()
        if now >= deadline:
            return units, now - start


def emit(samples):
    """The one machine-readable line the harness reads from stdout."""
    print(json.dumps({"samples": samples}))
    sys.stdout.flush()


def parser(description):
    return common_args(argparse.ArgumentParser(description=description))
