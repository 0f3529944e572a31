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
 * <p>A parent that sizes no heap gives its children a small initial heap,
 * {@value #INITIAL_HEAP}, instead of the JVM's default of 1/64 of the machine's memory. G1 sizes
 * its young generation as a share of the current heap, so a child with the default grows a young
 * generation of up to ~60% of it, hundreds of MiB of fresh pages, in its first seconds, and every
 * first touch of a page is a page fault: on the 2-core VM this project is measured on (~12 µs a
 * fault) that took most of a young pool worker's CPU. A small initial heap still grows, up to the
 * same maximum, when collections say the child needs it. A parent with any heap option of its
 * own ({@code -Xms}, {@code -Xmx}, {@code -Xmn}, {@code -XX:...HeapSize}, {@code ...NewSize},
 * {@code ...RAMPercentage}...) passes on its own sizing only.
 *
 * <p>When {@link ClassDataSharing} has an archive for this class path, the child boots from it:
 * {@code -XX:SharedArchiveFile=<archive> -Xshare:auto} and, as a rule,
 * {@link ClassDataSharing#FIXED_ADDRESS} are added and the class path is the
 * archive's jar view (the same classes and resources); the child then sets its
 * {@code java.class.path} back to this JVM's ({@link #classPathToRestore}).
 */
final class JvmCommand {
    private static final List<String> CLASHING = List.of(
            "-agentlib:jdwp", "-Xrunjdwp", "-Xdebug", "-Dcom.sun.management.jmxremote",
            "-XX:StartFlightRecording", "-XX:ArchiveClassesAtExit", "-XX:DumpLoadedClassList");
    /** The initial heap of a child whose parent sizes none: see the class comment. */
    private static final long INITIAL_HEAP_BYTES = 32L << 20;
    static final String INITIAL_HEAP = "-Xms" + (INITIAL_HEAP_BYTES >> 20) + "m";
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

    /** This JVM's options that a child inherits, with {@link #INITIAL_HEAP} if they size no heap. */
    static List<String> inherited() {
        return INHERITED;
    }

    private static List<String> inheritedOptions() {
        List<String> options = new ArrayList<>();
        for (String arg : withoutOwnArchive(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            if (CLASHING.stream().noneMatch(arg::startsWith)) options.add(arg);
        }
        // a maximum below it (a machine under 128 MiB) would make the option an error
        if (options.stream().noneMatch(JvmCommand::sizesHeap) && Runtime.getRuntime().maxMemory() > INITIAL_HEAP_BYTES) {
            options.add(INITIAL_HEAP);
        }
        return List.copyOf(options);
    }

    /** Whether a JVM option sets the size of the heap or of a generation in it. */
    static boolean sizesHeap(String option) {
        if (option.startsWith("-Xms") || option.startsWith("-Xmx") || option.startsWith("-Xmn")) return true;
        if (!option.startsWith("-XX:")) return false;
        return option.contains("HeapSize") || option.contains("NewSize") || option.contains("RAMPercentage")
                || option.contains("RAMFraction") || option.contains("MaxRAM");
    }

    /**
     * A JVM's options without the ones {@link ClassDataSharing} added to them: a child booted
     * from the archive passes on its parent's options, not the archive's (its own children get
     * the archive that fits them). They follow one another, the archive option first.
     */
    static List<String> withoutOwnArchive(List<String> options) {
        int archive = 0;
        while (archive < options.size() && !ClassDataSharing.isOwnArchiveOption(options.get(archive))) archive++;
        if (archive == options.size()) return options;
        int end = archive + 1;
        for (String added : ClassDataSharing.ADDED_AFTER_ARCHIVE) {
            if (end < options.size() && options.get(end).equals(added)) end++;
        }
        List<String> rest = new ArrayList<>(options.subList(0, archive));
        rest.addAll(options.subList(end, options.size()));
        return rest;
    }
}
