package multiprocessing4j.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one trial in fresh processes: the server (if any) until it prints {@code READY <address>},
 * then the client with that address and the timing options until it prints its result line,
 * then waits for the server to exit (the client hanging up ends it). Any failure, including a
 * hang, becomes an {@link Outcome#failed} rather than an exception, so one broken workload
 * cannot stop the run.
 */
final class TrialRunner {
    private static final double SERVER_START_SECONDS = 60;
    private static final double SERVER_EXIT_SECONDS = 10;

    private final Timing timing;

    TrialRunner(Timing timing) {
        this.timing = timing;
    }

    Outcome run(Trial trial) throws InterruptedException {
        try {
            return Outcome.of(measure(trial));
        } catch (BenchFailure e) {
            if (!e.detail().isBlank()) log(indent(e.detail()));
            return Outcome.failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Outcome.failed(e.toString());
        }
    }

    private List<Double> measure(Trial trial) throws BenchFailure, IOException, InterruptedException {
        if (!trial.hasServer()) return runClient(trial.client());
        try (ChildProcess server = new ChildProcess("server", trial.server())) {
            String ready = server.readLine(SERVER_START_SECONDS);
            if (!ready.startsWith("READY ")) throw server.failure("said '" + ready + "' instead of READY");
            List<String> client = new ArrayList<>(trial.client());
            client.add("--address");
            client.add(ready.substring("READY ".length()));
            List<Double> samples;
            try {
                samples = runClient(client);
            } catch (BenchFailure clientFailure) {
                throw server.crashed(1).orElse(clientFailure); // a dying server explains the client's failure
            }
            server.await(SERVER_EXIT_SECONDS);
            return samples;
        }
    }

    private List<Double> runClient(List<String> command) throws BenchFailure, IOException, InterruptedException {
        List<String> withTiming = new ArrayList<>(command);
        withTiming.addAll(timing.args());
        try (ChildProcess client = new ChildProcess("client", withTiming)) {
            while (true) {
                String line = client.readLine(timing.deadlineSeconds());
                List<Double> samples = ResultLine.parse(line);
                if (samples != null) {
                    client.await(SERVER_EXIT_SECONDS);
                    if (samples.isEmpty()) throw client.failure("reported no samples");
                    return samples;
                }
            }
        }
    }

    private static String indent(String text) {
        return text.strip().replaceAll("(?m)^", "    | ");
    }

    private static void log(String line) {
        System.err.println(line);
    }
}
