"""The CPython side of the synchronize benchmarks (multiprocessing4j.bench.SyncWorkload).

  locked-increments  two child processes each loop `with v.get_lock(): v.value += 1` on one
                     Value('i'); the parent counts increments per second
  lock-uncontended   multiprocessing.Lock() acquire+release pairs per second, one thread

Timing starts after the children made WARM increments; before reporting, the increments are
checked to be exact. Sample: operations per second.
Stdlib only, 3.6+.
"""
import multiprocessing
import time

import benchlib

WARM = 300000  # increments made before timing starts (SyncBench.WARM)


def increment(counter, stop, done):
    lock = counter.get_lock()
    mine = 0
    while not stop.value:
        for _ in range(1000):
            with lock:
                counter.value += 1
        mine += 1000
    with done.get_lock():
        done.value += mine


def locked_increments(a):
    counter = multiprocessing.Value('i', 0)
    stop = multiprocessing.RawValue('b', 0)
    done = multiprocessing.Value('q', 0)
    children = [multiprocessing.Process(target=increment, args=(counter, stop, done)) for _ in range(2)]
    for c in children:
        c.start()
    while counter.value < WARM:  # as the Java side, which waits for its JIT
        time.sleep(0.01)

    def step():
        before = counter.value
        time.sleep(0.02)
        return (counter.value - before) & 0xffffffff  # the int counter may wrap

    samples = benchlib.measure(step, lambda n, s: n / s, a.warmup, a.reps, a.rep_seconds)
    stop.value = 1
    for c in children:
        c.join()
    if done.value & 0xffffffff != counter.value & 0xffffffff:
        raise SystemExit("lost increments: children counted %d, counter %d" % (done.value, counter.value))
    return samples


def lock_uncontended(a):
    lock = multiprocessing.Lock()

    def step():
        for _ in range(10000):
            lock.acquire()
            lock.release()
        return 10000

    return benchlib.measure(step, lambda n, s: n / s, a.warmup, a.reps, a.rep_seconds)


def main():
    p = benchlib.parser(__doc__)
    p.add_argument("metric", choices=["locked-increments", "lock-uncontended"])
    a = p.parse_args()
    run = locked_increments if a.metric == "locked-increments" else lock_uncontended
    benchlib.emit(run(a))


if __name__ == "__main__":
    main()
