"""The CPython client in `multiprocessing4j demo`, part 4 (stdlib only, CPython 3.6+).

usage: demo_manager_client.py ADDRESS AUTHKEY_HEX
Connects to the Java-hosted SyncManager at ADDRESS (a Unix socket path), creates objects there
and prints what a CPython client sees: Python's semantics, from a Java server.
"""
import multiprocessing
import sys
from multiprocessing.managers import SyncManager

address, key = sys.argv[1], bytes.fromhex(sys.argv[2])
multiprocessing.current_process().authkey = key  # nested proxies are increfed with this key
m = SyncManager(address=address, authkey=key)
m.connect()
shared = m.Namespace()
shared.who = 'CPython %d.%d' % sys.version_info[:2]
print('   CPython: created %s' % (shared,))
d = m.dict({1: 'one'})
d[1.0] = 'uno'      # 1 and 1.0 are one key, as in a CPython manager
d[True] = 'si'
print('   CPython: d = %r' % (d._getvalue(),))
try:
    d['missing']
except KeyError as e:
    print('   CPython: d[\'missing\'] raised KeyError(%s), as from a CPython manager' % e)
