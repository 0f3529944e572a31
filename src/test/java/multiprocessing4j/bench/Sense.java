package multiprocessing4j.bench;

/**
 * Whether a workload's unit grows or shrinks as things get faster. Ratios are always given in
 * the "higher is better" sense, so that {@code 2.00×} means "Java is twice as fast" whatever the unit.
 */
public enum Sense {
    /** Rates: MB/s, objects/s. */
    HIGHER_IS_BETTER("↑"),
    /** Times: µs per round trip, ms per call. */
    LOWER_IS_BETTER("↓");

    private final String arrow;

    Sense(String arrow) {
        this.arrow = arrow;
    }

    /** How much faster {@code contender} is than {@code baseline}. */
    public double speedup(double contender, double baseline) {
        return this == HIGHER_IS_BETTER ? contender / baseline : baseline / contender;
    }

    /** Marks a unit with the direction that is better, e.g. {@code MB/s ↑}. */
    public String mark(String unit) {
        return unit + " " + arrow;
    }
}
