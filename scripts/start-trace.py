#!/usr/bin/env python3
"""Turns the mp4j-start-trace lines on stdin (a run with -Dmultiprocessing4j.trace.start=true,
see StartTrace.java) into one timeline per start: milliseconds since the parent's `start` mark
and since the previous mark, the process id and the event."""
import sys

marks = sorted((int(f[1]), f[2], f[3]) for f in (line.split() for line in sys.stdin)
               if len(f) == 4 and f[0] == "mp4j-start-trace")
start = prev = None
for t, pid, event in marks:
    if event == "start":
        if start is not None:
            print()
        start = prev = t
    if start is None:
        continue
    print("%9.2f %+8.2f  %-7s %s" % ((t - start) / 1e6, (t - prev) / 1e6, pid, event))
    prev = t
