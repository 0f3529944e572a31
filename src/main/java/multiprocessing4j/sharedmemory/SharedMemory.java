package multiprocessing4j.sharedmemory;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import multiprocessing4j.PyValueError;

/**
 * A named block of memory that any process, Java or CPython 3.8+, can attach to: Python's
 * {@code multiprocessing.shared_memory.SharedMemory}. On Linux a segment is the file
 * {@code /dev/shm/<name>} (what {@code shm_open} creates), mapped into each process that
 * attaches; {@link #buf()} views the mapping.
 *
 * <p>Names as CPython's: a generated name is {@code psm_} and 8 lowercase hex digits;
 * {@link #name()} has no leading {@code /}. Created segments get mode {@code 0600}, as
 * {@code shm_open} does in CPython.
 *
 * <h2>Lifetime and tracking</h2>
 * {@link #close()} ends this object's use of the segment; {@link #unlink()} removes the segment
 * (processes that have it mapped keep their mapping). A segment that this JVM created and did not
 * unlink is unlinked when this JVM exits normally, with a warning on stderr, as CPython's resource
 * tracker does for a leaked segment ({@link Segments}). Unlike CPython 3.8–3.12, merely
 * attaching never makes this JVM unlink a segment. When the creator is killed (SIGKILL
 * included), its {@link SegmentTracker} process unlinks what it had not.
 *
 * <p>JDK 17 cannot unmap a {@link MappedByteBuffer} explicitly: after {@code close()} the mapping
 * is released when the last buffer from {@code buf()} is garbage-collected; {@code buf()} then
 * throws.
 *
 * <p>A SharedMemory captured by a {@code Process} target travels by name and re-attaches in the
 * child (the child does not own it).
 */
public final class SharedMemory implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    /** Where Linux keeps POSIX shared-memory objects. */
    static final Path DIR = Path.of("/dev/shm");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final int size;
    private volatile MappedByteBuffer mapping;

    /** Creates a segment of {@code size} bytes with a generated {@code psm_xxxxxxxx} name. */
    public SharedMemory(int size) {
        this(null, true, size);
    }

    /** Attaches to the existing segment {@code name} (with or without a leading {@code /}). */
    public SharedMemory(String name) {
        this(name, false, 0);
    }

    /**
     * Python's {@code SharedMemory(name, create, size)}: with {@code create}, makes a new segment
     * of {@code size} bytes called {@code name} (generated when null) and owns it; without,
     * attaches to {@code name} and {@code size} is ignored (the size is the segment's).
     *
     * @throws PyValueError for a negative {@code size}, when creating with {@code size} 0, or
     *     attaching without a name
     * @throws UncheckedIOException wrapping {@link java.nio.file.FileAlreadyExistsException} or
     *     {@link NoSuchFileException}, as CPython's {@code FileExistsError}/{@code FileNotFoundError}
     */
    public SharedMemory(String name, boolean create, int size) {
        // CPython's checks, in its order: a negative size is refused even when attaching
        if (size < 0) throw new PyValueError("'size' must be a positive integer");
        if (create && size == 0) throw new PyValueError("'size' must be a positive number different from zero");
        if (!create && name == null) throw new PyValueError("'name' can only be None if create=True");
        String n = name == null ? null : stripSlash(name);
        try {
            if (create) {
                MappedByteBuffer m = null;
                while (m == null) {
                    String candidate = n != null ? n : generatedName();
                    try {
                        m = map(candidate, true, size);
                        n = candidate;
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        if (n != null) throw e; // a generated name is retried, as CPython does
                    }
                }
                this.mapping = m;
                Segments.created(n);
            } else {
                this.mapping = map(n, false, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.name = n;
        this.size = mapping.capacity();
    }

    private static String stripSlash(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        if (n.isEmpty() || n.contains("/")) throw new PyValueError("invalid shared memory name: '" + name + "'");
        return n;
    }

    private static String generatedName() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "psm_" + HexFormat.of().formatHex(b);
    }

    private static MappedByteBuffer map(String name, boolean create, int size) throws IOException {
        Path path = DIR.resolve(name);
        if (create) {
            try (FileChannel ch = FileChannel.open(path,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                return ch.map(FileChannel.MapMode.READ_WRITE, 0, size); // extends the file: ftruncate
            }
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long length = ch.size();
            if (length > Integer.MAX_VALUE) throw new IOException(name + ": segments above 2 GiB are not supported");
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
    }

    /** The segment's name, without a leading {@code /} (e.g. {@code psm_2296c246}). */
    public String name() {
        return name;
    }

    /** The segment's size in bytes. */
    public int size() {
        return size;
    }

    /**
     * A view of the whole segment: position 0, limit {@link #size()}, native byte order (as
     * CPython's {@code struct} uses). Each call returns a new view of the same memory.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public MappedByteBuffer buf() {
        MappedByteBuffer m = mapping;
        if (m == null) throw new IllegalStateException("SharedMemory " + name + " is closed");
        return (MappedByteBuffer) m.duplicate().order(ByteOrder.nativeOrder());
    }

    /** Ends this object's use of the segment; the segment itself remains until unlinked. Idempotent. */
    @Override
    public void close() {
        mapping = null;
    }

    /**
     * Removes the segment by name (CPython's {@code shm_unlink}); processes that have it mapped
     * keep their memory. Call it once, from one process, usually the creator.
     *
     * @throws UncheckedIOException wrapping {@link NoSuchFileException} when it is already gone
     */
    public void unlink() {
        try {
            Files.delete(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Segments.unlinked(name);
        }
    }

    /** Python's repr: {@code SharedMemory('psm_2296c246', size=4096)}. */
    @Override
    public String toString() {
        return "SharedMemory('" + name + "', size=" + size + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedMemory s && s.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    private Object writeReplace() {
        return new Handle(name);
    }

    /** A SharedMemory on its way to a child: its name; the child attaches. */
    private record Handle(String name) implements Serializable {
        private Object readResolve() {
            return new SharedMemory(name);
        }
    }
}
