package multiprocessing4j.bench;

import java.util.List;

/** A workload's CPython baseline and its Java contenders, as measured in one run. */
public record WorkloadResult(Workload workload, Measured baseline, List<Measured> contenders) {

    /** How much faster the contender is than the baseline (higher is better), or null if either failed. */
    public Double speedup(Measured contender) {
        if (!contender.outcome().ok() || !baseline.outcome().ok()) return null;
        return workload.sense().speedup(contender.outcome().summary().median(),
                baseline.outcome().summary().median());
    }
}
