package multiprocessing4j.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.IdentityHashMap;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link IdentityInts} against an {@link IdentityHashMap}, over puts and gets of a few keys, equal ones among them. */
class IdentityIntsPropertiesTest {

    @Property(tries = 500)
    void behavesAsAnIdentityHashMap(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5) Integer> keyChoices,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 1000) Integer> values) {
        // six keys, two pairs of them equal but distinct: identity, not equality, must decide
        Object[] keys = {new String("a"), new String("a"), List.of(1), new java.util.ArrayList<>(List.of(1)), new Object(), new Object()};
        IdentityInts map = new IdentityInts();
        IdentityHashMap<Object, Integer> model = new IdentityHashMap<>();
        for (int i = 0; i < keyChoices.size(); i++) {
            Object key = keys[keyChoices.get(i)];
            if (i < values.size() && values.get(i) % 3 != 0) {
                map.put(key, values.get(i));
                model.put(key, values.get(i));
            }
            for (Object k : keys) assertEquals(model.getOrDefault(k, -1), map.get(k));
            assertEquals(model.size(), map.size());
        }
    }
}
