package multiprocessing4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the figures were measured on: the machine, the JVM and the operating system. */
public record MachineInfo(int cores, String cpu, String memory, String os, String jvm) {

    public static MachineInfo here() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                procLine("/proc/meminfo", "MemTotal").map(MachineInfo::gib).orElse("unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** The 1-minute load average, from /proc/loadavg. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The value after the colon of the first line of a /proc file that starts with {@code key}. */
    private static Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code "24528132 kB" → "23.4 GiB"}. */
    private static String gib(String meminfo) {
        long kib = Long.parseLong(meminfo.replaceAll("\\D", ""));
        return Figures.format(kib / 1024.0 / 1024.0) + " GiB";
    }
}
