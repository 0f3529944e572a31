package multiprocessing4j;

/**
 * CPython's exit codes from what a child reported and what the OS said.
 *
 * <p>A child that finishes {@code run()} reports its code on its channel just before exiting
 * ({@link #REPORT}); that code is final. A child that calls {@code System.exit(n)} reports only
 * that it is exiting that way ({@link #SYSTEM_EXIT}), and {@code n} is the OS exit status. A
 * child that reports nothing was ended by a signal (or crashed, or called
 * {@code Runtime.halt}): Java gives a signalled child's status as {@code 128 + N}
 * ({@link java.lang.Process#exitValue()}), so a status of 129&ndash;192 is read as signal
 * {@code N} and becomes {@code -N}. Only a {@code Runtime.halt(129..192)} in a child can be
 * misread that way.
 */
final class ExitCodes {
    /** First byte of the child's report of a finished {@code run()}, followed by the code. */
    static final byte REPORT = 'R';
    /** First byte of the child's report that it exits through {@code System.exit}. */
    static final byte SYSTEM_EXIT = 'X';
    private static final int SIGNAL_BASE = 128;
    private static final int HIGHEST_SIGNAL = 64;

    /** Linux's signal names by number, as CPython's {@code signal.Signals} names them (its canonical names: SIGABRT, SIGPOLL). */
    private static final String[] SIGNAL_NAMES = new String[HIGHEST_SIGNAL + 1];

    static {
        String[] low = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
            "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
            "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGPOLL",
            "SIGPWR", "SIGSYS"};
        System.arraycopy(low, 0, SIGNAL_NAMES, 0, low.length);
        SIGNAL_NAMES[34] = "SIGRTMIN";
        SIGNAL_NAMES[HIGHEST_SIGNAL] = "SIGRTMAX";
    }

    private ExitCodes() {}

    /** An exit code as CPython's repr shows it ({@code _exitcode_to_name}): {@code -SIGTERM} for -15, else the number. */
    static String name(int exitcode) {
        if (exitcode < 0 && -exitcode <= HIGHEST_SIGNAL && SIGNAL_NAMES[-exitcode] != null) return "-" + SIGNAL_NAMES[-exitcode];
        return Integer.toString(exitcode);
    }

    /** CPython's exit code for an unreported exit with OS status {@code status}. */
    static int fromUnreported(int status) {
        if (status > SIGNAL_BASE && status <= SIGNAL_BASE + HIGHEST_SIGNAL) return -(status - SIGNAL_BASE);
        return status;
    }
}
