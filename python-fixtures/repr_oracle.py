"""Oracle for the PyRepr tests: prints CPython's repr() of values the Java test sends.

Protocol (text lines, UTF-8): prints "READY <python version> <unicodedata version>", then for
each stdin line answers one line:
  PRINTABLE   -> "= " + the code points where str.isprintable() flips, in decimal (it starts
                 False at U+0000), so the test can compare Unicode databases
  <value>     -> "= " + repr(value), or "! " + the error
A value is a Python expression restricted to literals (ast.literal_eval) plus calls of the few
constructors in CALLS: float.fromhex, complex, set, frozenset, bytearray, Decimal, date, time,
datetime, timedelta, timezone, ZoneInfo, and the name utc. Nothing else is evaluated.

Run as "python3.11 repr_oracle.py --printable-table" it prints the table embedded in
ReprPrintable.java (base-36 gaps between those code points).
"""
import ast
import datetime
import decimal
import io
import sys
import unicodedata

try:
    import zoneinfo
except ImportError:  # before 3.9
    zoneinfo = None

CALLS = {
    'float.fromhex': float.fromhex, 'complex': complex, 'set': set, 'frozenset': frozenset,
    'bytearray': bytearray, 'Decimal': decimal.Decimal, 'date': datetime.date,
    'time': datetime.time, 'datetime': datetime.datetime, 'timedelta': datetime.timedelta,
    'timezone': datetime.timezone,
}
if zoneinfo:
    CALLS['ZoneInfo'] = zoneinfo.ZoneInfo
NAMES = {'utc': datetime.timezone.utc}


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return dotted(node.value) + '.' + node.attr
    raise ValueError('not a name: ' + ast.dump(node))


def value(node):
    if isinstance(node, ast.Call):
        f = CALLS[dotted(node.func)]
        return f(*[value(a) for a in node.args], **{k.arg: value(k.value) for k in node.keywords})
    if isinstance(node, (ast.Name, ast.Attribute)):
        return NAMES[dotted(node)]
    if isinstance(node, ast.List):
        return [value(e) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(value(e) for e in node.elts)
    if isinstance(node, ast.Set):
        return {value(e) for e in node.elts}
    if isinstance(node, ast.Dict):
        return {value(k): value(v) for k, v in zip(node.keys, node.values)}
    return ast.literal_eval(node)


def flips():
    result, printable = [], False
    for cp in range(sys.maxunicode + 1):
        if chr(cp).isprintable() != printable:
            result.append(cp)
            printable = not printable
    return result


def base36(n):
    digits = ''
    while True:
        n, d = divmod(n, 36)
        digits = '0123456789abcdefghijklmnopqrstuvwxyz'[d] + digits
        if n == 0:
            return digits


def printable_table():
    gaps, previous = [], 0
    for cp in flips():
        gaps.append(base36(cp - previous))
        previous = cp
    line = ''
    for gap in gaps:
        if len(line) + len(gap) + 1 > 100:
            print(line.rstrip())
            line = ''
        line += gap + ' '
    print(line.rstrip())


def serve():
    out = io.TextIOWrapper(sys.stdout.buffer, encoding='utf-8', newline='\n')
    out.write('READY %d.%d.%d %s\n' % (sys.version_info[:3] + (unicodedata.unidata_version,)))
    out.flush()
    for line in sys.stdin:
        line = line.rstrip('\n')
        try:
            if line == 'PRINTABLE':
                answer = ' '.join(map(str, flips()))
            else:
                answer = repr(value(ast.parse(line, mode='eval').body))
            out.write('= ' + answer + '\n')
        except Exception as e:
            out.write('! %s: %s\n' % (type(e).__name__, e))
        out.flush()


if __name__ == '__main__':
    if sys.argv[1:] == ['--printable-table']:
        printable_table()
    else:
        serve()
