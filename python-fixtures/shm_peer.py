"""Shared-memory fixture for multiprocessing4j (stdlib only, CPython 3.8+).

One command per stdin line, one answer per stdout line; payloads are hex (segment bytes) or
hex of a protocol-4 pickle (item lists). Answers start with OK or ERR <exception type> <message>.

  READY <major>.<minor>                                   on start
  SHM_CREATE <size>          -> OK <name>                 creates; fills byte i with (7*i + 3) & 0xff
  SHM_READ <name>            -> OK <size> <hex>           attaches (untracked), reads all, closes
  SHM_WRITE <name> <hex>     -> OK                        attaches (untracked), writes at 0, closes
  SL_CREATE <pickle hex>     -> OK <name> <hex>           creates a ShareableList of the pickled list
  SL_READ <name>             -> OK <pickle hex> <hex>     attaches (untracked), items and bytes
  SL_SET <name> <i> <pickle hex> -> OK                    attaches (untracked), sl[i] = value
  UNLINK <name>              -> OK                        unlinks a segment this peer created

The resource tracker of 3.8-3.12 unlinks every segment a process attached to when it exits
(docs/cpython-wire-protocol.md 6.1), which would destroy the Java side's segments: so every
attach is unregistered from the tracker at once. Segments this peer creates stay registered
until UNLINK, as CPython's own creators do.
"""
import pickle
import sys
from multiprocessing import resource_tracker, shared_memory

created = {}


def untracked(obj_shm):
    resource_tracker.unregister(obj_shm._name, "shared_memory")
    return obj_shm


def attach(name):
    return untracked(shared_memory.SharedMemory(name))


def attach_list(name):
    sl = shared_memory.ShareableList(name=name)
    untracked(sl.shm)
    return sl


def handle(words):
    cmd = words[0]
    if cmd == "SHM_CREATE":
        shm = shared_memory.SharedMemory(create=True, size=int(words[1]))
        shm.buf[:] = bytes((7 * i + 3) & 0xFF for i in range(shm.size))
        created[shm.name] = shm
        return shm.name
    if cmd == "SHM_READ":
        shm = attach(words[1])
        try:
            return "%d %s" % (shm.size, bytes(shm.buf).hex())
        finally:
            shm.close()
    if cmd == "SHM_WRITE":
        shm = attach(words[1])
        data = bytes.fromhex(words[2])
        shm.buf[:len(data)] = data
        shm.close()
        return ""
    if cmd == "SL_CREATE":
        sl = shared_memory.ShareableList(pickle.loads(bytes.fromhex(words[1])))
        created[sl.shm.name] = sl.shm
        return "%s %s" % (sl.shm.name, bytes(sl.shm.buf).hex() or "-")
    if cmd == "SL_READ":
        sl = attach_list(words[1])
        items = pickle.dumps(list(sl), protocol=4).hex()
        raw = bytes(sl.shm.buf).hex() or "-"
        sl.shm.close()
        return "%s %s" % (items, raw)
    if cmd == "SL_SET":
        sl = attach_list(words[1])
        sl[int(words[2])] = pickle.loads(bytes.fromhex(words[3]))
        sl.shm.close()
        return ""
    if cmd == "UNLINK":
        shm = created.pop(words[1])
        shm.close()
        shm.unlink()
        return ""
    raise ValueError("unknown command " + cmd)


def main():
    print("READY %d.%d" % sys.version_info[:2], flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            answer = handle(words)
            print(("OK " + answer).rstrip(), flush=True)
        except Exception as e:
            print("ERR %s %s" % (type(e).__name__, str(e).replace("\n", " ")), flush=True)


if __name__ == "__main__":
    main()
