package multiprocessing4j.sharedmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The segment names a test class saw created (by Java or by a peer), to check none is left. */
final class TestSegments {
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    String add(String name) {
        names.add(name);
        return name;
    }

    /** Fails when any of them is still in {@code /dev/shm}. */
    void assertNoneLeft() {
        List<String> left = names.stream().filter(n -> Files.exists(SharedMemory.DIR.resolve(n))).sorted().toList();
        assertEquals(List.of(), left, "segments left in /dev/shm");
    }
}
