package multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.List;

/** What a trial gave, over one or more rounds: its samples, or the reason it gave none. */
public record Outcome(List<Double> samples, String error) {
    /** Longer messages are cut in the table; the progress log on stderr has them whole. */
    private static final int CELL_LIMIT = 140;

    public static Outcome of(List<Double> samples) {
        return new Outcome(List.copyOf(samples), null);
    }

    public static Outcome failed(String error) {
        return new Outcome(null, error);
    }

    public boolean ok() {
        return samples != null;
    }

    /** Both rounds' samples pooled; a failure in either makes the whole a failure. */
    public Outcome plus(Outcome next) {
        if (!ok()) return this;
        if (!next.ok()) return next;
        List<Double> all = new ArrayList<>(samples);
        all.addAll(next.samples);
        return of(all);
    }

    public Summary summary() {
        return Summary.of(samples);
    }

    /** The report's cell: the figure with its spread, or {@code error: ...}. */
    public String cell() {
        if (ok()) return summary().format();
        String text = error.replace('|', '/').replace('\n', ' ');
        return "error: " + (text.length() <= CELL_LIMIT ? text : text.substring(0, CELL_LIMIT) + "…");
    }
}
