"""One CPython user of a SyncManager, printing a transcript: values, reprs, exception types.

    manager_transcript.py                      against a CPython manager it starts (Manager())
    manager_transcript.py ADDRESS KEY_HEX      against the SyncManager server at ADDRESS

ADDRESS is host:port or a Unix socket path. Run both ways by the same interpreter, the two
transcripts must be identical (ManagerTranscriptTest). Nothing printed depends on object
addresses or on the process.
"""
import decimal
import multiprocessing
import queue
import sys
import threading
from multiprocessing.managers import RemoteError, SyncManager

STABLE_MESSAGES = (KeyError, IndexError)


def show(label, fn):
    try:
        result = fn()
    except Exception as e:
        detail = repr(e.args) if isinstance(e, STABLE_MESSAGES) else ''
        if isinstance(e, RemoteError):
            detail = str(e).strip().splitlines()[-2].split(':')[0]  # the remote exception's type
        print('%s !! %s %s' % (label, type(e).__name__, detail))
    else:
        print('%s -> %r' % (label, result))


def transcript(m):
    d = m.dict({'a': 1})
    show('setitem', lambda: d.__setitem__('b', [1, 2]))
    for key in (1, 1.0, True, decimal.Decimal(1), (1, 'x'), (1.0, 'x'), b'k', None, 2 ** 70, -0.0):
        show('set %r' % (key,), lambda: d.__setitem__(key, repr(key)))
    show('dict', lambda: d.copy())
    show('str', lambda: str(d))
    show('len', lambda: len(d))
    show('in', lambda: (True in d, 0.0 in d, 'zz' in d))
    show('getitem', lambda: d[1.0])
    show('missing', lambda: d['missing'])
    show('unhashable', lambda: d.__setitem__([1], 1))
    show('get', lambda: (d.get('a'), d.get('zz'), d.get('zz', 'dflt')))
    show('keys', lambda: d.keys())
    show('values', lambda: d.values())
    show('items', lambda: d.items())
    show('iter', lambda: list(d))
    show('pop', lambda: d.pop('a'))
    show('pop again', lambda: d.pop('a'))
    show('pop dflt', lambda: d.pop('a', 0))
    show('popitem', lambda: d.popitem())
    show('setdefault', lambda: (d.setdefault('s', 1), d.setdefault('s', 2)))
    show('update', lambda: d.update({'u': 1}, v=2))
    show('update pairs', lambda: d.update([('w', 1)]))
    show('update bad', lambda: d.update([1]))
    show('delitem', lambda: d.__delitem__('u'))
    show('delitem missing', lambda: d.__delitem__('u'))
    show('getvalue', lambda: d._getvalue())
    show('clear', lambda: (d.clear(), len(d)))
    show('popitem empty', lambda: d.popitem())

    l = m.list(range(6))
    show('list', lambda: l[:])
    show('index -1', lambda: l[-1])
    show('slice', lambda: (l[1:4], l[::2], l[::-1], l[-2:], l[10:], l[4:1:-1]))
    show('out of range', lambda: l[6])
    show('bad index', lambda: l['x'])
    show('setitem -7', lambda: l.__setitem__(-7, 0))
    show('set slice', lambda: (l.__setitem__(slice(1, 3), 'abc'), l[:]))
    show('set ext slice', lambda: l.__setitem__(slice(None, None, 2), [1]))
    show('del slice', lambda: (l.__delitem__(slice(None, None, 3)), l[:]))
    show('append/extend', lambda: (l.append(1.0), l.extend((None, True)), l[:]))
    show('count', lambda: (l.count(1), l.count('a'), l.count(None)))
    show('index', lambda: (l.index(1), l.index(1, 3)))
    show('index missing', lambda: l.index('zz'))
    show('insert', lambda: (l.insert(-100, 'first'), l.insert(100, 'last'), l[:]))
    show('remove', lambda: (l.remove(True), l[:]))
    show('remove missing', lambda: l.remove('zz'))
    show('pop', lambda: (l.pop(), l.pop(0), l.pop(-2)))
    show('pop out of range', lambda: l.pop(50))
    show('add', lambda: l + [0])
    show('add bad', lambda: l + 1)
    show('mul', lambda: (l * 2, 0 * l))
    show('reversed', lambda: list(reversed(l)))
    show('contains', lambda: ('b' in l, 'zz' in l))
    show('sort mixed', lambda: l.sort())
    n = m.list([3, -1.5, True, 10 ** 20, 0])
    show('sort', lambda: (n.sort(), n[:]))
    show('sort reverse', lambda: (n.sort(reverse=True), n[:]))
    s = m.list(['b', 'a', 'C', (1, 2), ])
    show('sort str/tuple', lambda: s.sort())
    w = m.list(['pear', 'Apple', 'apple'])
    show('sort str', lambda: (w.sort(), w[:]))
    show('iadd', lambda: (n.__iadd__([1]) is n, n[:]))
    show('imul', lambda: (n.__imul__(2) is n, len(n)))
    show('list str', lambda: str(w))
    show('pop empty', lambda: m.list().pop())

    ns = m.Namespace(a=1, _hidden=2)
    show('ns', lambda: (ns.a, str(ns)))
    show('ns set', lambda: (setattr(ns, 'b', [1]), str(ns)))
    show('ns del', lambda: (delattr(ns, 'a'), str(ns)))
    show('ns missing', lambda: ns.a)

    v = m.Value('i', 7)
    show('value', lambda: (v.value, v.get(), str(v)))
    show('value set', lambda: (v.set('x'), v.value))

    a = m.Array('i', [1, 2, 3])
    show('array', lambda: (len(a), a[0], a[-1], a[:].tolist(), str(a)))
    show('array set', lambda: (a.__setitem__(0, -5), a[0]))
    show('array bad', lambda: a.__setitem__(0, 1.5))
    show('array overflow', lambda: a.__setitem__(0, 2 ** 40))
    show('array range', lambda: a[3])
    f = m.Array('d', [1, 2.5])
    show('array d', lambda: (f[0], str(f)))

    q = m.Queue(2)
    show('queue', lambda: (q.empty(), q.put(1), q.put(None), q.full(), q.qsize()))
    show('queue full', lambda: q.put(3, timeout=0.01))
    show('queue full nowait', lambda: q.put_nowait(3))
    show('queue get', lambda: (q.get(), q.get_nowait()))
    show('queue empty', lambda: q.get_nowait())
    show('queue empty timeout', lambda: q.get(True, 0.01))
    show('queue bad timeout', lambda: q.get(True, -1))
    j = m.JoinableQueue()
    show('joinable', lambda: (j.put(1), j.get(), j.task_done(), j.join()))
    show('task_done', lambda: j.task_done())

    lock = m.Lock()
    show('lock', lambda: (lock.acquire(), lock.acquire(False), lock.acquire(True, 0.01), lock.release()))
    show('lock release', lambda: lock.release())
    rlock = m.RLock()
    show('rlock', lambda: (rlock.acquire(), rlock.acquire(), rlock.release(), rlock.release()))
    show('rlock release', lambda: rlock.release())
    sem = m.Semaphore(1)
    show('sem', lambda: (sem.acquire(), sem.acquire(False), sem.acquire(True, 0.01), sem.release(), sem.release()))
    bsem = m.BoundedSemaphore(1)
    show('bsem', lambda: (bsem.acquire(), bsem.release()))
    show('bsem over', lambda: bsem.release())
    cond = m.Condition()
    show('cond unowned wait', lambda: cond.wait(0))
    show('cond unowned notify', lambda: cond.notify())
    show('cond', lambda: (cond.acquire(), cond.wait(0.01), cond.notify(), cond.notify_all(), cond.release()))
    ev = m.Event()
    show('event', lambda: (ev.is_set(), ev.wait(0.01), ev.set(), ev.is_set(), ev.wait(), ev.clear(), ev.is_set()))
    bar = m.Barrier(2)
    show('barrier', lambda: (bar.parties, bar.n_waiting, bar.broken))
    show('barrier timeout', lambda: bar.wait(0.01))
    show('barrier broken', lambda: (bar.broken, bar.n_waiting))
    show('barrier reset', lambda: (bar.reset(), bar.broken))
    results = []
    t = threading.Thread(target=lambda: results.append(bar.wait()))
    t.start()
    results.append(bar.wait())
    t.join()
    show('barrier indices', lambda: sorted(results))
    show('barrier abort', lambda: (bar.abort(), bar.broken))
    show('barrier aborted wait', lambda: bar.wait())

    outer = m.dict()
    inner = m.list([1])
    show('nested', lambda: (outer.__setitem__('in', inner), outer['in'].append(2), inner[:]))
    show('nested repr', lambda: type(outer['in']).__name__)
    show('not exposed', lambda: inner._callmethod('clear'))
    show('unknown method', lambda: inner._callmethod('frobnicate'))
    show('objects', lambda: m._number_of_objects() > 0)


def main():
    if len(sys.argv) == 1:
        m = multiprocessing.Manager()
    else:
        text, key = sys.argv[1], bytes.fromhex(sys.argv[2])
        host, sep, port = text.rpartition(':')
        address = (host, int(port)) if sep and port.isdigit() else text
        multiprocessing.current_process().authkey = key  # nested proxies incref with it
        m = SyncManager(address, authkey=key)
        m.connect()
    transcript(m)


if __name__ == '__main__':
    main()
