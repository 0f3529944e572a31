package multiprocessing4j;

import static multiprocessing4j.BinaryFields.readBytes;
import static multiprocessing4j.BinaryFields.readCount;
import static multiprocessing4j.BinaryFields.readString;
import static multiprocessing4j.BinaryFields.writeBytes;
import static multiprocessing4j.BinaryFields.writeString;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * Everything a child needs besides its JVM, as CPython's {@code spawn.get_preparation_data}: the
 * serialized {@link Process} (kept as bytes, so that a class missing in the child fails as that
 * child's error, under its name), the authkey, the parent's identity, the default start method,
 * and for {@code fork} the parent's runtime state.
 *
 * <p>This record holds only JDK types and travels, in its own binary form ({@link #serialize()}),
 * over the authenticated channel to the child.
 */
record PreparationData(
        byte[] process,
        String name,
        byte[] authkey,
        String parentName,
        long parentPid,
        String startMethod,
        RuntimeState runtimeState) {
    private static final int MAGIC = 0x6D70346A; // "mp4j"
    private static final String FORM = "preparation data";

    /**
     * What {@code fork} carries of this JVM's state: the system properties (as they are now, not
     * as the JVM started), the default locale (as its language tag) and time zone (as its ID, so
     * a custom {@code SimpleTimeZone} arrives as the zone its ID names; carrying the zone object
     * itself would cost milliseconds of serialization per child). The working directory and the
     * environment cannot change in a running JVM, and every child JVM is launched with this
     * JVM's, so they hold for every start method without being carried.
     */
    record RuntimeState(Map<String, String> properties, String locale, String timeZone) {
        /**
         * Properties the JVM fixes at start-up or derives from its own launch; setting them in a
         * child would lie about that child (its command line, its directory, its VM).
         */
        private static final String[] FIXED_PREFIXES = {"java.", "jdk.", "sun.", "os.", "file.", "native.", "stdout.", "stderr."};
        private static final String[] FIXED = {"user.dir", "user.home", "user.name", "line.separator", "path.separator"};

        static RuntimeState capture() {
            Map<String, String> properties = new TreeMap<>();
            Properties system = System.getProperties();
            for (String key : system.stringPropertyNames()) {
                if (!fixed(key)) properties.put(key, system.getProperty(key));
            }
            return new RuntimeState(properties, Locale.getDefault().toLanguageTag(), TimeZone.getDefault().getID());
        }

        /**
         * Makes this JVM's carryable state the parent's: sets, and clears what the parent lacks.
         * It is on every {@code fork} child's start path, so it scans the live key set and plain
         * arrays ({@link #fixed}) rather than a copy from {@code stringPropertyNames()} and
         * {@code Set.of}'s iterators: 0.23&ndash;0.25 &rarr; 0.16&ndash;0.19 ms from a
         * {@code fork} child's job decoded to its target loaded (trace medians, three paired runs,
         * 2026-12-07). A child's properties have no defaults to miss: nothing has replaced them
         * before its job.
         */
        void apply() {
            List<String> absent = new ArrayList<>();
            for (Object key : System.getProperties().keySet()) {
                if (key instanceof String name && !fixed(name) && !properties.containsKey(name)) absent.add(name);
            }
            for (String name : absent) System.clearProperty(name);
            for (Map.Entry<String, String> e : properties.entrySet()) {
                if (!e.getValue().equals(System.getProperty(e.getKey()))) System.setProperty(e.getKey(), e.getValue());
            }
            // Both setters reset caches that are costly to rebuild: only call them for a change.
            if (!Locale.getDefault().toLanguageTag().equals(locale)) Locale.setDefault(Locale.forLanguageTag(locale));
            if (!TimeZone.getDefault().getID().equals(timeZone)) TimeZone.setDefault(TimeZone.getTimeZone(timeZone));
        }

        private static boolean fixed(String key) {
            for (String prefix : FIXED_PREFIXES) {
                if (key.startsWith(prefix)) return true;
            }
            for (String name : FIXED) {
                if (key.equals(name)) return true;
            }
            return false;
        }
    }

    /** Describes {@code process}, already serialized as {@code serialized}, for a child. */
    static PreparationData of(Process process, byte[] serialized, StartMethod method) {
        Process me = Process.current();
        return new PreparationData(
                serialized,
                process.name(),
                process.authkey(),
                me.name(),
                ProcessHandle.current().pid(),
                Multiprocessing.getStartMethod(),
                method.carriesRuntimeState() ? RuntimeState.capture() : null);
    }

    /**
     * This record as bytes: a hand-written binary form, not Java serialization, because the
     * child decodes it on every start and Java serialization's reflection costs a warm JVM
     * milliseconds there. Layout: the magic int {@value #MAGIC}, then the fields in declaration
     * order, each as {@link BinaryFields} writes it; the runtime state as
     * a presence byte, the property count, the key/value pairs, the locale and the time zone.
     */
    byte[] serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + process.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            writeBytes(out, process);
            writeString(out, name);
            writeBytes(out, authkey);
            writeString(out, parentName);
            out.writeLong(parentPid);
            writeString(out, startMethod);
            out.writeBoolean(runtimeState != null);
            if (runtimeState != null) {
                out.writeInt(runtimeState.properties().size());
                for (Map.Entry<String, String> e : runtimeState.properties().entrySet()) {
                    writeString(out, e.getKey());
                    writeString(out, e.getValue());
                }
                writeString(out, runtimeState.locale());
                writeString(out, runtimeState.timeZone());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Reads what {@link #serialize()} wrote.
     *
     * @throws IOException if {@code data} is not such bytes (truncated, or another format)
     */
    static PreparationData deserialize(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        try {
            if (in.readInt() != MAGIC) throw new IOException("bad preparation data: wrong magic number");
            byte[] process = readBytes(in, FORM);
            String name = readString(in, FORM);
            byte[] authkey = readBytes(in, FORM);
            String parentName = readString(in, FORM);
            long parentPid = in.readLong();
            String startMethod = readString(in, FORM);
            RuntimeState state = null;
            if (in.readBoolean()) {
                int count = readCount(in, 2 * Integer.BYTES, FORM); // two strings, a count each at least
                Map<String, String> properties = new TreeMap<>();
                for (int i = 0; i < count; i++) properties.put(readString(in, FORM), readString(in, FORM));
                state = new RuntimeState(properties, readString(in, FORM), readString(in, FORM));
            }
            if (in.available() != 0) throw new IOException("bad preparation data: " + in.available() + " bytes left over");
            return new PreparationData(process, name, authkey, parentName, parentPid, startMethod, state);
        } catch (EOFException e) {
            throw new IOException("bad preparation data: truncated", e);
        }
    }
}
