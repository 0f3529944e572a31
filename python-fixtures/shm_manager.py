"""SharedMemoryManager fixture for multiprocessing4j (stdlib only, CPython 3.8+).

usage: shm_manager.py client HOST:PORT|PATH AUTHKEY_HEX   an unmodified SharedMemoryManager client
       shm_manager.py server                             CPython's SharedMemoryManager, started on
                                                         127.0.0.1; prints READY <host:port> and
                                                         AUTHKEY <hex>

Then one command per stdin line, one answer per stdout line (OK ... or ERR <type> <message>):
  SHM <size>           -> OK <name>          smm.SharedMemory(size), byte i = (5*i + 1) & 0xff
  SL <pickle hex>      -> OK <name>          smm.ShareableList(pickle.loads(...))
  LIST                 -> OK <names...>      the server's list_segments
  RELEASE <name>       -> OK                 the server's release_segment
  READ <name>          -> OK <pickle hex>    the ShareableList's items (attached untracked)
  SHUTDOWN             -> OK                 smm.shutdown() (server mode: the manager it started)
Segments this process creates stay registered with its resource tracker, as in any CPython client.
"""
import pickle
import sys
from multiprocessing import managers, resource_tracker, shared_memory
from multiprocessing.managers import SharedMemoryManager

from addresses import parse_address, show_address


def call(smm, method, *args):
    with smm._Client(smm._address, authkey=smm._authkey) as conn:
        return managers.dispatch(conn, None, method, args)


def handle(smm, words):
    cmd = words[0]
    if cmd == "SHM":
        shm = smm.SharedMemory(int(words[1]))
        shm.buf[:] = bytes((5 * i + 1) & 0xFF for i in range(shm.size))
        shm.close()
        return shm.name
    if cmd == "SL":
        sl = smm.ShareableList(pickle.loads(bytes.fromhex(words[1])))
        sl.shm.close()
        return sl.shm.name
    if cmd == "LIST":
        return " ".join(call(smm, "list_segments"))
    if cmd == "RELEASE":
        call(smm, "release_segment", words[1])
        return ""
    if cmd == "READ":
        sl = shared_memory.ShareableList(name=words[1])
        resource_tracker.unregister(sl.shm._name, "shared_memory")
        items = pickle.dumps(list(sl), protocol=4).hex()
        sl.shm.close()
        return items
    if cmd == "SHUTDOWN":
        smm.shutdown()
        return ""
    raise ValueError("unknown command " + cmd)


def main():
    if sys.argv[1] == "client":
        smm = SharedMemoryManager(address=parse_address(sys.argv[2]), authkey=bytes.fromhex(sys.argv[3]))
        smm.connect()
        print("READY %d.%d" % sys.version_info[:2], flush=True)
    else:
        smm = SharedMemoryManager(address=("127.0.0.1", 0), authkey=b"mp4j-shm-manager")
        smm.start()
        print("READY " + show_address(smm.address), flush=True)
        print("AUTHKEY " + smm._authkey.hex(), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            answer = handle(smm, words)
            print(("OK " + answer).rstrip(), flush=True)
        except Exception as e:
            print("ERR %s %s" % (type(e).__name__, str(e).replace("\n", " ")), flush=True)
    if sys.argv[1] == "server":
        smm.shutdown()


if __name__ == "__main__":
    main()
