package multiprocessing4j;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The frame by which a parent tells its idle warm JVMs which application classes its targets
 * have needed, so that they load and link them before a job needs them (as CPython's
 * {@code forkserver} imports {@code set_forkserver_preload}'s modules): the first
 * {@code start()} of a target class pays for reading and verifying it, later ones do not.
 *
 * <p>Layout: the magic int {@value #MAGIC} (not {@link PreparationData}'s, so a child tells the
 * two frames apart), then the class names in UTF-8, separated by {@code '\n'}. Classes are
 * loaded and linked but not initialized: no static initializer runs before a job that needs
 * the class, so preloading has no effects a program can see besides speed.
 */
final class Preload {
    private static final int MAGIC = 0x6D70346C; // "mp4l"

    private Preload() {}

    static byte[] frame(List<String> classNames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(MAGIC).array());
        out.writeBytes(String.join("\n", classNames).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static boolean is(byte[] frame) {
        return frame.length >= Integer.BYTES && ByteBuffer.wrap(frame).getInt() == MAGIC;
    }

    /** Loads and links each class the frame names (see {@link #load}). */
    static void run(byte[] frame) {
        String names = new String(frame, Integer.BYTES, frame.length - Integer.BYTES, StandardCharsets.UTF_8);
        load(List.of(names.split("\n")));
    }

    /** Loads and links each named class; one that cannot be found or linked is left to the job to report. */
    static void load(List<String> classNames) {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        for (String name : classNames) {
            if (name.isEmpty()) continue;
            try {
                // getDeclaredMethods links (verifies) the class without initializing it, and
                // fills the reflection data that deserializing a lambda looks up.
                Class.forName(name, false, loader).getDeclaredMethods();
            } catch (LinkageError | ClassNotFoundException | SecurityException e) {
                // the job that uses the class, if any, reports it under its own name
            }
        }
    }
}
