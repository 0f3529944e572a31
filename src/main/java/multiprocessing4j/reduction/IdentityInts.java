package multiprocessing4j.reduction;

import java.util.IdentityHashMap;

/**
 * A map by identity from objects to non-negative ints (the writer's memo indices, the reader's
 * nesting depths) that keeps its first entry in two fields and makes a map only for a second:
 * most messages have one entry at most (a manager's request or reply is one tuple), and a map
 * made per message would be most of what pickling one allocates.
 */
final class IdentityInts {
    private Object firstKey;
    private int firstValue;
    private IdentityHashMap<Object, Integer> rest;
    private int size;

    /** The value for {@code key}, or -1. */
    int get(Object key) {
        if (size == 0) return -1;
        if (key == firstKey) return firstValue;
        Integer v = rest == null ? null : rest.get(key);
        return v == null ? -1 : v;
    }

    void put(Object key, int value) {
        if (size == 0 || key == firstKey) {
            if (size == 0) size = 1;
            firstKey = key;
            firstValue = value;
            return;
        }
        if (rest == null) rest = new IdentityHashMap<>(4);
        if (rest.put(key, value) == null) size++;
    }

    int size() {
        return size;
    }
}
