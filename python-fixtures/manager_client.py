"""A CPython client of a SyncManager: the twin of the Java client in semantic tests.

usage: manager_client.py ADDRESS AUTHKEY_HEX   (ADDRESS is host:port or a socket path)

Connects, prints `READY`, then runs each stdin line in a namespace holding `m` (the connected
SyncManager) and whatever earlier lines assigned:
  EXEC <statement>  -> `OK` or `ERR <module.qualname>`
  EVAL <expression> -> `OK <repr>` or `ERR <module.qualname>`
Exits on stdin EOF, after releasing every proxy it made.
"""
import sys
from multiprocessing.managers import SyncManager

from addresses import parse_address


def main():
    m = SyncManager(address=parse_address(sys.argv[1]), authkey=bytes.fromhex(sys.argv[2]))
    m.connect()
    names = {'m': m}
    print('READY')
    for line in sys.stdin:
        cmd, _, text = line.rstrip('\n').partition(' ')
        try:
            if cmd == 'EXEC':
                exec(text, names)
                print('OK')
            else:
                print('OK ' + repr(eval(text, names)))
        except Exception as e:
            print('ERR %s.%s' % (type(e).__module__, type(e).__qualname__))
    names.clear()


if __name__ == '__main__':
    main()
