package multiprocessing4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's CPU time so far, in clock ticks, from the first line of {@code /proc/stat}, and how
 * much of it was steal: time a CPU of this (virtual) machine wanted to run while its host ran
 * something else. Steal slows and spreads every figure of a run, the wake-up-bound ones (a
 * manager's round trips) most, so the report gives it beside the load average.
 */
record CpuTimes(long steal, long total) {
    /** The fields of the {@code cpu} line that add up to all time: user … steal (guest is in user). */
    private static final int FIELDS = 8;
    private static final int STEAL = 7;

    static Optional<CpuTimes> now() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            return lines.findFirst().map(CpuTimes::parse);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code "cpu  user nice system idle iowait irq softirq steal guest guest_nice"}. */
    static CpuTimes parse(String cpuLine) {
        String[] parts = cpuLine.trim().split("\\s+");
        if (!parts[0].equals("cpu") || parts.length < 1 + FIELDS) {
            throw new IllegalArgumentException("not /proc/stat's cpu line: " + cpuLine);
        }
        long[] ticks = Arrays.stream(parts, 1, 1 + FIELDS).mapToLong(Long::parseLong).toArray();
        return new CpuTimes(ticks[STEAL], Arrays.stream(ticks).sum());
    }

    /** The steal since {@code start}, as a percentage of all CPU time since then: {@code "2.5%"}. */
    String stealSince(CpuTimes start) {
        long all = total - start.total;
        return String.format(Locale.ROOT, "%.1f%%", all <= 0 ? 0.0 : 100.0 * (steal - start.steal) / all);
    }
}
