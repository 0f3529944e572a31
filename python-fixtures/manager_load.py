"""One client of the manager server benchmark (stdlib only, Python 3.6+).

usage: manager_load.py ADDRESS AUTHKEY_HEX N
Connects a SyncManager client, makes its own dict and list, prints READY, waits for a GO line
on stdin (so that every client starts at once), does N rounds of d['k'] = i, d['k'] and
l.append(i) (3 N round trips), prints ELAPSED <seconds> and exits.
"""
import sys
import time
from multiprocessing.managers import SyncManager

from addresses import parse_address


def main():
    m = SyncManager(address=parse_address(sys.argv[1]), authkey=bytes.fromhex(sys.argv[2]))
    m.connect()
    n = int(sys.argv[3])
    d = m.dict()
    l = m.list()
    d['k'] = 0  # opens this thread's serving connection before the clock starts
    print('READY')
    sys.stdout.flush()
    if sys.stdin.readline().strip() != 'GO':
        return
    start = time.perf_counter()
    for i in range(n):
        d['k'] = i
        d['k']
        l.append(i)
    print('ELAPSED %.6f' % (time.perf_counter() - start))
    sys.stdout.flush()


if __name__ == '__main__':
    main()
