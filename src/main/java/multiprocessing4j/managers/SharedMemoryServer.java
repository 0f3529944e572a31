package multiprocessing4j.managers;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import multiprocessing4j.PyTypeError;
import multiprocessing4j.PyValueError;
import multiprocessing4j.reduction.PyRepr;
import multiprocessing4j.reduction.PyTuple;
import multiprocessing4j.sharedmemory.Segments;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * The server side of a {@link SharedMemoryManager}: CPython's {@code SharedMemoryServer} and its
 * {@code _SharedMemoryTracker}. Clients create segments themselves and hand their names over
 * with {@code track_segment}; {@code release_segment} unlinks one now, {@code list_segments}
 * names them, and shutting the server down unlinks the rest.
 *
 * <p>This JVM {@linkplain Segments#own owns} every tracked segment, so the segments are also
 * unlinked when it exits without a shutdown, and by its tracker process when it is killed.
 */
final class SharedMemoryServer implements ServerExtension {
    private final List<String> segmentNames = new ArrayList<>(); // guarded by this

    @Override
    public Set<String> methods() {
        return Set.of("track_segment", "release_segment", "list_segments");
    }

    @Override
    public Object call(String method, PyTuple args, Map<String, Object> kwds) {
        switch (method) {
            case "track_segment":
                trackSegment(segmentName(args, kwds));
                return null;
            case "release_segment":
                releaseSegment(segmentName(args, kwds));
                return null;
            default:
                if (!args.isEmpty() || !kwds.isEmpty()) {
                    throw new PyTypeError("list_segments() takes no arguments, got " + PyRepr.repr(args));
                }
                return listSegments();
        }
    }

    /** CPython's {@code register_segment}: the name is appended (twice if given twice, as CPython). */
    synchronized void trackSegment(String name) {
        segmentNames.add(name);
        Segments.own(name);
    }

    /**
     * CPython's {@code destroy_segment}: forgets the name and unlinks the segment.
     *
     * @throws PyValueError when the name is not tracked ("list.remove(x): x not in list", as CPython)
     */
    void releaseSegment(String name) {
        synchronized (this) {
            if (!segmentNames.remove(name)) throw new PyValueError("list.remove(x): x not in list");
        }
        try {
            new SharedMemory(name).unlink();
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) throw e;
            Segments.disown(name); // someone unlinked it already: nothing left to do (CPython raises FileNotFoundError)
        }
    }

    synchronized List<String> listSegments() {
        return new ArrayList<>(segmentNames);
    }

    /** CPython's {@code unlink()} at shutdown: every tracked segment is released. Idempotent. */
    @Override
    public void shutdown() {
        for (String name : listSegments()) {
            try {
                releaseSegment(name);
            } catch (RuntimeException e) {
                System.err.println("SharedMemoryServer: cannot unlink " + name + ": " + e);
            }
        }
    }

    private static String segmentName(PyTuple args, Map<String, Object> kwds) {
        Object name;
        if (args.size() == 1 && kwds.isEmpty()) name = args.get(0);
        else if (args.isEmpty() && kwds.size() == 1 && kwds.containsKey("segment_name")) name = kwds.get("segment_name");
        else throw new PyTypeError("takes exactly one argument 'segment_name', got " + PyRepr.repr(args));
        if (!(name instanceof String s)) throw new PyTypeError("segment_name must be str, not " + PyRepr.repr(name));
        return s;
    }
}
