package multiprocessing4j.bench;

import java.io.IOException;
import multiprocessing4j.reduction.ForkingPickler;

/**
 * The Java side of the pickle benchmarks, one fresh JVM per trial:
 * {@code PickleBench dumps|loads|loads-received|loads-own <data> [--python EXE --script pickle_bench.py]}.
 * <ul>
 *   <li>{@code dumps}: {@code ForkingPickler.dumps} of the data set;
 *   <li>{@code loads}: {@code ForkingPickler.loads} of the pickle CPython makes of it (what a Java
 *       peer receives on the wire), fetched from {@code pickle_bench.py emit};
 *   <li>{@code loads-received}: {@code ForkingPickler.loadsOwned} of CPython's pickle, as
 *       {@code Connection.recv()} reads a frame it owns (large bytes are views, not copies);
 *   <li>{@code loads-own}: {@code ForkingPickler.loads} of Java's own pickle.
 * </ul>
 * Before timing, the value is checked to come back equal, so a wrong codec fails loudly instead of
 * being fast. Sample: milliseconds per call.
 */
public final class PickleBench {
    private PickleBench() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String op = args.positional().get(0);
        Object value = PickleData.byId(args.positional().get(1)).build();
        RepLoop.Step step = switch (op) {
            case "dumps" -> {
                checkLoadsBack(ForkingPickler.dumps(value), value, "Java's pickle");
                yield () -> {
                    ForkingPickler.dumps(value);
                    return 1;
                };
            }
            case "loads", "loads-own" -> {
                byte[] pickle = op.equals("loads") ? cpythonPickle(args) : ForkingPickler.dumps(value);
                checkLoadsBack(pickle, value, op.equals("loads") ? "CPython's pickle" : "Java's pickle");
                yield () -> {
                    ForkingPickler.loads(pickle);
                    return 1;
                };
            }
            case "loads-received" -> {
                byte[] pickle = cpythonPickle(args);
                checkLoadsBack(pickle, value, "CPython's pickle");
                yield () -> {
                    ForkingPickler.loadsOwned(pickle); // the frame is never written, as recv()'s
                    return 1;
                };
            }
            default -> throw new IllegalArgumentException("unknown operation " + op);
        };
        ResultLine.print(RepLoop.measure(step, (calls, seconds) -> seconds * 1e3 / calls, Timing.from(args)));
    }

    private static void checkLoadsBack(byte[] pickle, Object expected, String what) {
        Object back = ForkingPickler.loads(pickle);
        if (!expected.equals(back)) {
            String type = back == null ? "None" : back.getClass().getName();
            throw new IllegalStateException("loads of " + what + " gave a different value (a " + type + ")");
        }
    }

    private static byte[] cpythonPickle(Args args) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(args.get("--python"), args.get("--script"), "emit", args.positional().get(1))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        byte[] pickle = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IOException("pickle_bench.py emit failed with status " + p.exitValue());
        return pickle;
    }
}
