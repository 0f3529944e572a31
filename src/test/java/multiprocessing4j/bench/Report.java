package multiprocessing4j.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The markdown the harness prints: what it ran on and how, then one table per suite and
 * interpreter, each Java figure beside the CPython baseline with the ratio.
 */
public final class Report {

    /** The results measured against one interpreter. */
    public record Section(Python python, List<WorkloadResult> results) {}

    /**
     * How the run was made: where, with which JVM options and timing, under how much load, and how
     * much of the machine's CPU time its host took away ({@code stealDuringRun}, e.g. {@code "0.4%"}).
     */
    public record Setup(MachineInfo machine, List<String> jvmOptions, Timing timing, String loadAtStart, String loadAtEnd,
            String stealDuringRun) {}

    private Report() {}

    public static String render(Setup setup, List<Section> sections) {
        MachineInfo machine = setup.machine();
        Timing timing = setup.timing();
        List<String> jvmOptions = setup.jvmOptions();
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" by `./run-bench`.\n\n");
        out.append("- Machine: ").append(machine.cores()).append(" cores (").append(machine.cpu()).append("), ")
                .append(machine.memory()).append(" RAM, ").append(machine.os())
                .append("; 1-minute load average ").append(setup.loadAtStart()).append(" at the start, ")
                .append(setup.loadAtEnd()).append(" at the end (other work on the machine widens the spreads); steal time ")
                .append(setup.stealDuringRun()).append(" of all CPU time during the run (a virtual machine's host running other "
                        + "work: above a few percent, figures drop and spread, one-client round trips most)\n");
        out.append("- Java: ").append(machine.jvm()).append(jvmOptions.isEmpty()
                ? ", default JVM options"
                : ", JVM options `" + String.join(" ", jvmOptions) + "`").append('\n');
        out.append("- CPython: ");
        for (int i = 0; i < sections.size(); i++) {
            Python py = sections.get(i).python();
            out.append(i == 0 ? "" : ", ").append(py.version()).append(" (`").append(py.executable()).append("`)");
        }
        out.append('\n');
        out.append("- Method: each trial (one configuration of a workload) runs ")
                .append(timing.rounds() == 1 ? "once" : timing.rounds() + " times").append(", taking turns with the workload's other trials, each time in fresh processes "
                        + "(client and server each in its own JVM or interpreter): ")
                .append(Figures.format(timing.warmup())).append(" s warm-up, then ").append(timing.reps())
                .append(" timed repetitions of ").append(Figures.format(timing.repSeconds()))
                .append(" s. A figure is the median of those ").append(timing.rounds() * timing.reps())
                .append(" samples, with their min–max in parentheses.")
                .append(sections.size() > 1 ? " Trials without CPython in them run once and appear in every table." : "")
                .append('\n');
        out.append("- Ratio: Java's speed ÷ CPython's, whatever the unit (↑ higher is better, ↓ lower is better): "
                + ">1.00× means the Java configuration is faster than the all-CPython one.\n");
        if (sections.size() > 1) {
            out.append("\n#### Ratios by interpreter\n\n").append(ratiosByInterpreter(sections));
        }
        for (Section section : sections) {
            for (Map.Entry<String, List<WorkloadResult>> suite : bySuite(section.results()).entrySet()) {
                out.append("\n#### ").append(suite.getKey()).append(" — ").append(section.python()).append("\n\n");
                out.append(table(suite.getValue()));
            }
        }
        return out.toString();
    }

    static MarkdownTable table(List<WorkloadResult> results) {
        String baselineLabel = results.get(0).baseline().label();
        // Workloads of one suite may have different baselines (start.spawn's is CPython's spawn):
        // then each baseline cell names its own.
        boolean oneBaseline = results.stream().allMatch(r -> r.baseline().label().equals(baselineLabel));
        MarkdownTable table = new MarkdownTable("Workload", "Unit", "Java configuration", "Java", oneBaseline ? baselineLabel : "CPython baseline", "Ratio");
        for (WorkloadResult r : results) {
            boolean first = true;
            for (Measured contender : r.contenders()) {
                Double speedup = r.speedup(contender);
                table.row(first ? "`" + r.workload().name() + "`" : "",
                        first ? r.workload().sense().mark(r.workload().unit()) : "",
                        contender.label(),
                        contender.outcome().cell(),
                        !first ? "" : oneBaseline ? r.baseline().outcome().cell()
                                : r.baseline().label() + ": " + r.baseline().outcome().cell(),
                        speedup == null ? "–" : Figures.ratio(speedup));
                first = false;
            }
        }
        return table;
    }

    /**
     * With several interpreters: each workload's CPython figure, then each Java configuration's
     * ratio, one column per interpreter (the details follow in the per-interpreter tables).
     */
    static MarkdownTable ratiosByInterpreter(List<Section> sections) {
        List<String> header = new ArrayList<>(List.of("Workload", "Configuration"));
        sections.forEach(s -> header.add(s.python().version()));
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        List<WorkloadResult> first = sections.get(0).results();
        for (int w = 0; w < first.size(); w++) {
            Workload workload = first.get(w).workload();
            List<String> row = new ArrayList<>(List.of("`" + workload.name() + "`", "CPython, " + workload.sense().mark(workload.unit())));
            for (Section s : sections) {
                Outcome baseline = s.results().get(w).baseline().outcome();
                row.add(baseline.ok() ? Figures.format(baseline.summary().median()) : "error");
            }
            table.row(row.toArray(String[]::new));
            for (int c = 0; c < first.get(w).contenders().size(); c++) {
                row = new ArrayList<>(List.of("", first.get(w).contenders().get(c).label()));
                for (Section s : sections) {
                    WorkloadResult r = s.results().get(w);
                    Double speedup = r.speedup(r.contenders().get(c));
                    row.add(speedup == null ? "–" : Figures.ratio(speedup));
                }
                table.row(row.toArray(String[]::new));
            }
        }
        return table;
    }

    private static Map<String, List<WorkloadResult>> bySuite(List<WorkloadResult> results) {
        Map<String, List<WorkloadResult>> suites = new LinkedHashMap<>();
        for (WorkloadResult r : results) {
            suites.computeIfAbsent(r.workload().suite(), k -> new ArrayList<>()).add(r);
        }
        return suites;
    }
}
