package multiprocessing4j.interop;

import java.nio.file.Path;

/**
 * One CPython interpreter found on this machine. Its {@code toString()} is what interop tests
 * put in their display names, e.g. {@code CPython 3.6.15}.
 */
public record CPython(int major, int minor, int micro, Path executable) implements Comparable<CPython> {

    public String version() {
        return major + "." + minor + "." + micro;
    }

    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    @Override
    public int compareTo(CPython o) {
        if (major != o.major) return Integer.compare(major, o.major);
        if (minor != o.minor) return Integer.compare(minor, o.minor);
        return Integer.compare(micro, o.micro);
    }

    @Override
    public String toString() {
        return "CPython " + version();
    }
}
