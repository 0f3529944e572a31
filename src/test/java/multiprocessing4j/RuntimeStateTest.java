package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code fork} carries of a JVM's runtime state, applied in the JVM that receives it. */
class RuntimeStateTest {
    private static final String CHILD_ONLY = "mp4j.test.childOnly";
    private static final String PARENTS = "mp4j.test.parents";
    private static final String CHANGED = "mp4j.test.changed";

    @AfterEach
    void restore() {
        for (String key : new String[] {CHILD_ONLY, PARENTS, CHANGED}) System.clearProperty(key);
    }

    @Test
    void applyingMakesThePropertiesTheParentsButLeavesTheJvmsOwn() {
        System.setProperty(CHILD_ONLY, "x");
        System.setProperty(CHANGED, "child");
        PreparationData.RuntimeState mine = PreparationData.RuntimeState.capture();
        assertFalse(mine.properties().containsKey("java.class.path"), "fixed by the JVM, never carried");
        assertFalse(mine.properties().containsKey("user.dir"), "fixed by the JVM, never carried");

        Map<String, String> parents = new TreeMap<>(mine.properties());
        parents.remove(CHILD_ONLY);
        parents.put(PARENTS, "p");
        parents.put(CHANGED, "parent");
        String classPath = System.getProperty("java.class.path");
        new PreparationData.RuntimeState(parents, mine.locale(), mine.timeZone()).apply();

        assertNull(System.getProperty(CHILD_ONLY));
        assertEquals("p", System.getProperty(PARENTS));
        assertEquals("parent", System.getProperty(CHANGED));
        assertEquals(classPath, System.getProperty("java.class.path"));
        assertEquals(parents, PreparationData.RuntimeState.capture().properties());
    }
}
