package multiprocessing4j.managers;

import java.util.ArrayList;
import java.util.List;
import multiprocessing4j.sharedmemory.Segments;
import multiprocessing4j.sharedmemory.ShareableList;
import multiprocessing4j.sharedmemory.SharedMemory;

/**
 * CPython's {@code multiprocessing.managers.SharedMemoryManager}: a manager whose server keeps
 * track of shared-memory segments and unlinks them all when it shuts down.
 *
 * <p>Both roles, as CPython's:
 * <ul>
 *   <li>Serving: {@link #start()} (a child process) or {@link #getServer()} (this JVM) serves
 *       CPython's {@code SharedMemoryServer} protocol, so an unmodified CPython 3.8–3.13
 *       {@code SharedMemoryManager(address, authkey)} connects and uses it exactly as one of its
 *       own ({@code track_segment}, {@code release_segment}, {@code list_segments}).
 *   <li>Client: {@link #connect()} to a CPython (or Java) one, then {@link #SharedMemory(int)},
 *       {@link #ShareableList(List)}.
 * </ul>
 *
 * <pre>{@code
 * try (SharedMemoryManager smm = new SharedMemoryManager()) {
 *     smm.start();
 *     SharedMemory shm = smm.SharedMemory(128);
 *     ShareableList sl = smm.ShareableList(List.of(1, "two", 3.0));
 * }   // the server shuts down and unlinks both segments
 * }</pre>
 *
 * <p>Ownership: the client creates each segment, as CPython's does, then hands it to the server;
 * from then on only the server unlinks it (at shutdown, on {@code release_segment}, at its JVM's
 * exit, or through its tracker process if its JVM is killed), and the client's JVM does not.
 * CPython 3.8–3.12 clients also leave the segment registered with their own resource tracker,
 * which unlinks it when the client exits; that is CPython's behaviour, unchanged here.
 */
public class SharedMemoryManager extends BaseManager {
    /** A manager for the server at {@code address}, or one to serve there; see {@link BaseManager#BaseManager(Object, byte[])}. */
    public SharedMemoryManager(Object address, byte[] authkey) {
        super(address, authkey);
    }

    /** A manager to serve on a fresh Unix socket path with a fresh authkey, as CPython's {@code SharedMemoryManager()}. */
    public SharedMemoryManager() {
        super();
    }

    /** A server that also answers {@code track_segment}, {@code release_segment} and {@code list_segments}. */
    @Override
    public Server getServer() {
        return newServer(new SharedMemoryServer());
    }

    /**
     * A new segment of {@code size} bytes that the server tracks: CPython's
     * {@code smm.SharedMemory(size)}. If the server cannot take it, the segment is unlinked and the
     * error thrown.
     */
    public SharedMemory SharedMemory(int size) {
        SharedMemory shm = new SharedMemory(size);
        handOver(shm);
        return shm;
    }

    /** A new {@link ShareableList} of {@code sequence} that the server tracks: CPython's {@code smm.ShareableList(sequence)}. */
    public ShareableList ShareableList(List<?> sequence) {
        ShareableList sl = new ShareableList(sequence);
        handOver(sl.shm());
        return sl;
    }

    /** The names of the segments the server tracks, oldest first (the server's {@code list_segments}). */
    public List<String> listSegments() {
        List<String> names = new ArrayList<>();
        for (Object name : (List<?>) control("list_segments")) names.add((String) name);
        return names;
    }

    /** Unlinks a segment the server tracks now (the server's {@code release_segment}). */
    public void releaseSegment(String name) {
        control("release_segment", name);
    }

    /** Gives segment {@code name}, created elsewhere, to the server to unlink at shutdown (its {@code track_segment}). */
    public void trackSegment(String name) {
        control("track_segment", name);
    }

    private void handOver(SharedMemory shm) {
        Segments.disown(shm.name()); // first, so a server in this very JVM owns it afterwards
        try {
            trackSegment(shm.name());
        } catch (RuntimeException e) {
            shm.unlink();
            throw e;
        }
    }
}
