package multiprocessing4j;

/**
 * Ends a child process with an exit code, as Python's {@code SystemExit} (what
 * {@code sys.exit(n)} raises) ends a CPython child: thrown out of {@link Process#run()}, it makes
 * the child's {@link Process#exitcode()} {@code code & 0xFF} (as the OS truncates it), or 0
 * without a code; with a message instead, the message goes to the child's stderr and the code
 * is 1. Unlike {@code System.exit(n)}, which also works in a child, it unwinds the stack, so
 * {@code finally} blocks run first.
 */
public class SystemExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Integer code;
    private final String text;

    /** Exit code 0, as {@code sys.exit()}. */
    public SystemExit() {
        this(null, null);
    }

    /** Exit code {@code code}, as {@code sys.exit(code)}. */
    public SystemExit(int code) {
        this(code, null);
    }

    /** Exit code 1 after printing {@code message} to stderr, as {@code sys.exit("message")}. */
    public SystemExit(String message) {
        this(null, message);
    }

    private SystemExit(Integer code, String text) {
        super(code != null ? String.valueOf(code) : text, null, false, false);
        this.code = code;
        this.text = text;
    }

    /** The exit code, as CPython's {@code _bootstrap} computes it from {@code SystemExit.code}. */
    int exitcode() {
        if (code != null) return code & 0xFF;
        return text == null ? 0 : 1;
    }

    /** The text CPython prints to stderr for this exit, or null. */
    String text() {
        return text;
    }
}
