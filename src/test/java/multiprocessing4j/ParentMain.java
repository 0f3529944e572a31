package multiprocessing4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A parent JVM for tests that need the parent itself to exit or die: it starts one child and
 * prints the child's pid (and, after joining, its exit code) on stdout.
 *
 * <ul>
 *   <li>{@code traceback}: the child throws; the parent prints its exit code and exits.
 *   <li>{@code daemon}: the child is a daemon that blocks; the parent returns from main at once.
 *   <li>{@code orphan}: the child is not a daemon and blocks; the parent blocks too, until the
 *       test kills it.
 *   <li>{@code outlive}: the child is not a daemon, sleeps a second and prints {@code done};
 *       the parent returns from main at once.
 *   <li>{@code warmpool}: no child; the parent builds its class-data archive, waits for its
 *       warm pool to be warm, prints
 *       {@code ready} and how many {@code pymp-} directories its {@code java.io.tmpdir} holds,
 *       and exits.
 * </ul>
 */
public final class ParentMain {
    private ParentMain() {}

    public static void main(String[] args) throws InterruptedException, IOException {
        String mode = args[0];
        Multiprocessing.setStartMethod(args[1]);
        if (mode.equals("warmpool")) { // fills the warm pool, waits until every JVM in it is warm, exits
            ClassDataSharing.buildNow(); // the training JVM, which has a directory while it runs, is done
            ForkServer.get().awaitReady();
            System.out.println("ready");
            try (var listing = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                System.out.println(listing.filter(p -> p.getFileName().toString().startsWith("pymp-")).count());
            }
            return;
        }
        Process p = switch (mode) {
            case "traceback" -> new Process(() -> {
                throw new IllegalArgumentException("raised in the child");
            });
            case "daemon" -> new Process(ParentMain::block).daemon(true);
            case "orphan" -> new Process(ParentMain::block);
            case "outlive" -> new Process(() -> {
                Thread.sleep(1000);
                System.out.println("done");
            });
            default -> throw new IllegalArgumentException(mode);
        };
        p.start();
        System.out.println(p.pid());
        if (mode.equals("traceback")) {
            p.join();
            System.out.println(p.exitcode());
        } else if (mode.equals("orphan")) {
            block();
        }
    }

    private static void block() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // only a signal or the parent's death ends this process
            }
        }
    }
}
