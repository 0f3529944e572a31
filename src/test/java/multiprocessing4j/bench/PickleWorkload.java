package multiprocessing4j.bench;

import java.util.List;

/**
 * {@code pickle.dumps.<data>} / {@code pickle.loads.<data>}: Java's {@code ForkingPickler}
 * against CPython's C pickle at {@code DEFAULT_PROTOCOL}, in milliseconds per call. Loads is
 * timed on CPython's pickle (what Java receives on the wire) and on Java's own.
 */
public record PickleWorkload(String op, PickleData data) implements Workload {

    @Override
    public String name() {
        return "pickle." + op + "." + data.id();
    }

    @Override
    public String unit() {
        return "ms/call";
    }

    @Override
    public Sense sense() {
        return Sense.LOWER_IS_BETTER;
    }

    @Override
    public Trial baseline(Programs p) {
        return Trial.alone("CPython `pickle`", p.python("pickle_bench.py", op, data.id()));
    }

    @Override
    public List<Trial> contenders(Programs p) {
        if (op.equals("dumps")) {
            return List.of(Trial.alone("Java", p.java(PickleBench.class, "dumps", data.id())));
        }
        String python = p.python().executable();
        String script = p.fixture("pickle_bench.py").toString();
        return List.of(
                Trial.alone("Java, CPython's pickle", p.java(PickleBench.class, "loads", data.id(),
                        "--python", python, "--script", script)),
                Trial.alone("Java, CPython's pickle as `recv()` reads it", p.java(PickleBench.class, "loads-received",
                        data.id(), "--python", python, "--script", script)),
                Trial.alone("Java, own pickle", p.java(PickleBench.class, "loads-own", data.id())));
    }
}
