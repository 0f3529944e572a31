"""Starts multiprocessing4j's Java programs for the compat suites (stdlib only, Python 3.6+).

The classpath comes from MP4J_CLASSPATH when the Maven run starts the suites, otherwise from
the build output (target/classes plus target/classpath.txt written by `mvn package`).
"""
import os
import subprocess
import sys
import threading

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def classpath():
    cp = os.environ.get("MP4J_CLASSPATH")
    if cp:
        return cp
    target = os.path.join(PROJECT_DIR, "target")
    deps_file = os.path.join(target, "classpath.txt")
    if not os.path.exists(deps_file):
        raise RuntimeError("Java side not built: run `mvn -B -DskipTests package` first")
    with open(deps_file) as f:
        deps = f.read().strip()
    return os.pathsep.join([os.path.join(target, "classes"), deps])


def java_command():
    home = os.environ.get("JAVA_HOME")
    return os.path.join(home, "bin", "java") if home else "java"


class JavaPeer(object):
    """A running `multiprocessing4j.cli.Main <args>`; the first stdout line `READY ...` is its address."""

    def __init__(self, *args):
        cmd = [java_command(), "-cp", classpath(), "multiprocessing4j.cli.Main"] + list(args)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, universal_newlines=True)
        self.stderr_lines = []
        t = threading.Thread(target=self._drain_stderr)
        t.daemon = True
        t.start()
        self.ready = self.expect("READY")

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line)

    def expect(self, prefix):
        while True:
            line = self.proc.stdout.readline()
            if not line:
                self.proc.wait()
                raise RuntimeError("Java peer exited (%s) before %r; stderr:\n%s"
                                   % (self.proc.returncode, prefix, "".join(self.stderr_lines)))
            if line.startswith(prefix):
                return line[len(prefix):].strip()

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for f in (self.proc.stdout, self.proc.stderr):
            f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def parse_address(text):
    """`127.0.0.1:5000` -> ('127.0.0.1', 5000); anything else is a Unix socket path."""
    host, sep, port = text.rpartition(":")
    if sep and port.isdigit() and not text.startswith("/"):
        return (host, int(port))
    return text
