"""CPython's multiprocessing.connection against multiprocessing4j's Listener (the `echo` command).

Runs on every CPython 3.6+ with the stdlib only.
"""
import datetime
import decimal
import os
import unittest
from multiprocessing.connection import Client
from multiprocessing import AuthenticationError

from javapeer import JavaPeer, parse_address

KEY = os.urandom(32)


def same(x, y):
    """type(x) is type(y) and x == y, recursively, dict order included, NaN equal to NaN."""
    if type(x) is not type(y):
        return False
    if isinstance(x, float) and x != x:
        return y != y
    if isinstance(x, (list, tuple)):
        return len(x) == len(y) and all(same(a, b) for a, b in zip(x, y))
    if isinstance(x, dict):
        return list(x) == list(y) and all(same(x[k], y[k]) for k in x)
    return x == y


VALUES = [
    None, True, 0, -1, 2 ** 31, -2 ** 63, 2 ** 200, 0.1, -0.0, float('inf'), float('nan'),
    '', 'naïve ☃ \U0001f600', b'', b'\x00\xff', bytearray(b'ab'),
    (), (1,), (1, 'a', (2.5,)), [], [1, [2, [3]]],
    {}, {1: '1', '2': 2, 0.25: None}, {(1, 2): b'k', frozenset({1}): 'fs'},
    {3, 1, 2}, frozenset(), 1 + 2j, decimal.Decimal('1.10'), decimal.Decimal('-Infinity'),
    datetime.date(2024, 2, 29), datetime.time(23, 59, 59, 999999),
    datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
    datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
    datetime.timedelta(days=-1, seconds=3),
]


class EchoOverTcp(unittest.TestCase):
    family_args = ("--address", "127.0.0.1:0")

    @classmethod
    def setUpClass(cls):
        cls.peer = JavaPeer("echo", "--authkey-hex", KEY.hex(), *cls.family_args)
        cls.address = parse_address(cls.peer.ready)

    @classmethod
    def tearDownClass(cls):
        cls.peer.close()

    def test_values_come_back_with_the_same_type_and_value(self):
        with Client(self.address, authkey=KEY) as conn:
            for value in VALUES:
                conn.send(value)
                echoed = conn.recv()
                self.assertTrue(same(value, echoed), "%r came back as %r" % (value, echoed))

    def test_self_referencing_list_keeps_its_shape(self):
        value = [1]
        value.append(value)
        with Client(self.address, authkey=KEY) as conn:
            conn.send(value)
            echoed = conn.recv()
        self.assertIs(echoed[1], echoed)

    def test_wrong_authkey_is_refused_and_the_listener_goes_on(self):
        with self.assertRaises(AuthenticationError):
            Client(self.address, authkey=b'not the key')
        with Client(self.address, authkey=KEY) as conn:
            conn.send('still serving')
            self.assertEqual('still serving', conn.recv())

    def test_many_clients_at_once(self):
        conns = [Client(self.address, authkey=KEY) for _ in range(8)]
        try:
            for i, conn in enumerate(conns):
                conn.send(i)
            self.assertEqual(list(range(8)), [conn.recv() for conn in conns])
        finally:
            for conn in conns:
                conn.close()


class EchoOverUnixSocket(EchoOverTcp):
    family_args = ()


class RawFrames(unittest.TestCase):
    def test_send_bytes_round_trip_including_a_large_frame(self):
        with JavaPeer("echo", "--bytes", "--authkey-hex", KEY.hex(), "--address", "127.0.0.1:0") as peer:
            with Client(parse_address(peer.ready), authkey=KEY) as conn:
                for payload in (b'', b'x', os.urandom(16384), os.urandom(3 * 1024 * 1024)):
                    conn.send_bytes(payload)
                    self.assertEqual(payload, conn.recv_bytes())


if __name__ == '__main__':
    unittest.main()
