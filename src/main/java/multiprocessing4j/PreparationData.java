package multiprocessing4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * Everything a child needs besides its JVM, as CPython's {@code spawn.get_preparation_data}: the
 * serialized {@link Process} (kept as bytes, so that a class missing in the child fails as that
 * child's error, under its name), the authkey, the parent's identity, the default start method,
 * and for {@code fork} the parent's runtime state.
 *
 * <p>This record holds only JDK types, so it always deserializes; it travels over the
 * authenticated channel to the child.
 */
record PreparationData(
        byte[] process,
        String name,
        byte[] authkey,
        String parentName,
        long parentPid,
        String startMethod,
        RuntimeState runtimeState) implements Serializable {

    /**
     * What {@code fork} carries of this JVM's state: the system properties (as they are now, not
     * as the JVM started), the default locale (as its language tag) and time zone (as its ID, so
     * a custom {@code SimpleTimeZone} arrives as the zone its ID names; carrying the zone object
     * itself would cost milliseconds of serialization per child). The working directory and the
     * environment cannot change in a running JVM, and every child JVM is launched with this
     * JVM's, so they hold for every start method without being carried.
     */
    record RuntimeState(Map<String, String> properties, String locale, String timeZone) implements Serializable {
        /**
         * Properties the JVM fixes at start-up or derives from its own launch; setting them in a
         * child would lie about that child (its command line, its directory, its VM).
         */
        private static final Set<String> FIXED_PREFIXES = Set.of("java.", "jdk.", "sun.", "os.", "file.", "native.", "stdout.", "stderr.");
        private static final Set<String> FIXED = Set.of("user.dir", "user.home", "user.name", "line.separator", "path.separator");

        static RuntimeState capture() {
            Map<String, String> properties = new TreeMap<>();
            Properties system = System.getProperties();
            for (String key : system.stringPropertyNames()) {
                if (!fixed(key)) properties.put(key, system.getProperty(key));
            }
            return new RuntimeState(properties, Locale.getDefault().toLanguageTag(), TimeZone.getDefault().getID());
        }

        /** Makes this JVM's carryable state the parent's: sets, and clears what the parent lacks. */
        void apply() {
            for (String key : System.getProperties().stringPropertyNames()) {
                if (!fixed(key) && !properties.containsKey(key)) System.clearProperty(key);
            }
            properties.forEach((key, value) -> {
                if (!value.equals(System.getProperty(key))) System.setProperty(key, value);
            });
            // Both setters reset caches that are costly to rebuild: only call them for a change.
            if (!Locale.getDefault().toLanguageTag().equals(locale)) Locale.setDefault(Locale.forLanguageTag(locale));
            if (!TimeZone.getDefault().getID().equals(timeZone)) TimeZone.setDefault(TimeZone.getTimeZone(timeZone));
        }

        private static boolean fixed(String key) {
            if (FIXED.contains(key)) return true;
            for (String prefix : FIXED_PREFIXES) {
                if (key.startsWith(prefix)) return true;
            }
            return false;
        }
    }

    /** Serializes {@code process} (failing with the offending class and field) and describes it. */
    static PreparationData of(Process process, StartMethod method) {
        Process me = Process.current();
        return new PreparationData(
                TargetPickler.dumps(process),
                process.name(),
                process.authkey(),
                me.name(),
                ProcessHandle.current().pid(),
                Multiprocessing.getStartMethod(),
                method.carriesRuntimeState() ? RuntimeState.capture() : null);
    }

    byte[] serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #serialize()} wrote, admitting only this record's own types. */
    static PreparationData deserialize(byte[] data) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "multiprocessing4j.PreparationData;multiprocessing4j.PreparationData$RuntimeState;java.base/*;!*"));
            return (PreparationData) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("bad preparation data: " + e, e);
        }
    }
}
