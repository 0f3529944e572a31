"""A CPython manager for the Java client tests (stdlib only, Python 3.6+).

usage: manager_server.py MODE
  sync-tcp     SyncManager, this process serving on 127.0.0.1 (get_server().serve_forever())
  sync-unix    SyncManager, this process serving on a Unix socket path
  manager      multiprocessing.Manager(): a started manager process on its default Unix socket
  custom-tcp   BaseManager with custom typeids, serving on 127.0.0.1
  custom-unix  the same on a Unix socket path

Prints `READY <host:port or path>` and `AUTHKEY <hex>`, then answers lines on stdin:
  OBJECTS      -> `OBJECTS <n>`: the server's number_of_objects()
  EVAL <expr>  -> `RESULT <repr>` or `ERROR <module.qualname>: <str>`; the names `server`,
                  `shared` (the custom typeids' shared objects) and `referents()` are defined
Exits on stdin EOF.
"""
import multiprocessing
import os
import queue
import shutil
import sys
import threading
from multiprocessing.managers import BaseManager, DictProxy, SyncManager

from addresses import show_address


class MyErr(Exception):
    """An exception class the client cannot know: it must keep its name and args."""


class Counter(object):
    def __init__(self, start=0):
        self.n = start

    def increment(self, by=1):
        self.n += by
        return self.n

    def get(self):
        return self.n

    def fail(self):
        raise MyErr('boom', 42)

    def unpicklable(self):
        return lambda: 0

    def child(self):
        return Counter(self.n * 10)

    def hidden(self):
        return 'not exposed'

    def __repr__(self):
        return 'Counter(%d)' % self.n


shared = {'queue': queue.Queue(), 'dict': {'answer': 42}}


class CustomManager(BaseManager):
    pass


CustomManager.register('get_queue', callable=lambda: shared['queue'])
CustomManager.register('get_dict', callable=lambda: shared['dict'], proxytype=DictProxy)
CustomManager.register('Counter', Counter,
                       exposed=('increment', 'get', 'fail', 'unpicklable', 'child'),
                       method_to_typeid={'child': 'Child'})
# The result of Counter.child(), shared as it is (no callable), as SyncManager's Iterator.
CustomManager.register('Child', exposed=('increment', 'get'), create_method=False)
CustomManager.register('AutoCounter', Counter)


def main():
    mode = sys.argv[1]
    key = os.urandom(16)
    server = None
    if mode == 'manager':
        manager = multiprocessing.Manager()
        address = manager.address
        key = bytes(multiprocessing.current_process().authkey)
        count = manager._number_of_objects
    else:
        cls = SyncManager if mode.startswith('sync') else CustomManager
        address = ('127.0.0.1', 0) if mode.endswith('tcp') else None
        manager = cls(address=address, authkey=key)
        server = manager.get_server()
        address = server.address
        t = threading.Thread(target=server.serve_forever)
        t.daemon = True
        t.start()

        def count():
            with server.mutex:
                return len(server.id_to_refcount)

    def referents():
        with server.mutex:
            return [o[0] for i, o in server.id_to_obj.items() if i != '0']

    print('READY ' + show_address(address))
    print('AUTHKEY ' + key.hex())
    names = {'server': server, 'shared': shared, 'referents': referents}
    # Not sys.stdin: its buffer lock is held while this thread waits for a line, and a Pool
    # forked by the server then deadlocks in its workers' sys.stdin.close().
    commands = os.fdopen(os.dup(0), 'r')
    for line in commands:
        line = line.rstrip('\n')
        if line == 'OBJECTS':
            print('OBJECTS %d' % count())
        elif line.startswith('EVAL '):
            try:
                print('RESULT ' + repr(eval(line[5:], names)))
            except Exception as e:
                print('ERROR %s.%s: %s' % (type(e).__module__, type(e).__qualname__, e))
        else:
            print('ERROR unknown command ' + repr(line))
    if mode == 'manager':
        manager.shutdown()
    # os._exit skips the finalizers, the one that removes this process's pymp- directory (and the
    # listener's socket in it) among them: a Unix-socket server would leave both behind.
    tempdir = multiprocessing.current_process()._config.get('tempdir')
    if tempdir:
        shutil.rmtree(tempdir, ignore_errors=True)
    os._exit(0)


if __name__ == '__main__':
    main()
