package multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import multiprocessing4j.interop.CPythons;
import multiprocessing4j.interop.Project;

/**
 * The side-by-side benchmark: runs each selected workload in CPython and in Java, every trial in
 * fresh processes, and prints a markdown report (progress goes to stderr). See {@code ./run-bench --help}.
 */
public final class Harness {
    private static final String USAGE = """
            usage: ./run-bench [options] [workload-prefix ...]
              workload-prefix   run only workloads whose name starts with it (e.g. connection, pickle.loads)
              --python PATH     the CPython to compare with (default: python3)
              --python-all      compare with every CPython found (pyenv, PATH, MP4J_PYTHONS), one table each
              --warmup S        untimed seconds before measuring (default %s)
              --reps N          timed repetitions per trial (default %d)
              --rep-seconds S   seconds per repetition (default %s)
              --list            print the workloads and exit
            """.formatted(Timing.DEFAULT.warmup(), Timing.DEFAULT.reps(), Timing.DEFAULT.repSeconds());

    private final TrialRunner runner;
    /** Trials without CPython in them give the same figure for every interpreter: run once. */
    private final Map<List<List<String>>, Outcome> javaOnly = new HashMap<>();

    private Harness(Timing timing) {
        this.runner = new TrialRunner(timing);
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, Set.of("--python-all", "--list", "--help"));
        if (args.has("--help")) {
            System.out.print(USAGE);
            return;
        }
        List<Workload> workloads = Workloads.select(args.positional());
        if (args.has("--list") || workloads.isEmpty()) {
            if (workloads.isEmpty()) System.err.println("no workload matches " + args.positional());
            Workloads.all().forEach(w -> System.out.println(w.name()));
            return;
        }
        Timing timing = Timing.from(args);
        List<Python> pythons = args.has("--python-all") ? allPythons() : List.of(Python.probe(args.get("--python", "python3")));
        Harness harness = new Harness(timing);
        List<Report.Section> sections = new ArrayList<>();
        for (Python python : pythons) {
            sections.add(new Report.Section(python, harness.runAll(workloads, new Programs(python, Project.dir()))));
        }
        System.out.print(Report.render(MachineInfo.here(), timing, sections));
    }

    private List<WorkloadResult> runAll(List<Workload> workloads, Programs programs) throws InterruptedException {
        List<WorkloadResult> results = new ArrayList<>();
        for (Workload w : workloads) {
            Measured baseline = measure(w, w.baseline(programs), programs);
            List<Measured> contenders = new ArrayList<>();
            for (Trial t : w.contenders(programs)) contenders.add(measure(w, t, programs));
            results.add(new WorkloadResult(w, baseline, contenders));
        }
        return results;
    }

    private Measured measure(Workload w, Trial trial, Programs programs) throws InterruptedException {
        System.err.println(w.name() + " · " + trial.label() + " · " + programs.python());
        List<List<String>> key = Arrays.asList(trial.server(), trial.client());
        boolean cacheable = !trial.mentions(programs.python().executable());
        Outcome outcome = cacheable && javaOnly.containsKey(key) ? javaOnly.get(key) : runner.run(trial);
        if (cacheable) javaOnly.put(key, outcome);
        System.err.println("  " + outcome.cell());
        return new Measured(trial.label(), outcome);
    }

    private static List<Python> allPythons() {
        return CPythons.discovered().stream()
                .map(c -> new Python(c.executable().toString(), c.version()))
                .toList();
    }
}
