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

    private ExitCodes() {}

    /** CPython's exit code for an unreported exit with OS status {@code status}. */
    static int fromUnreported(int status) {
        if (status > SIGNAL_BASE && status <= SIGNAL_BASE + HIGHEST_SIGNAL) return -(status - SIGNAL_BASE);
        return status;
    }
}
