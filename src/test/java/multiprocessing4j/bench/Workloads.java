package multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.List;

/** Every workload the harness knows, in report order, and the selection by name prefix. */
public final class Workloads {
    private Workloads() {}

    public static List<Workload> all() {
        List<Workload> all = new ArrayList<>();
        for (String family : List.of("tcp", "unix")) {
            for (ConnectionWorkload.Metric m : ConnectionWorkload.Metric.values()) {
                all.add(new ConnectionWorkload(m, family));
            }
        }
        for (String op : List.of("dumps", "loads")) {
            for (PickleData d : PickleData.values()) all.add(new PickleWorkload(op, d));
        }
        all.addAll(QueueWorkload.all());
        for (int clients : new int[] {1, 8}) all.add(new ManagerWorkload(clients));
        for (String op : PoolWorkload.OPS) all.add(new PoolWorkload(op));
        for (String direction : List.of("out", "in")) all.add(new ArrayCopyWorkload(direction));
        for (String metric : SyncWorkload.METRICS) all.add(new SyncWorkload(metric));
        for (String method : List.of("fork", "forkserver", "spawn")) all.add(new StartWorkload(method));
        return all;
    }

    /** The workloads whose names start with one of {@code prefixes}; all of them if there is none. */
    public static List<Workload> select(List<String> prefixes) {
        if (prefixes.isEmpty()) return all();
        return all().stream().filter(w -> prefixes.stream().anyMatch(w.name()::startsWith)).toList();
    }
}
