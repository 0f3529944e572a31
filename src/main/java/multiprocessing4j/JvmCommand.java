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
 *
 * <p>When {@link ClassDataSharing} has an archive for this class path, the child boots from it:
 * {@code -XX:SharedArchiveFile=<archive> -Xshare:auto} are added and the class path is the
 * archive's jar view (the same classes and resources); the child then sets its
 * {@code java.class.path} back to this JVM's ({@link #classPathToRestore}).
 */
final class JvmCommand {
    private static final List<String> CLASHING = List.of(
            "-agentlib:jdwp", "-Xrunjdwp", "-Xdebug", "-Dcom.sun.management.jmxremote",
            "-XX:StartFlightRecording", "-XX:ArchiveClassesAtExit", "-XX:DumpLoadedClassList");
    private static final List<String> INHERITED = inheritedOptions();

    /** The command, and the class path the child must report as its own ("" if it has it already). */
    record Command(List<String> line, String classPathToRestore) {}

    private JvmCommand() {}

    /** The command for a child: a warm one waits for its job, a spawned one is given it at once. */
    static Command of(boolean warm) {
        ClassDataSharing.Launch cds = ClassDataSharing.forSpawn();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(INHERITED);
        if (cds != null) command.addAll(cds.options());
        command.add("-cp");
        command.add(cds != null ? cds.classPath() : System.getProperty("java.class.path"));
        command.add(Spawn.class.getName());
        if (warm) command.add(Spawn.WARM);
        return new Command(command, cds != null ? System.getProperty("java.class.path") : "");
    }

    /** This JVM's {@code java} executable. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's options that a child inherits. */
    static List<String> inherited() {
        return INHERITED;
    }

    private static List<String> inheritedOptions() {
        List<String> options = new ArrayList<>();
        for (String arg : withoutOwnArchive(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            if (CLASHING.stream().noneMatch(arg::startsWith)) options.add(arg);
        }
        return List.copyOf(options);
    }

    /**
     * A JVM's options without the ones {@link ClassDataSharing} added to them: a child booted
     * from the archive passes on its parent's options, not the archive's (its own children get
     * the archive that fits them).
     */
    static List<String> withoutOwnArchive(List<String> options) {
        if (options.stream().noneMatch(ClassDataSharing::isOwnArchiveOption)) return options;
        List<String> rest = new ArrayList<>();
        for (String o : options) {
            if (!ClassDataSharing.isOwnArchiveOption(o) && !o.equals("-Xshare:auto")) rest.add(o);
        }
        return rest;
    }
}
