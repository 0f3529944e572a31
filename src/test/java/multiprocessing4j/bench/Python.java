package multiprocessing4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The CPython interpreter that runs the Python side of a benchmark run. */
public record Python(String executable, String version) {

    /** Asks the interpreter for its implementation and version; only CPython is accepted. */
    public static Python probe(String executable) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(executable, "-c",
                "import platform; print(platform.python_implementation(), platform.python_version())")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("CPython ")) {
            throw new IOException(executable + " is not a working CPython: " + out);
        }
        return new Python(executable, out.substring("CPython ".length()));
    }

    @Override
    public String toString() {
        return "CPython " + version;
    }
}
