package multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The AppCDS archive of spawned children: built on a jar view, used, and never in the way. */
@Timeout(300)
class ClassDataSharingTest {
    @TempDir
    Path cache;
    private String savedDir;
    private String savedClassPath;

    @BeforeEach
    void useATemporaryCache() {
        savedDir = System.getProperty(ClassDataSharing.DIR_PROPERTY);
        savedClassPath = System.getProperty("java.class.path");
        System.setProperty(ClassDataSharing.DIR_PROPERTY, cache.toString());
    }

    @AfterEach
    void restore() {
        if (savedDir == null) System.clearProperty(ClassDataSharing.DIR_PROPERTY);
        else System.setProperty(ClassDataSharing.DIR_PROPERTY, savedDir);
        System.setProperty("java.class.path", savedClassPath);
    }

    @Test
    void aChildBootsFromTheArchiveOnAJarViewOfTheClassPathAndReportsTheParentsClassPath() throws Exception {
        ClassDataSharing.Launch launch = ClassDataSharing.buildNow();
        assertNotNull(launch, "no archive; see train.log under " + cache);
        for (String entry : launch.classPath().split(File.pathSeparator)) {
            assertTrue(Files.isRegularFile(Path.of(entry)), entry + " is not a jar");
        }
        // This library's classes come from the archive, not from the jars.
        List<String> command = new ArrayList<>(List.of(JvmCommand.java()));
        command.addAll(launch.options());
        command.addAll(List.of("-Xlog:class+load=info", "-cp", launch.classPath(), Spawn.class.getName(), ClassDataSharing.TRAIN));
        String log = run(command);
        assertTrue(log.contains("multiprocessing4j.PreparationData source: shared objects file (top)"), log);

        // A spawned child runs on the view but reports the parent's class path.
        try (Inbox inbox = new Inbox()) {
            String path = inbox.path;
            Process p = Multiprocessing.getContext("spawn").Process(
                    () -> Inbox.send(path, List.of(System.getProperty("java.class.path"))));
            p.start();
            assertEquals(List.of(savedClassPath), inbox.recv());
            p.join();
            assertEquals(0, p.exitcode());
        }
    }

    @Test
    void childrenMapTheArchivesAtTheAddressTheyWereDumpedForUnlessTold() throws Exception {
        ClassDataSharing.Launch launch = ClassDataSharing.buildNow();
        assertNotNull(launch, "no archive; see train.log under " + cache);
        assertEquals(ClassDataSharing.FIXED_ADDRESS, launch.options().subList(2, 4));
        List<String> command = new ArrayList<>(List.of(JvmCommand.java()));
        command.addAll(launch.options());
        command.addAll(List.of("-Xlog:cds=info", "-cp", launch.classPath(), Spawn.class.getName(), ClassDataSharing.TRAIN));
        String log = run(command);
        String archive = archiveOf(launch).toString();
        assertTrue(log.contains("Opened archive " + archive), log);
        assertFalse(log.contains("at an alternative address"), log);

        System.setProperty(ClassDataSharing.FIXED_ADDRESS_PROPERTY, "false");
        try {
            assertEquals(2, ClassDataSharing.buildNow().options().size());
        } finally {
            System.clearProperty(ClassDataSharing.FIXED_ADDRESS_PROPERTY);
        }
    }

    @Test
    void aJvmThatRefusesTheFixedAddressTrainsWithoutItAndTheRefusalIsKept() throws Exception {
        // A java that refuses the mapping options, as a JVM without them would, and is the real one otherwise.
        Path bin = Files.createDirectories(cache.resolve("jdk").resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "case \"$*\" in *ArchiveRelocationMode*) echo 'Unrecognized VM option ArchiveRelocationMode' >&2; exit 1;; esac\n"
                + "exec '" + JvmCommand.java() + "' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        String home = System.getProperty("java.home");
        System.setProperty("java.home", bin.getParent().toString());
        ClassDataSharing.Launch launch;
        try {
            launch = ClassDataSharing.buildNow();
        } finally {
            System.setProperty("java.home", home);
        }
        assertNotNull(launch, "no archive; see train.log under " + cache);
        assertEquals(2, launch.options().size(), launch.options().toString()); // the archive and -Xshare:auto only
        Path dir = archiveOf(launch).getParent();
        assertTrue(Files.readString(dir.resolve("train-fixed-address.log")).contains("Unrecognized VM option"));
    }

    @Test
    void aChildPassesOnItsParentsOptionsNotTheArchives() {
        String archive = "-XX:SharedArchiveFile=" + ClassDataSharing.cacheRoot().resolve("f").resolve("app.jsa");
        List<String> own = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-Xmx1g");
        List<String> child = new ArrayList<>(own);
        child.add(archive);
        child.addAll(ClassDataSharing.ADDED_AFTER_ARCHIVE);
        child.add("-Dafter=1");
        assertEquals(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-Xmx1g", "-Dafter=1"),
                JvmCommand.withoutOwnArchive(child));
        assertEquals(own, JvmCommand.withoutOwnArchive(own));
        List<String> noMapping = new ArrayList<>(own);
        noMapping.addAll(List.of(archive, "-Xshare:auto"));
        assertEquals(own, JvmCommand.withoutOwnArchive(noMapping));
    }

    @Test
    void theArchiveHoldsTheApplicationClassesOfTargetsStartedBeforeItsBuild() throws Exception {
        TargetClasses.learn(Set.of(Learned.class.getName()));
        ClassDataSharing.Launch launch = ClassDataSharing.buildNow();
        assertNotNull(launch, "no archive; see train.log under " + cache);
        Path classes = Files.write(cache.resolve("load.txt"), List.of(Learned.class.getName()));
        List<String> command = new ArrayList<>(List.of(JvmCommand.java()));
        command.addAll(launch.options());
        command.addAll(List.of("-Xlog:class+load=info", "-cp", launch.classPath(), Spawn.class.getName(),
                ClassDataSharing.TRAIN, classes.toString()));
        String log = run(command);
        assertTrue(log.contains(Learned.class.getName() + " source: shared objects file (top)"), log);
    }

    /** An application class only the test above names. */
    static final class Learned {}

    @Test
    void theJarViewHoldsEveryFileOfADirectoryEntry() throws Exception {
        Path classes = Files.createDirectories(cache.resolve("app").resolve("classes"));
        Files.createDirectories(classes.resolve("pkg"));
        Files.writeString(classes.resolve("pkg").resolve("resource.txt"), "hello");
        System.setProperty("java.class.path", savedClassPath + File.pathSeparator + classes);
        ClassDataSharing.Launch launch = ClassDataSharing.buildNow();
        assertNotNull(launch);
        String[] view = launch.classPath().split(File.pathSeparator);
        try (JarFile jar = new JarFile(view[view.length - 1])) {
            assertEquals("hello", new String(jar.getInputStream(jar.getEntry("pkg/resource.txt")).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBrokenArchiveLeavesSpawnWorking() throws Exception {
        ClassDataSharing.Launch launch = ClassDataSharing.buildNow();
        assertNotNull(launch);
        Path archive = archiveOf(launch);
        archive.toFile().setWritable(true);
        Files.write(archive, new byte[] {1, 2, 3, 4});
        Process p = Multiprocessing.getContext("spawn").Process(ClassDataSharingTest::nothing);
        p.start();
        p.join();
        assertEquals(0, p.exitcode());
    }

    @Test
    void theFingerprintFollowsTheContentsOfTheClassPath() throws Exception {
        Path classes = Files.createDirectories(cache.resolve("classes"));
        Path file = Files.writeString(classes.resolve("A.class"), "one");
        System.setProperty("java.class.path", classes.toString());
        String before = ClassDataSharing.fingerprint();
        assertEquals(before, ClassDataSharing.fingerprint());
        Files.writeString(file, "two!");
        String resized = ClassDataSharing.fingerprint();
        assertNotEquals(before, resized);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 5000));
        assertNotEquals(resized, ClassDataSharing.fingerprint());
        Files.writeString(classes.resolve("B.class"), "new");
        assertNotEquals(resized, ClassDataSharing.fingerprint());
    }

    @Test
    void offWhenDisabled() {
        System.setProperty(ClassDataSharing.ENABLED_PROPERTY, "false");
        try {
            assertNull(ClassDataSharing.forSpawn());
        } finally {
            System.clearProperty(ClassDataSharing.ENABLED_PROPERTY);
        }
    }

    /** The archive a launch boots from (its first option is {@code -XX:SharedArchiveFile=}). */
    private static Path archiveOf(ClassDataSharing.Launch launch) {
        return Path.of(launch.options().get(0).substring("-XX:SharedArchiveFile=".length()));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void nothing() {
        // a trivial child
    }
}
