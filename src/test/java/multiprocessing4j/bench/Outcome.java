package multiprocessing4j.bench;

/** What one trial gave: a summary of its samples, or the reason it gave none. */
public record Outcome(Summary summary, String error) {
    /** Longer messages are cut in the table; the progress log on stderr has them whole. */
    private static final int CELL_LIMIT = 140;

    public static Outcome of(Summary summary) {
        return new Outcome(summary, null);
    }

    public static Outcome failed(String error) {
        return new Outcome(null, error);
    }

    public boolean ok() {
        return summary != null;
    }

    /** The report's cell: the figure with its spread, or {@code error: ...}. */
    public String cell() {
        if (ok()) return summary.format();
        String text = error.replace('|', '/').replace('\n', ' ');
        return "error: " + (text.length() <= CELL_LIMIT ? text : text.substring(0, CELL_LIMIT) + "…");
    }
}
