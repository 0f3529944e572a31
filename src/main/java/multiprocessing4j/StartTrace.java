package multiprocessing4j;

/**
 * Timestamps along a child's start, for finding where the milliseconds go; off unless the
 * system property {@value #PROPERTY} is {@code true} (children inherit it with the other JVM
 * options). Each process records its marks in memory, which costs no allocation or I/O on the
 * measured path, and prints them to stderr at a quiet moment ({@link #print()}: the child just
 * before it exits, the parent when a child's report has arrived), one line per mark:
 * {@code mp4j-start-trace <System.nanoTime()> <pid> <event>}. On Linux {@code nanoTime} is the
 * system-wide monotonic clock, so sorting the lines of parent and children by it gives the
 * timeline: parent {@code start}, {@code serialized}, {@code sent} (a warm JVM taken and sent
 * the job, or a JVM launched with it on its stdin); child {@code main}, {@code connected} (a
 * spawned child's second thread), {@code received}, {@code prepared}, {@code target-loaded},
 * {@code ran}; parent {@code accepted} and {@code greeted} (a connection from a booting JVM, and
 * its token checked), {@code report}.
 */
final class StartTrace {
    static final String PROPERTY = "multiprocessing4j.trace.start";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static final int CAPACITY = 256;
    private static final long[] times = new long[CAPACITY]; // guarded by StartTrace.class
    private static final String[] events = new String[CAPACITY]; // guarded by StartTrace.class
    private static int count; // guarded by StartTrace.class

    private StartTrace() {}

    /** Records {@code event} now (a constant string: nothing is built on the measured path). */
    static void mark(String event) {
        if (!ON) return;
        long now = System.nanoTime();
        synchronized (StartTrace.class) {
            if (count < CAPACITY) {
                times[count] = now;
                events[count++] = event;
            }
        }
    }

    /** Prints and forgets the marks recorded so far. */
    static void print() {
        if (!ON) return;
        StringBuilder lines = new StringBuilder();
        long pid = ProcessHandle.current().pid();
        synchronized (StartTrace.class) {
            for (int i = 0; i < count; i++) {
                lines.append("mp4j-start-trace ").append(times[i]).append(' ').append(pid).append(' ').append(events[i]).append('\n');
            }
            count = 0;
        }
        System.err.print(lines);
        System.err.flush();
    }
}
