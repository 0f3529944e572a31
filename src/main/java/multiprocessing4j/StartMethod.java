package multiprocessing4j;

import java.io.IOException;
import java.util.Locale;

/**
 * The three ways to start a child JVM (see {@link Context} for what each means). Each builds
 * the child's {@link PreparationData} and gets it a JVM; the rest of a child's life is the same
 * {@link Popen} for all three.
 */
enum StartMethod {
    /** A fresh JVM per child, booted at {@code start()}. */
    SPAWN {
        @Override
        ChildJvm jvm(byte[] job) throws IOException {
            return ChildJvm.spawn(job);
        }
    },
    /** A pre-started warm JVM from {@link ForkServer}. */
    FORKSERVER {
        @Override
        ChildJvm jvm(byte[] job) throws IOException {
            return warmWith(job);
        }
    },
    /** A warm JVM as {@link #FORKSERVER}, handed this JVM's runtime state as well. */
    FORK {
        @Override
        ChildJvm jvm(byte[] job) throws IOException {
            return warmWith(job);
        }

        @Override
        boolean carriesRuntimeState() {
            return true;
        }
    };

    /** A JVM that has {@code job}. */
    abstract ChildJvm jvm(byte[] job) throws IOException;

    private static ChildJvm warmWith(byte[] job) throws IOException {
        ChildJvm jvm = ForkServer.get().take();
        jvm.sendJob(job);
        return jvm;
    }

    boolean carriesRuntimeState() {
        return false;
    }

    /** The class of CPython's processes made by this method's context: {@code ForkProcess}, {@code SpawnProcess}, {@code ForkServerProcess}. */
    String processTypeName() {
        return switch (this) {
            case SPAWN -> "SpawnProcess";
            case FORKSERVER -> "ForkServerProcess";
            case FORK -> "ForkProcess";
        };
    }

    /** Serializes {@code process} first (so nothing starts if it cannot travel), then starts it. */
    Popen popen(Process process) throws IOException {
        StartTrace.mark("start");
        TargetPickler.Dumped target = TargetPickler.dumps(process);
        byte[] job = PreparationData.of(process, target.bytes(), this).serialize();
        StartTrace.mark("serialized");
        // Learned before the launch: a spawn may start the build of a class-data archive.
        boolean newClasses = TargetClasses.learn(target.classes());
        ChildJvm jvm;
        try {
            jvm = jvm(job);
        } catch (IOException | RuntimeException e) {
            target.childEnded(); // there is no child
            throw e;
        }
        StartTrace.mark("sent");
        Popen popen = Popen.start(jvm, process);
        if (!target.relays().isEmpty()) popen.whenEnded(target::childEnded);
        ForkServer warm = newClasses ? ForkServer.running() : null;
        if (warm != null) warm.preloadIdle();
        return popen;
    }

    /** The Python name: {@code spawn}, {@code forkserver}, {@code fork}. */
    String pythonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The method named {@code name}.
     *
     * @throws PyValueError "cannot find context for 'x'", as CPython's
     */
    static StartMethod named(String name) {
        for (StartMethod m : values()) {
            if (m.pythonName().equals(name)) return m;
        }
        throw new PyValueError("cannot find context for '" + name + "'");
    }
}
