"""Cross-language pickle fixture for multiprocessing4j (stdlib only, runs on CPython 3.6+).

Protocol on stdin/stdout, one line per message, payloads in base64:

  READY <python version>
  Part A, CPython's corpus -> Java -> CPython:
    CASE <name> <protocol> <pickle>      for each corpus value and protocol, then  CASES_END
    Java answers  ECHO <name> <protocol> <pickle>  or  ECHOERR <name> <protocol> <message>,
    then ECHO_END. We load each echo and compare it with pickle.loads(original) (what CPython
    itself gets back from its own pickle): RESULT OK|BAD <name> <protocol> [<why>], then A_END.
  Part B, Java's corpus -> CPython -> Java:
    Java sends  VALUE <id> <pickle>  lines, then VALUES_END. For each we answer
    BACK <id> <ForkingPickler pickle of the loaded value> <canonical description>
    or LOADERR <id> <message>; then B_END.
"""
import base64
import collections
import datetime
import decimal
import enum
import math
import pickle
import struct
import sys

from multiprocessing.reduction import ForkingPickler

Decimal = decimal.Decimal
timedelta = datetime.timedelta
timezone = datetime.timezone


class Color(enum.Enum):
    RED = 1
    GREEN = 2


Pair = collections.namedtuple("Pair", "left right")


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


def corpus():
    out = []

    def add(name, value):
        out.append((name, value))

    add("none", None)
    add("true", True)
    add("false", False)
    for i, v in enumerate([0, 1, -1, 255, 256, 65535, 65536, 2 ** 31 - 1, 2 ** 31, -2 ** 31, -2 ** 31 - 1,
                           2 ** 63 - 1, 2 ** 63, -2 ** 63, -2 ** 63 - 1, 2 ** 64, 10 ** 100, -10 ** 100, 2 ** 1000]):
        add("int%d" % i, v)
    for i, v in enumerate([0.0, -0.0, 1.5, float("nan"), float("inf"), float("-inf"), 1e308, 5e-324, 0.1]):
        add("float%d" % i, v)
    for i, v in enumerate(["", "a", "h\xe9llo", "\u20ac", "\U0001F600", "x" * 300, "\xe9" * 300, "a\nb\\c\r\x1a",
                           "\ud800", "lone \udfff end", "\x00", "\\u005c"]):
        add("str%d" % i, v)
    add("bytes_empty", b"")
    add("bytes_small", b"\x00\xff")
    add("bytes_all", bytes(range(256)))
    add("bytes_big", b"x" * 70000)
    add("bytearray_empty", bytearray())
    add("bytearray_small", bytearray(b"ab\x00\xff"))
    add("tuples", [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((1, 2), (3,))])
    add("list_mixed", [1, "a", None, 2.5, [], {}])
    add("list_long", list(range(2500)))
    add("dict_empty", {})
    add("dict_order", {"z": 1, "a": 2, 3: "x", (1, 2): "t", None: 0, 1.5: "f", b"k": "bytes key",
                       frozenset([1]): "fs", True: "bool", -(2 ** 70): "big"})
    add("dict_long", dict(("key%d" % i, i) for i in range(2500)))
    add("set_empty", set())
    add("set_ints", {1, 2, 3})
    add("set_mixed", {"a", (1, 2), b"x", 2 ** 70, None})
    add("frozenset_empty", frozenset())
    add("frozenset_mixed", frozenset([1, "a", (2, 3)]))
    add("complex", [1 + 2j, complex(float("nan"), -0.0), -1j, complex(float("inf"), 0)])
    add("decimals", [Decimal("1.00"), Decimal("1E+5"), Decimal("-0"), Decimal("NaN"), Decimal("-Infinity"),
                     Decimal("sNaN"), Decimal("123456789012345678901234567890.123"), Decimal("0E-7"),
                     Decimal("-0.00"), Decimal("-1.5E-30"), Decimal("Infinity"), Decimal("NaN123")])
    add("dates", [datetime.date(2024, 2, 29), datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
    add("times", [datetime.time(0, 0), datetime.time(23, 59, 59, 999999),
                  datetime.time(1, 2, 3, 4, tzinfo=timezone.utc),
                  datetime.time(12, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))])
    add("datetimes", [datetime.datetime(2024, 1, 2, 3, 4, 5, 6), datetime.datetime.min, datetime.datetime.max,
                      datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=timezone.utc),
                      datetime.datetime(2000, 6, 1, tzinfo=timezone(timedelta(hours=5, minutes=45))),
                      datetime.datetime(2000, 6, 1, tzinfo=timezone(timedelta(hours=2), "CEST"))])
    add("timedeltas", [timedelta(0), timedelta(days=-1, microseconds=1),
                       timedelta(days=999999999, seconds=86399, microseconds=999999), timedelta(-999999999)])
    add("timezones", [timezone.utc, timezone(timedelta(hours=3)), timezone(timedelta(hours=-12))])
    if sys.version_info >= (3, 9):
        import zoneinfo
        ny = zoneinfo.ZoneInfo("America/New_York")
        add("zoneinfo", [datetime.datetime(2024, 11, 3, 1, 30, tzinfo=ny),
                         datetime.datetime(2024, 11, 3, 1, 30, tzinfo=ny, fold=1),
                         datetime.datetime(2024, 6, 1, 12, 0, 0, 7, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")),
                         zoneinfo.ZoneInfo("UTC")])
    add("nested", {"list": [1, [2, [3, (4, {"x": b"y", "s": {1, 2}})]]], "fs": frozenset([(1, 2)])})
    selfish = [1]
    selfish.append(selfish)
    add("self_list", selfish)
    d = {"a": 1}
    d["self"] = d
    add("self_dict", d)
    shared = [1, 2]
    add("shared", [shared, shared, (shared,), {"k": shared}])
    add("equal_distinct", [[1], [1], {}, {}])
    rec = ([],)
    rec[0].append(rec)
    add("recursive_tuple", rec)
    deep = []
    for _ in range(200):
        deep = [deep]
    add("deep", deep)
    add("ordered_dict", collections.OrderedDict([("b", 1), ("a", 2)]))
    add("counter", collections.Counter("abracadabra"))
    dd = collections.defaultdict(list)
    dd["x"].append(1)
    add("defaultdict", dd)
    add("deque", collections.deque([1, 2], maxlen=5))
    add("exceptions", [KeyError("x"), ValueError("v", 2), OSError(2, "No such file", "/x")])
    add("enum", [Color.RED, Color.GREEN, Color.RED])
    add("namedtuple", Pair(1, "two"))
    add("object", Point(1, [2]))
    add("classes", [int, collections.OrderedDict, Color])
    return out


def same(a, b, seen_a, seen_b, path="x"):
    """None if b is the same value as a (types, dict order, NaN, identity structure), else why not."""
    if type(a) is not type(b):
        return "%s: %s != %s" % (path, type(a).__name__, type(b).__name__)
    if isinstance(a, (list, dict, set, bytearray, collections.deque)) or hasattr(a, "__dict__") and not isinstance(a, type):
        if id(a) in seen_a or id(b) in seen_b:
            if seen_a.get(id(a)) is b and seen_b.get(id(b)) is a:
                return None
            return "%s: shared/recursive structure differs" % path
        seen_a[id(a)] = b
        seen_b[id(b)] = a
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return None
        if a == b and math.copysign(1, a) == math.copysign(1, b):
            return None
        return "%s: %r != %r" % (path, a, b)
    if isinstance(a, complex):
        return same(a.real, b.real, {}, {}, path + ".real") or same(a.imag, b.imag, {}, {}, path + ".imag")
    if isinstance(a, Decimal):
        return None if str(a) == str(b) else "%s: Decimal %s != %s" % (path, a, b)
    if isinstance(a, (list, tuple, collections.deque)):
        if len(a) != len(b):
            return "%s: length %d != %d" % (path, len(a), len(b))
        if isinstance(a, collections.deque) and a.maxlen != b.maxlen:
            return "%s: maxlen differs" % path
        for i, (x, y) in enumerate(zip(a, b)):
            why = same(x, y, seen_a, seen_b, "%s[%d]" % (path, i))
            if why:
                return why
        return None
    if isinstance(a, dict):
        if len(a) != len(b):
            return "%s: length %d != %d" % (path, len(a), len(b))
        if isinstance(a, collections.defaultdict) and a.default_factory is not b.default_factory:
            return "%s: default_factory differs" % path
        for i, ((k1, v1), (k2, v2)) in enumerate(zip(a.items(), b.items())):
            why = same(k1, k2, seen_a, seen_b, "%s.key%d" % (path, i)) or same(v1, v2, seen_a, seen_b, "%s[%r]" % (path, k1))
            if why:
                return why
        return None
    if isinstance(a, (set, frozenset)):
        return None if a == b else "%s: %r != %r" % (path, a, b)
    if isinstance(a, (datetime.datetime, datetime.time)):
        if a != b or a.fold != b.fold or type(a.tzinfo) is not type(b.tzinfo) or a.replace(tzinfo=None) != b.replace(tzinfo=None):
            return "%s: %r != %r" % (path, a, b)
        if a.tzinfo is not None and type(a.tzinfo) is not timezone and str(a.tzinfo) != str(b.tzinfo):
            return "%s: tzinfo %s != %s" % (path, a.tzinfo, b.tzinfo)
        return None
    if isinstance(a, BaseException):
        return same(a.args, b.args, seen_a, seen_b, path + ".args") or same(vars(a), vars(b), seen_a, seen_b, path + ".__dict__")
    if isinstance(a, enum.Enum):
        return None if a is b else "%s: %r is not %r" % (path, a, b)
    if hasattr(a, "__dict__") and not isinstance(a, type):
        return same(vars(a), vars(b), seen_a, seen_b, path + ".__dict__")
    if sys.version_info >= (3, 9) and type(a).__module__ == "zoneinfo":
        return None if a.key == b.key else "%s: %s != %s" % (path, a.key, b.key)
    return None if a == b else "%s: %r != %r" % (path, a, b)


def desc(x):
    """A canonical description of a value of the model, produced identically by the Java test."""
    if x is None:
        return "None"
    t = type(x)
    if t is bool:
        return "bool(%s)" % x
    if t is int:
        return "int(%d)" % x
    if t is float:
        return "float(%s)" % struct.pack(">d", x).hex()
    if t is str:
        return "str(%s)" % x.encode("utf-8", "surrogatepass").hex()
    if t is bytes:
        return "bytes(%s)" % x.hex()
    if t is bytearray:
        return "bytearray(%s)" % bytes(x).hex()
    if t is complex:
        return "complex(%s,%s)" % (struct.pack(">d", x.real).hex(), struct.pack(">d", x.imag).hex())
    if t is Decimal:
        return "Decimal(%s)" % x
    if t is tuple:
        return "tuple(%s)" % ",".join(desc(i) for i in x)
    if t is list:
        return "list(%s)" % ",".join(desc(i) for i in x)
    if t is dict:
        return "dict(%s)" % ",".join("%s:%s" % (desc(k), desc(v)) for k, v in x.items())
    if t is set:
        return "set(%s)" % ",".join(sorted(desc(i) for i in x))
    if t is frozenset:
        return "frozenset(%s)" % ",".join(sorted(desc(i) for i in x))
    if t is datetime.date:
        return "date(%s)" % x.isoformat()
    if t is datetime.time or t is datetime.datetime:
        return "%s(%s,fold=%d,tz=%s)" % (t.__name__, x.replace(tzinfo=None).isoformat(), x.fold, tzdesc(x.tzinfo))
    if t is timedelta:
        return "timedelta(%d,%d,%d)" % (x.days, x.seconds, x.microseconds)
    if t is timezone:
        return "timezone(%s)" % tzdesc(x)
    return "other(%s.%s)" % (t.__module__, t.__qualname__)


def tzdesc(tz):
    if tz is None:
        return "None"
    if type(tz) is timezone:
        return "offset%d" % tz.utcoffset(None).total_seconds()
    return "zone:%s" % tz.key


def b64(data):
    return base64.b64encode(bytes(data)).decode("ascii")


def main():
    print("READY %d.%d.%d" % sys.version_info[:3])
    originals = {}
    protocols = sorted({0, 2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL})
    for name, value in corpus():
        for proto in protocols:
            data = bytes(ForkingPickler.dumps(value, proto))
            originals[(name, proto)] = data
            print("CASE %s %d %s" % (name, proto, b64(data)))
    print("CASES_END")
    for line in sys.stdin:
        parts = line.rstrip("\n").split(" ", 3)
        if parts[0] == "ECHO_END":
            break
        name, proto = parts[1], int(parts[2])
        if parts[0] == "ECHOERR":
            print("RESULT BAD %s %d Java failed: %s" % (name, proto, parts[3]))
            continue
        try:
            expected = pickle.loads(originals[(name, proto)])
            echoed = pickle.loads(base64.b64decode(parts[3]))
            why = same(expected, echoed, {}, {})
        except Exception as e:
            why = "CPython could not load the echo: %r" % (e,)
        print("RESULT %s %s %d %s" % ("BAD" if why else "OK", name, proto, why or ""))
    print("A_END")
    for line in sys.stdin:
        parts = line.rstrip("\n").split(" ")
        if parts[0] == "VALUES_END":
            break
        try:
            value = pickle.loads(base64.b64decode(parts[2]))
            print("BACK %s %s %s" % (parts[1], b64(ForkingPickler.dumps(value)), desc(value)))
        except Exception as e:
            print("LOADERR %s %r" % (parts[1], e))
    print("B_END")


if __name__ == "__main__":
    main()
