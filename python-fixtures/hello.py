"""Smallest fixture: proves the peer plumbing. Prints the version, echoes stdin lines."""
import sys

print("READY %d.%d.%d" % sys.version_info[:3])
for line in sys.stdin:
    print("ECHO " + line.rstrip("\n"))
