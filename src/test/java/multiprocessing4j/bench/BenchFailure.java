package multiprocessing4j.bench;

/** A trial that produced no figure; its one-line message goes into the report's cell. */
final class BenchFailure extends Exception {
    private final String detail;

    BenchFailure(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    /** What the failing program wrote on stderr, for the progress log. */
    String detail() {
        return detail;
    }
}
