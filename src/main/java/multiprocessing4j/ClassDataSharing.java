package multiprocessing4j;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The AppCDS archive that {@code spawn}ed child JVMs boot from, so that they map the classes
 * every child loads (this library's start-up path, the JDK classes it uses) instead of reading,
 * parsing and verifying them on every start.
 *
 * <p>CDS on JDK 17 archives classes from jar files only, and Maven runs tests on directories
 * ({@code target/classes}). So the archive is built on a <em>jar view</em> of the class path:
 * each directory entry is copied into an uncompressed jar in a cache directory, jar entries are
 * used in place. The cache is keyed by a fingerprint of the class path's contents (every file's
 * path, size and modification time, plus the JVM and the inherited JVM options), taken again
 * when the last is more than a second old, so a recompiled class gives a new view and a new
 * archive rather than a stale one (a class changed less than a second before a spawn may be
 * missed by that spawn).
 *
 * <p>The first spawn for a fingerprint starts the build in the background and runs as a plain
 * spawn; the build copies the directories and runs one training JVM ({@code Spawn --train},
 * with {@code -XX:ArchiveClassesAtExit}), its output kept in {@code train.log} (and a failed
 * first try's in {@code train-fixed-address.log}). Besides what
 * every child loads, the training JVM loads and links the application classes that the targets
 * started so far needed ({@link TargetClasses}, listed in {@code classes.txt}; at the first
 * spawn, that spawn's own), so that a child of the same program maps its target's class too
 * instead of reading and verifying it (~7 ms of a spawned child's main thread, 2026-12-07);
 * none is initialized. Later spawns use the archive: {@link #forSpawn()} returns the options
 * and class path to launch with. Any failure (no writable cache, a JVM that refuses to dump) is
 * remembered in a {@code failed} file for that fingerprint and spawning stays plain; it never
 * fails a start. Concurrent parents build one archive between them (a lock file per
 * fingerprint); only the {@value #KEEP} most recent archives are kept.
 *
 * <p>Children map the archives at the base address they were dumped for ({@link #FIXED_ADDRESS}).
 *
 * <p>System properties: {@value #ENABLED_PROPERTY}{@code =false} turns this off;
 * {@value #FIXED_ADDRESS_PROPERTY}{@code =false} keeps the JDK's randomized archive address in
 * children; {@value #DIR_PROPERTY} moves the cache (default {@code $XDG_CACHE_HOME/multiprocessing4j/cds}
 * or {@code ~/.cache/multiprocessing4j/cds}). It is also off when the JVM options already
 * choose a sharing mode or archive ({@code -Xshare:...}, {@code -XX:SharedArchiveFile}).
 */
final class ClassDataSharing {
    static final String ENABLED_PROPERTY = "multiprocessing4j.cds";
    static final String DIR_PROPERTY = "multiprocessing4j.cds.dir";
    static final String FIXED_ADDRESS_PROPERTY = "multiprocessing4j.cds.fixedAddress";
    static final String TRAIN = "--train";
    private static final int KEEP = 4;
    private static final long TRAINING_SECONDS = 300;
    private static final String ARCHIVE = "app.jsa";
    private static final String CLASS_PATH = "classpath.txt";
    private static final String FAILED = "failed";
    private static final String TRAIN_LOG = "train.log";
    /** The log of a training with {@link #FIXED_ADDRESS} that failed, kept beside the retry's. */
    private static final String FIXED_ADDRESS_LOG = "train-fixed-address.log";
    /** The mapping options the training JVM accepted, one a line: {@link #FIXED_ADDRESS} or none. */
    private static final String MAPPING = "mapping.txt";

    /**
     * Options that map the archives (the JDK's and this one) at the base address they were dumped
     * for, instead of a random one. This machine's JDK 17.0.15 relocates them by default
     * ({@code -XX:+PrintFlagsFinal}: {@code ArchiveRelocationMode = 1}, randomizing where class
     * metadata lies), which rewrites the pointers in private copies of the archive's pages: a warm
     * child held 33 MiB of dirty anonymous memory with it and 27 MiB without, written at its boot
     * and freed at its exit. Paired runs on 2026-12-07 (six alternations, medians of medians):
     * {@code fork} start+join 3.72 → 3.31 ms, {@code spawn} 40.2 → 37.7 ms. The price is that a
     * child's class metadata lies at the address the JDK chose at build time;
     * {@value #FIXED_ADDRESS_PROPERTY}{@code =false} keeps the randomized address, and a parent
     * that sets {@code ArchiveRelocationMode} itself passes its own choice on. A JVM that does
     * not know the options trains without them.
     */
    static final List<String> FIXED_ADDRESS = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    private static final String SHARE_AUTO = "-Xshare:auto";

    /** How long a fingerprint is trusted before the class path is walked again. */
    private static final long FINGERPRINT_NANOS = 1_000_000_000L;
    private static String lastFingerprint; // guarded by ClassDataSharing.class
    private static long lastFingerprintAt; // guarded by ClassDataSharing.class

    private static final String CLASSES = "classes.txt";

    /** Fingerprints whose build this JVM has started (or found failed): never twice. */
    private static final Set<String> attempted = ConcurrentHashMap.newKeySet();

    private ClassDataSharing() {}

    /** How to launch a child from the archive: extra JVM options and the jar view to use as class path. */
    record Launch(List<String> options, String classPath) {}

    /**
     * The launch from a ready archive for the current class path, or null for a plain spawn
     * (then, the first time for this class path, the archive's build starts in the background).
     */
    static Launch forSpawn() {
        if (!enabled()) return null;
        try {
            Path dir = cacheRoot().resolve(recentFingerprint());
            Launch ready = ready(dir);
            if (ready == null && attempted.add(dir.toString()) && !Files.exists(dir.resolve(FAILED))) {
                Thread builder = new Thread(() -> build(dir), "multiprocessing4j-cds-build");
                builder.setDaemon(true);
                builder.start();
            }
            return ready;
        } catch (IOException | UncheckedIOException e) {
            return null; // e.g. a class path entry vanished while fingerprinting: spawn plainly
        }
    }

    /** Builds the archive for the current class path now, unless it exists; the launch it gives, or null if it failed. */
    static Launch buildNow() throws IOException {
        Path dir = cacheRoot().resolve(fingerprint());
        if (ready(dir) == null) build(dir);
        return ready(dir);
    }

    /** Whether {@code option} is the {@code -XX:SharedArchiveFile} this class adds (an archive in the cache). */
    static boolean isOwnArchiveOption(String option) {
        String prefix = "-XX:SharedArchiveFile=";
        return option.startsWith(prefix) && Path.of(option.substring(prefix.length())).startsWith(cacheRoot());
    }

    static boolean enabled() {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) return false;
        return JvmCommand.inherited().stream().noneMatch(o -> o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile"));
    }

    static Path cacheRoot() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null) return Path.of(configured);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("multiprocessing4j").resolve("cds");
    }

    private static Launch ready(Path dir) throws IOException {
        Path archive = dir.resolve(ARCHIVE);
        Path classPath = dir.resolve(CLASS_PATH);
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(classPath)) return null;
        List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, SHARE_AUTO));
        if (Boolean.parseBoolean(System.getProperty(FIXED_ADDRESS_PROPERTY, "true"))) {
            Path mapping = dir.resolve(MAPPING);
            if (Files.isRegularFile(mapping)) options.addAll(Files.readAllLines(mapping));
        }
        return new Launch(List.copyOf(options), Files.readString(classPath));
    }

    /**
     * The options {@link JvmCommand#withoutOwnArchive} finds right after the archive option, in
     * this order: what {@link #ready} adds.
     */
    static final List<String> ADDED_AFTER_ARCHIVE =
            Stream.concat(Stream.of(SHARE_AUTO), FIXED_ADDRESS.stream()).toList();

    /** {@link #fingerprint()}, reused for a second: walking the class path costs milliseconds. */
    private static synchronized String recentFingerprint() throws IOException {
        long now = System.nanoTime();
        if (lastFingerprint == null || now - lastFingerprintAt > FINGERPRINT_NANOS) {
            lastFingerprint = fingerprint();
            lastFingerprintAt = now;
        }
        return lastFingerprint;
    }

    /**
     * The cache key: a hash of the JVM, the inherited JVM options, and every class path entry's
     * files with their sizes and modification times (a walk of the directories, about a
     * millisecond per few hundred files).
     */
    static String fingerprint() throws IOException {
        MessageDigest digest = sha256();
        StringBuilder text = new StringBuilder();
        text.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        JvmCommand.inherited().forEach(o -> text.append(o).append('\n'));
        for (String entry : classPathEntries()) {
            Path p = Path.of(entry).toAbsolutePath();
            text.append("entry ").append(p).append('\n');
            if (Files.isDirectory(p)) {
                for (Path f : filesUnder(p)) {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    text.append(p.relativize(f)).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis()).append('\n');
                }
            } else if (Files.isRegularFile(p)) {
                text.append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
        }
        return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static List<String> classPathEntries() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) entries.add(e);
        }
        return entries;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * Builds the archive in {@code dir} under a lock shared with other parents, or marks it
     * failed. The view is made in its final place because CDS checks the class path by the jars'
     * paths, sizes and times; {@code classpath.txt}, written last and atomically, marks it ready.
     */
    private static void build(Path dir) {
        Path root = dir.getParent();
        try {
            Files.createDirectories(root);
            try (FileChannel lockFile = FileChannel.open(root.resolve(dir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                if (ready(dir) != null || Files.exists(dir.resolve(FAILED))) return; // another parent did it
                deleteTree(dir); // what a build that died half-way left
                Files.createDirectories(dir);
                boolean ownChoice = JvmCommand.inherited().stream().anyMatch(o -> o.startsWith("-XX:ArchiveRelocationMode"));
                List<String> mapping = ownChoice ? List.of() : FIXED_ADDRESS;
                String failure = train(dir, mapping);
                if (failure != null && !mapping.isEmpty()) { // perhaps a JVM without the options
                    if (Files.exists(dir.resolve(TRAIN_LOG))) {
                        Files.move(dir.resolve(TRAIN_LOG), dir.resolve(FIXED_ADDRESS_LOG), StandardCopyOption.REPLACE_EXISTING);
                    }
                    failure = train(dir, List.of());
                }
                if (failure != null) {
                    Files.writeString(dir.resolve(FAILED), failure + "\n");
                    return;
                }
            }
            prune(root);
        } catch (IOException | RuntimeException e) {
            // No cache (read-only home, full disk): spawn stays plain, as it was.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes the jar view in {@code dir} and trains a JVM on it, with {@code mapping} (the options
     * children will map the archive with); null on success, else why not.
     */
    private static String train(Path dir, List<String> mapping) throws IOException, InterruptedException {
        List<String> view = new ArrayList<>();
        int n = 0;
        for (String entry : classPathEntries()) {
            Path p = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(p)) {
                if (filesUnder(p).isEmpty()) continue; // an empty directory adds nothing
                Path jar = dir.resolve(String.format("%02d-%s.jar", n++, p.getFileName()));
                writeJar(p, jar);
                view.add(jar.toString());
            } else {
                view.add(p.toString());
            }
        }
        String classPath = String.join(File.pathSeparator, view);
        List<String> command = new ArrayList<>();
        command.add(JvmCommand.java());
        command.addAll(JvmCommand.inherited());
        command.addAll(mapping);
        command.add("-XX:ArchiveClassesAtExit=" + dir.resolve(ARCHIVE));
        command.add("-cp");
        command.add(classPath);
        command.add(Spawn.class.getName());
        command.add(TRAIN);
        Path classes = dir.resolve(CLASSES);
        Files.write(classes, TargetClasses.known());
        command.add(classes.toString());
        java.lang.Process training = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(TRAIN_LOG).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!training.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)) {
            training.destroyForcibly();
            return "the training JVM took more than " + TRAINING_SECONDS + " s";
        }
        if (training.exitValue() != 0 || !Files.isRegularFile(dir.resolve(ARCHIVE))) {
            return "the training JVM exited with " + training.exitValue() + " and no archive (see " + TRAIN_LOG + ")";
        }
        Files.write(dir.resolve(MAPPING), mapping);
        Path tmp = dir.resolve(CLASS_PATH + ".tmp");
        Files.writeString(tmp, classPath);
        Files.move(tmp, dir.resolve(CLASS_PATH), StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    /** Copies the files under {@code dir} into an uncompressed jar (read without inflating). */
    private static void writeJar(Path dir, Path jar) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.setMethod(ZipOutputStream.STORED);
            for (Path f : filesUnder(dir)) {
                byte[] data = Files.readAllBytes(f);
                ZipEntry e = new ZipEntry(dir.relativize(f).toString().replace(File.separatorChar, '/'));
                CRC32 crc = new CRC32();
                crc.update(data);
                e.setSize(data.length);
                e.setCompressedSize(data.length);
                e.setCrc(crc.getValue());
                e.setTime(Files.getLastModifiedTime(f).toMillis());
                out.putNextEntry(e);
                out.write(data);
                out.closeEntry();
            }
        }
    }

    /** Keeps the {@value #KEEP} most recently made archives; older class path versions go. */
    private static void prune(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
            entries.forEach(dirs::add);
        }
        dirs.sort(Comparator.comparing((Path p) -> {
            try {
                return Files.getLastModifiedTime(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).reversed());
        for (Path old : dirs.subList(Math.min(KEEP, dirs.size()), dirs.size())) {
            deleteTree(old);
            Files.deleteIfExists(root.resolve(old.getFileName() + ".lock"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
