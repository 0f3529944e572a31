"""CPython's side of the manager round-trip benchmark (stdlib only, Python 3.6+).

usage: manager_bench.py ADDRESS AUTHKEY_HEX N CREATES
Connects a SyncManager client and times N round trips of each operation, after N/10 for
warm-up, and CREATES creations and releases of a dict (four control connections each); prints
`<operation> <round trips per second>` lines, then `DONE`.
"""
import sys
import time
from multiprocessing.managers import SyncManager

from addresses import parse_address


def rate(n, op):
    for i in range(n // 10):
        op(i)
    start = time.perf_counter()
    for i in range(n):
        op(i)
    return n / (time.perf_counter() - start)


def main():
    m = SyncManager(address=parse_address(sys.argv[1]), authkey=bytes.fromhex(sys.argv[2]))
    m.connect()
    n = int(sys.argv[3])
    d = m.dict()
    l = m.list()
    q = m.Queue()

    def dict_set(i):
        d['key'] = i

    def dict_get(i):
        return d['key']

    def list_append(i):
        l.append(i)

    def queue_put(i):
        q.put(i)

    def queue_get(i):
        return q.get()

    def create_dict(i):
        m.dict()  # released at once: the proxy is dropped

    results = [('dict_set', rate(n, dict_set)), ('dict_get', rate(n, dict_get)),
               ('list_append', rate(n, list_append)), ('queue_put', rate(n, queue_put)),
               ('queue_get', rate(n, queue_get)),
               ('create_dict', rate(int(sys.argv[4]), create_dict) * 4)]
    for name, r in results:
        print('%s %.0f' % (name, r))
    print('DONE')


if __name__ == '__main__':
    main()
