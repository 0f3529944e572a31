package multiprocessing4j.managers;

import multiprocessing4j.PyExceptions;

/**
 * The text of a {@code #TRACEBACK} or {@code #UNSERIALIZABLE} reply, shaped as CPython's
 * {@code format_exc()}: a header, the innermost Java frames, and the last line
 * {@code Type: message} that a CPython user reads in the {@code RemoteError}.
 */
final class Tracebacks {
    private static final int FRAMES = 5;

    private Tracebacks() {}

    static String format(Throwable e) {
        if (e instanceof Chained c) return c.text;
        StringBuilder out = new StringBuilder("Traceback (most recent call last):\n");
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = Math.min(FRAMES, frames.length) - 1; i >= 0; i--) {
            StackTraceElement f = frames[i];
            out.append("  File \"").append(f.getFileName()).append("\", line ").append(f.getLineNumber())
                    .append(", in ").append(f.getClassName()).append('.').append(f.getMethodName()).append('\n');
        }
        return out.append(PyExceptions.fromJava(e).getMessage()).append('\n').toString();
    }

    /**
     * An exception raised while handling another, shown as CPython shows it: both tracebacks,
     * joined by "During handling of the above exception, another exception occurred".
     */
    static RuntimeException chained(Throwable first, Throwable second) {
        return new Chained(format(first) + "\nDuring handling of the above exception, another exception occurred:\n\n"
                + format(second));
    }

    /** A traceback already formatted. */
    private static final class Chained extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String text;

        Chained(String text) {
            super(text, null, false, false);
            this.text = text;
        }
    }
}
