"""CPython's multiprocessing.managers clients against multiprocessing4j's Java server (`serve`).

Every SyncManager type and exposed method, nested proxies, proxies in child processes (fork and
spawn), errors, bad clients and concurrent clients. Runs on every CPython 3.6+ with the stdlib
only. The clients' process authkey is the manager's key: CPython increfs proxies that arrive in
values, and proxies in children, with current_process().authkey (wire protocol notes, pitfall 9).
"""
import decimal
import multiprocessing
import os
import queue
import signal
import socket
import struct
import threading
import unittest
from multiprocessing.connection import Client
from multiprocessing.managers import RemoteError, SyncManager, dispatch

from javapeer import JavaPeer, parse_address

KEY = os.urandom(32)


def append_from_child(l, d, x):
    l.append(x)
    d[x] = os.getpid()


def increment(counter, lock, n):
    for _ in range(n):
        with lock:
            counter.value += 1


def wait_for_ever(started, never):
    started.set()
    never.wait()


class JavaServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        multiprocessing.current_process().authkey = KEY
        # A Unix socket, as CPython's Manager() uses: over TCP each control request of a CPython
        # client waits for a delayed ACK (its handshake ends with two small writes).
        cls.peer = JavaPeer("serve", "--authkey-hex", KEY.hex())
        cls.address = parse_address(cls.peer.ready)
        cls.m = SyncManager(cls.address, authkey=KEY)
        cls.m.connect()

    @classmethod
    def tearDownClass(cls):
        cls.peer.proc.terminate()  # SIGTERM: the server's shutdown hook closes it
        cls.peer.close()

    # dict

    def test_dict_methods(self):
        d = self.m.dict({'a': 1}, b=2)
        d['c'] = [1, 2]
        self.assertEqual(len(d), 3)
        self.assertTrue('a' in d)
        self.assertFalse('z' in d)
        self.assertEqual(d['c'], [1, 2])
        self.assertEqual(d.get('z'), None)
        self.assertEqual(d.get('z', 0), 0)
        self.assertEqual(d.keys(), ['a', 'b', 'c'])
        self.assertEqual(d.values(), [1, 2, [1, 2]])
        self.assertEqual(d.items(), [('a', 1), ('b', 2), ('c', [1, 2])])
        self.assertEqual(sorted(d), ['a', 'b', 'c'])
        self.assertEqual(d.setdefault('s', 5), 5)
        self.assertEqual(d.setdefault('s', 6), 5)
        self.assertEqual(d.pop('s'), 5)
        self.assertEqual(d.pop('s', 'dflt'), 'dflt')
        d.update({'u': 1}, v=2)
        d.update([('w', 3)])
        self.assertEqual(d.popitem(), ('w', 3))
        del d['v']
        self.assertEqual(d.copy(), {'a': 1, 'b': 2, 'c': [1, 2], 'u': 1})
        self.assertEqual(d._getvalue(), {'a': 1, 'b': 2, 'c': [1, 2], 'u': 1})
        self.assertEqual(str(d), "{'a': 1, 'b': 2, 'c': [1, 2], 'u': 1}")
        d.clear()
        self.assertEqual(len(d), 0)

    def test_dict_keys_follow_python_equality(self):
        d = self.m.dict()
        d[1] = 'int'
        d[1.0] = 'float'
        d[True] = 'bool'
        d[decimal.Decimal(1)] = 'decimal'
        d[complex(1, 0)] = 'complex'
        d[2j] = 'imaginary'
        d[(1, 'a')] = 't'
        d[(1.0, 'a')] = 't2'
        self.assertEqual(repr(d._getvalue()), "{1: 'complex', 2j: 'imaginary', (1, 'a'): 't2'}")
        self.assertEqual(d[1.0], 'complex')
        self.assertEqual(d[complex(0, 2)], 'imaginary')
        self.assertTrue(True in d)

    def test_dict_errors(self):
        d = self.m.dict()
        with self.assertRaises(KeyError) as cm:
            d['missing']
        self.assertEqual(cm.exception.args, ('missing',))
        self.assertRaises(KeyError, d.pop, 'missing')
        self.assertRaises(KeyError, d.popitem)
        self.assertRaises(KeyError, d.__delitem__, 'missing')
        self.assertRaises(TypeError, d.__setitem__, [1], 2)
        d['x'] = 1
        it = iter(d)
        d['y'] = 2
        self.assertRaises(RuntimeError, next, it)
        if hasattr(d, 'has_key'):  # 3.6's DictProxy; Python 3 dicts have no has_key
            self.assertRaises(RemoteError, d.has_key, 'x')

    def test_dict_iteration_through_iterator_proxy(self):
        d = self.m.dict({'a': 1, 'b': 2, 'c': 3})
        self.assertEqual([k for k in d], ['a', 'b', 'c'])
        it = iter(d)
        self.assertEqual(next(it), 'a')

    # list

    def test_list_methods(self):
        l = self.m.list(range(5))
        l.append(5)
        l.extend([6, 7])
        l += [8]
        l.insert(0, -1)
        self.assertEqual(len(l), 10)
        self.assertEqual(l[0], -1)
        self.assertEqual(l[-1], 8)
        self.assertEqual(l[2:5], [1, 2, 3])
        self.assertEqual(l[::-3], [8, 5, 2, -1])
        self.assertEqual(l.pop(), 8)
        self.assertEqual(l.pop(0), -1)
        self.assertEqual(l.index(3), 3)
        self.assertEqual(l.index(3, 1, 5), 3)
        self.assertEqual(l.count(3), 1)
        self.assertTrue(3 in l)
        l.remove(3)
        l[0] = 'zero'
        l[1:3] = ['a', 'b', 'c']
        self.assertEqual(l[:], ['zero', 'a', 'b', 'c', 4, 5, 6, 7])
        del l[0]
        del l[::2]
        self.assertEqual(l[:], ['b', 4, 6])
        self.assertEqual(l + [1], ['b', 4, 6, 1])
        self.assertEqual(l * 2, ['b', 4, 6, 'b', 4, 6])
        self.assertEqual(2 * l, ['b', 4, 6, 'b', 4, 6])
        self.assertEqual(list(reversed(l)), [6, 4, 'b'])
        l *= 2
        self.assertEqual(len(l), 6)
        l.reverse()
        self.assertEqual(l[:], [6, 4, 'b', 6, 4, 'b'])
        n = self.m.list([3, 1.5, True, 2, -7])
        n.sort()
        self.assertEqual(n[:], [-7, True, 1.5, 2, 3])
        n.sort(reverse=True)
        self.assertEqual(n[:], [3, 2, 1.5, True, -7])
        self.assertEqual(str(n), '[3, 2, 1.5, True, -7]')

    def test_list_errors(self):
        l = self.m.list([1, 2])
        with self.assertRaises(IndexError) as cm:
            l[5]
        self.assertEqual(str(cm.exception), 'list index out of range')
        self.assertRaises(IndexError, l.__setitem__, -3, 0)
        self.assertRaises(TypeError, l.__getitem__, 'x')
        self.assertRaises(ValueError, l.index, 9)
        self.assertRaises(ValueError, l.remove, 9)
        self.assertRaises(TypeError, l.__add__, 1)
        self.assertRaises(ValueError, l.__setitem__, slice(None, None, 2), [1, 2, 3])
        l.append('s')
        self.assertRaises(TypeError, l.sort)
        self.assertRaises(IndexError, self.m.list().pop)

    # Namespace, Value, Array

    def test_namespace(self):
        ns = self.m.Namespace(a=1)
        ns.b = 'two'
        self.assertEqual((ns.a, ns.b), (1, 'two'))
        del ns.a
        self.assertRaises(AttributeError, getattr, ns, 'a')
        self.assertEqual(str(ns), "Namespace(b='two')")

    def test_value(self):
        v = self.m.Value('d', 1.5)
        v.value += 1
        self.assertEqual(v.value, 2.5)
        v.set('anything')  # CPython's manager Value does not check the typecode
        self.assertEqual(v.get(), 'anything')
        self.assertEqual(str(v), "Value('d', 'anything')")

    def test_array(self):
        a = self.m.Array('i', [1, 2, 3])
        a[0] = -1
        self.assertEqual(len(a), 3)
        self.assertEqual(a[-1], 3)
        self.assertEqual(a[:].tolist(), [-1, 2, 3])
        self.assertEqual(str(a), "array('i', [-1, 2, 3])")
        self.assertRaises(IndexError, a.__getitem__, 3)
        self.assertRaises(TypeError, a.__setitem__, 0, 'x')
        self.assertRaises(OverflowError, a.__setitem__, 0, 2 ** 40)
        f = self.m.Array('d', [0.5])
        f[0] = 2
        self.assertEqual(f[0], 2.0)

    # queues

    def test_queue(self):
        q = self.m.Queue(2)
        self.assertTrue(q.empty())
        q.put(1)
        q.put_nowait(None)
        self.assertTrue(q.full())
        self.assertRaises(queue.Full, q.put, 3, timeout=0.01)
        self.assertRaises(queue.Full, q.put_nowait, 3)
        self.assertEqual(q.qsize(), 2)
        self.assertEqual(q.get(), 1)
        self.assertEqual(q.get_nowait(), None)
        self.assertRaises(queue.Empty, q.get_nowait)
        self.assertRaises(queue.Empty, q.get, True, 0.01)
        self.assertRaises(ValueError, q.get, True, -1)

    @unittest.skipUnless(hasattr(queue, 'ShutDown'), 'Queue.shutdown is 3.13+')
    def test_queue_shutdown(self):
        q = self.m.Queue()
        q.put(1)
        q.shutdown()
        self.assertRaises(queue.ShutDown, q.put, 2)
        self.assertEqual(q.get(), 1)
        self.assertRaises(queue.ShutDown, q.get)
        jq = self.m.JoinableQueue()
        jq.put('left')
        jq.shutdown(immediate=True)
        jq.join()  # the item dropped counts as done
        self.assertRaises(queue.ShutDown, jq.get_nowait)

    def test_joinable_queue(self):
        q = self.m.JoinableQueue()
        q.put('job')
        self.assertEqual(q.get(), 'job')
        q.task_done()
        q.join()
        self.assertRaises(ValueError, q.task_done)

    # synchronisation

    def test_lock(self):
        lock = self.m.Lock()
        self.assertTrue(lock.acquire())
        self.assertFalse(lock.acquire(False))
        self.assertFalse(lock.acquire(True, 0.01))
        lock.release()
        self.assertRaises(RuntimeError, lock.release)
        with lock:
            pass

    def test_rlock_is_owned_per_client_thread(self):
        rlock = self.m.RLock()
        rlock.acquire()
        rlock.acquire()
        errors = []

        def other():
            try:
                rlock.release()
            except RuntimeError as e:
                errors.append(e)
            errors.append(rlock.acquire(False))

        t = threading.Thread(target=other)
        t.start()
        t.join()
        self.assertIsInstance(errors[0], RuntimeError)
        self.assertFalse(errors[1])
        rlock.release()
        rlock.release()
        self.assertRaises(RuntimeError, rlock.release)

    def test_semaphores(self):
        s = self.m.Semaphore(2)
        self.assertTrue(s.acquire())
        self.assertTrue(s.acquire())
        self.assertFalse(s.acquire(False))
        self.assertFalse(s.acquire(True, 0.01))
        s.release()
        s.release()
        s.release()  # unbounded
        b = self.m.BoundedSemaphore(1)
        self.assertTrue(b.acquire())
        b.release()
        self.assertRaises(ValueError, b.release)

    def test_condition(self):
        c = self.m.Condition()
        ready = self.m.Event()
        woken = []

        def waiter():
            with c:
                ready.set()  # still holding the lock, which wait() releases
                woken.append(c.wait(10))

        t = threading.Thread(target=waiter)
        t.start()
        ready.wait()
        with c:
            c.notify()
        t.join()
        self.assertEqual(woken, [True])
        with c:
            self.assertFalse(c.wait(0.01))
            c.notify_all()
        self.assertRaises(RuntimeError, c.wait, 0)
        self.assertRaises(RuntimeError, c.notify)

    def test_event(self):
        e = self.m.Event()
        self.assertFalse(e.is_set())
        self.assertFalse(e.wait(0.01))
        e.set()
        self.assertTrue(e.is_set())
        self.assertTrue(e.wait())
        e.clear()
        self.assertFalse(e.is_set())

    def test_barrier(self):
        b = self.m.Barrier(3)
        self.assertEqual((b.parties, b.n_waiting, b.broken), (3, 0, False))
        indices = []
        threads = [threading.Thread(target=lambda: indices.append(b.wait())) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(indices), [0, 1, 2])
        b2 = self.m.Barrier(2)
        self.assertRaises(threading.BrokenBarrierError, b2.wait, 0.01)
        self.assertTrue(b2.broken)
        self.assertRaises(threading.BrokenBarrierError, b2.wait)
        b2.reset()
        self.assertFalse(b2.broken)
        b2.abort()
        self.assertRaises(threading.BrokenBarrierError, b2.wait)

    # proxies inside values and in other processes

    def test_pool_refuses_python_functions(self):
        # The Java-hosted Pool runs Java functions; Python code cannot run in a JVM, and the
        # client hears so as the TypeError of its call, not a hang or a silent wrong result.
        pool = self.m.Pool(2)
        try:
            for call in (lambda: pool.map(abs, [1, -2]),
                         lambda: pool.apply(abs, (-1,)),
                         lambda: pool.apply_async(increment, (None, None, 1)),
                         lambda: pool.imap_unordered(abs, [1])):
                with self.assertRaises(TypeError) as cm:
                    call()
                self.assertIn("Java functions only", str(cm.exception))
        finally:
            pool.terminate()

    def test_nested_proxies(self):
        d = self.m.dict()
        inner = self.m.list([1])
        d['inner'] = inner
        outer = self.m.list([inner])
        d['inner'].append(2)
        outer[0].append(3)
        self.assertEqual(inner[:], [1, 2, 3])
        del inner
        self.assertEqual(d['inner'][:], [1, 2, 3])  # held by the dict on the server

    def _children_use_proxies(self, method):
        ctx = multiprocessing.get_context(method)
        l = self.m.list()
        d = self.m.dict()
        ps = [ctx.Process(target=append_from_child, args=(l, d, i)) for i in range(2)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        self.assertEqual([p.exitcode for p in ps], [0, 0])
        self.assertEqual(sorted(l[:]), [0, 1])
        self.assertEqual(sorted(d.keys()), [0, 1])

    def test_proxies_in_forked_children(self):
        self._children_use_proxies('fork')

    def test_proxies_in_spawned_children(self):
        self._children_use_proxies('spawn')

    # many clients

    def test_eight_threads(self):
        counter = self.m.Value('i', 0)
        lock = self.m.Lock()
        threads = [threading.Thread(target=increment, args=(counter, lock, 50)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(counter.value, 400)

    def test_eight_processes(self):
        ctx = multiprocessing.get_context('fork')
        counter = self.m.Value('i', 0)
        lock = self.m.Lock()
        ps = [ctx.Process(target=increment, args=(counter, lock, 25)) for _ in range(8)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        self.assertEqual(counter.value, 200)

    # refcounts and server requests

    def test_objects_are_released(self):
        before = self.m._number_of_objects()
        d = self.m.dict()
        l = self.m.list()
        d['l'] = l
        self.assertEqual(self.m._number_of_objects(), before + 2)
        self.assertIn('refcount=1', self.m._debug_info())
        del d, l
        self.assertEqual(self.m._number_of_objects(), before)

    def test_protocol_errors_are_tracebacks(self):
        with Client(self.address, authkey=KEY) as conn:
            with self.assertRaises(RemoteError) as cm:
                dispatch(conn, None, 'create', ('no_such_typeid',))
            self.assertIn('KeyError', str(cm.exception))
        with Client(self.address, authkey=KEY) as conn:
            with self.assertRaises(RemoteError) as cm:
                dispatch(conn, None, 'frobnicate')
            self.assertIn("'frobnicate' unrecognized", str(cm.exception))
        d = self.m.dict()
        with self.assertRaises(RemoteError) as cm:
            d._callmethod('frobnicate')
        self.assertIn('not in exposed', str(cm.exception))
        self.assertRaises(RemoteError, self.m.list()._callmethod, 'clear')  # a list method, not exposed
        with Client(self.address, authkey=KEY) as conn:
            dispatch(conn, None, 'accept_connection', ('raw',))
            with self.assertRaises(RemoteError):
                dispatch(conn, 'no-such-ident', '__len__')
            with self.assertRaises(RemoteError):
                dispatch(conn, None, 'not', 'a request')

    def test_bad_clients_cost_the_others_nothing(self):
        with self.assertRaises(multiprocessing.AuthenticationError):
            Client(self.address, authkey=b'wrong key')
        s = self._raw_connection()
        s.recv(4)
        s.sendall(struct.pack('!i', 3) + b'xyz' + b'\x00garbage')
        s.close()
        s = self._raw_connection()  # connects, then says nothing
        d = self.m.dict({'still': 'serving'})
        self.assertEqual(d['still'], 'serving')
        s.close()

    def _raw_connection(self):
        s = socket.socket(socket.AF_UNIX)
        s.connect(self.address)
        return s

    def test_client_killed_mid_call(self):
        ctx = multiprocessing.get_context('fork')
        started = self.m.Event()
        never = self.m.Event()
        p = ctx.Process(target=wait_for_ever, args=(started, never))
        p.start()
        started.wait()
        os.kill(p.pid, signal.SIGKILL)
        p.join()
        never.set()
        self.assertTrue(never.is_set())
        self.assertEqual(self.m.list([1])[:], [1])


class JavaServerOverTcp(unittest.TestCase):
    def test_tokens_carry_the_tcp_address_then_shutdown_replies_twice_and_ends_the_server(self):
        multiprocessing.current_process().authkey = KEY
        peer = JavaPeer("serve", "--address", "127.0.0.1:0", "--authkey-hex", KEY.hex())
        try:
            address = parse_address(peer.ready)
            m = SyncManager(address, authkey=KEY)
            m.connect()
            d = m.dict()
            d['l'] = m.list([1])
            d['l'].append(2)  # the server recognised its own proxy: no incref of itself
            self.assertEqual(d['l']._token.address, address)
            self.assertEqual(d['l'][:], [1, 2])
            del d
            with Client(address, authkey=KEY) as conn:
                self.assertIsNone(dispatch(conn, None, 'shutdown'))
                self.assertEqual(conn.recv(), ('#RETURN', None))
            self.assertEqual(peer.proc.wait(10), 0)
        finally:
            peer.close()


if __name__ == '__main__':
    unittest.main()
