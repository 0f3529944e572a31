package multiprocessing4j;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a warm JVM does before it reports ready: one round of everything a job's arrival costs
 * the first time (class loading and linking of serialization, serializable lambdas, the
 * preparation data), so that {@code start()} does not pay for it.
 */
final class WarmUp {
    private WarmUp() {}

    static void run() {
        SerializableRunnable lambda = () -> { };
        Process probe = new Process(lambda, "warm-up");
        try {
            PreparationData prep = new PreparationData(TargetPickler.dumps(probe).bytes(), "warm-up", new byte[0], "warm-up",
                    0, StartMethod.FORK.pythonName(), PreparationData.RuntimeState.capture());
            PreparationData back = PreparationData.deserialize(prep.serialize());
            back.runtimeState().apply(); // this JVM's own state: no change, but the code paths are loaded
            Multiprocessing.getStartMethod();
            new ParentProcess("warm-up", 0, new byte[0]).toString();
            Thread hook = new Thread(lambda);
            Runtime.getRuntime().addShutdownHook(hook);
            Runtime.getRuntime().removeShutdownHook(hook);
            Bootstrap.run(TargetPickler.loads(back.process()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
