package multiprocessing4j.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
              --jvm "OPTIONS"   options for the Java programs' JVMs, e.g. "-XX:+UseParallelGC" (default: none)
              --rounds N        times each trial runs, in fresh processes, taking turns (default %d)
              --warmup S        untimed seconds before measuring, per round (default %s)
              --reps N          timed repetitions per round (default %d)
              --rep-seconds S   seconds per repetition (default %s)
              --list            print the workloads and exit
            """.formatted(Timing.DEFAULT.rounds(), Timing.DEFAULT.warmup(), Timing.DEFAULT.reps(),
            Timing.DEFAULT.repSeconds());

    private final Timing timing;
    private final TrialRunner runner;
    /** Trials without CPython in them give the same figure for every interpreter: run once. */
    private final Map<List<List<String>>, Outcome> javaOnly = new HashMap<>();

    private Harness(Timing timing) {
        this.timing = timing;
        this.runner = new TrialRunner(timing);
    }

    public static void main(String[] argv) throws InterruptedException {
        try {
            run(new Args(argv, Set.of("--python-all", "--list", "--help")));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("run-bench: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(Args args) throws IOException, InterruptedException {
        if (args.has("--help")) {
            System.out.print(USAGE);
            return;
        }
        if (args.has("--list")) {
            Workloads.all().forEach(w -> System.out.println(w.name()));
            return;
        }
        List<Workload> workloads = Workloads.select(args.positional());
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no workload matches " + args.positional() + " (--list names them)");
        }
        Timing timing = Timing.from(args);
        List<Python> pythons = args.has("--python-all") ? allPythons() : List.of(Python.probe(args.get("--python", "python3")));
        String jvm = args.get("--jvm", "").strip();
        List<String> jvmOptions = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
        Harness harness = new Harness(timing);
        String loadAtStart = MachineInfo.loadAverage();
        Optional<CpuTimes> cpuAtStart = CpuTimes.now();
        List<Report.Section> sections = new ArrayList<>();
        for (Python python : pythons) {
            Programs programs = new Programs(python, jvmOptions, Project.dir());
            sections.add(new Report.Section(python, harness.runAll(workloads, programs)));
        }
        String steal = cpuAtStart.flatMap(start -> CpuTimes.now().map(end -> end.stealSince(start))).orElse("unknown");
        Report.Setup setup = new Report.Setup(MachineInfo.here(), jvmOptions, timing, loadAtStart, MachineInfo.loadAverage(), steal);
        System.out.print(Report.render(setup, sections));
    }

    private List<WorkloadResult> runAll(List<Workload> workloads, Programs programs) throws InterruptedException {
        List<WorkloadResult> results = new ArrayList<>();
        for (Workload w : workloads) {
            List<Trial> trials = new ArrayList<>();
            trials.add(w.baseline(programs));
            trials.addAll(w.contenders(programs));
            List<Outcome> outcomes = measure(w, trials, programs);
            List<Measured> measured = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) measured.add(new Measured(trials.get(i).label(), outcomes.get(i)));
            results.add(new WorkloadResult(w, measured.get(0), measured.subList(1, measured.size())));
        }
        return results;
    }

    /** Runs the trials in turn, round after round, pooling each one's samples. */
    private List<Outcome> measure(Workload w, List<Trial> trials, Programs programs) throws InterruptedException {
        Outcome[] pooled = new Outcome[trials.size()];
        for (int round = 1; round <= timing.rounds(); round++) {
            for (int i = 0; i < trials.size(); i++) {
                Trial trial = trials.get(i);
                boolean failedBefore = pooled[i] != null && !pooled[i].ok();
                if (failedBefore || javaOnly.containsKey(key(trial))) continue;
                System.err.println(w.name() + " · " + trial.label() + " · " + programs.python() + " · round " + round);
                Outcome outcome = runner.run(trial);
                System.err.println("  " + outcome.cell());
                pooled[i] = pooled[i] == null ? outcome : pooled[i].plus(outcome);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            boolean javaOnlyTrial = !trial.mentions(programs.python().executable());
            if (javaOnlyTrial) javaOnly.putIfAbsent(key(trial), pooled[i]);
            outcomes.add(javaOnlyTrial ? javaOnly.get(key(trial)) : pooled[i]);
        }
        return outcomes;
    }

    private static List<List<String>> key(Trial trial) {
        return Arrays.asList(trial.server(), trial.client());
    }

    private static List<Python> allPythons() {
        return CPythons.discovered().stream()
                .map(c -> new Python(c.executable().toString(), c.version()))
                .toList();
    }
}
