package multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of the benchmark programs: {@code --name value} options, {@code --flag}s
 * (declared, they take no value) and positional words, in the style of the Python scripts' argparse.
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    public Args(String[] argv, Set<String> flags) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                positional.add(a);
            } else if (flags.contains(a)) {
                options.put(a, "true");
            } else if (i + 1 < argv.length) {
                options.put(a, argv[++i]);
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
    }

    public Args(String[] argv) {
        this(argv, Set.of());
    }

    public String get(String name) {
        String v = options.get(name);
        if (v == null) throw new IllegalArgumentException("missing " + name);
        return v;
    }

    public String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public List<String> positional() {
        return positional;
    }
}
