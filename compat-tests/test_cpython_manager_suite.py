"""CPython's own manager tests, run unchanged against multiprocessing4j's Java server.

`test._test_multiprocessing` is the suite CPython runs on itself. For the 'manager' type, its
`WithManagerTest*` classes test every SyncManager type through a manager that ManagerMixin makes
with `multiprocessing.Manager()` in setUpClass, one per class. Here that call returns a client of
a Java server started with `serve` instead (one per class too), whose key is the process's authkey
as Manager()'s is, so the proxies the tests hand to forked children work there as well. The
ManagerMixin's tearDownClass then asks the server how many objects are left, as it asks CPython's.

Left out, with the reason:
"""
import multiprocessing
import unittest
from multiprocessing.managers import SyncManager

from javapeer import JavaPeer, parse_address

LEFT_OUT_CLASSES = {
    "WithManagerTestPool": "CPython's tests submit Python functions; the Java-hosted Pool runs Java ones",
    "WithManagerTestMyManager": "starts CPython managers of its own",
    "WithManagerTestManagerRestart": "starts CPython managers of its own",
    "WithManagerTestRemoteManager": "starts CPython managers of its own",
}
LEFT_OUT_TESTS = {
    ("WithManagerTestBarrier", "test_action"): "a Python action: a Java-hosted Barrier cannot call it",
}
__doc__ += "".join("- %s: %s.\n" % (name, why) for name, why in sorted(LEFT_OUT_CLASSES.items()))
__doc__ += "".join("- %s.%s: %s.\n" % (cls, test, why) for (cls, test), why in sorted(LEFT_OUT_TESTS.items()))


class JavaServedManager(SyncManager):
    """What `multiprocessing.Manager()` returns to the CPython tests here: a connected client of a
    fresh Java server; shutdown() stops the server, as it stops Manager()'s process."""

    def __init__(self):
        authkey = bytes(multiprocessing.current_process().authkey)
        self._peer = JavaPeer("serve", "--authkey-hex", authkey.hex())
        super().__init__(parse_address(self._peer.ready), authkey=authkey)
        self.connect()

    def shutdown(self):
        self._peer.proc.terminate()  # SIGTERM: the server's shutdown hook closes it
        self._peer.close()

    def join(self, timeout=None):
        self._peer.proc.wait(timeout)


def served_by_java(cpython_class):
    """A subclass of one of CPython's WithManagerTest* classes whose manager is JavaServedManager."""

    def setUpClass(cls):
        real = multiprocessing.Manager
        multiprocessing.Manager = JavaServedManager
        try:
            cpython_class.setUpClass.__func__(cls)
        finally:
            multiprocessing.Manager = real

    return type(cpython_class.__name__, (cpython_class,), {
        "setUpClass": classmethod(setUpClass), "__module__": __name__})


class CPythonSuiteMissing(unittest.TestCase):
    @unittest.skip("this interpreter ships without test._test_multiprocessing")
    def test_cpython_suite(self):
        pass


def load_tests(loader, standard_tests, pattern):
    try:
        import test._test_multiprocessing as cpython
    except ImportError:
        return loader.loadTestsFromTestCase(CPythonSuiteMissing)
    generated = {"__name__": __name__}
    cpython.install_tests_in_module_dict(generated, "fork")
    suite = unittest.TestSuite()
    for name in sorted(generated):
        if not name.startswith("WithManagerTest") or name in LEFT_OUT_CLASSES:
            continue
        cls = served_by_java(generated[name])
        for test_name in loader.getTestCaseNames(cls):
            why = LEFT_OUT_TESTS.get((name, test_name))
            if why:
                setattr(cls, test_name, unittest.skip(why)(getattr(cls, test_name)))
            suite.addTest(cls(test_name))
    return suite
