package multiprocessing4j;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: this JVM's {@code java}, its JVM options and its class path,
 * running {@link Spawn}. Options that would clash between two JVMs are left out: debugger
 * agents (a second JVM cannot listen on the same port), JMX remote ports, flight recordings and
 * CDS archive dumping (they name one output file).
 */
final class JvmCommand {
    private static final List<String> CLASHING = List.of(
            "-agentlib:jdwp", "-Xrunjdwp", "-Xdebug", "-Dcom.sun.management.jmxremote",
            "-XX:StartFlightRecording", "-XX:ArchiveClassesAtExit", "-XX:DumpLoadedClassList");
    private static final List<String> INHERITED = inheritedOptions();

    private JvmCommand() {}

    /** The command for a child: a warm one waits for its job, a spawned one is given it at once. */
    static List<String> of(boolean warm) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(INHERITED);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Spawn.class.getName());
        if (warm) command.add(Spawn.WARM);
        return command;
    }

    private static List<String> inheritedOptions() {
        List<String> options = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (CLASHING.stream().noneMatch(arg::startsWith)) options.add(arg);
        }
        return options;
    }
}
