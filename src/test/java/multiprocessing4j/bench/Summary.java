package multiprocessing4j.bench;

import java.util.List;

/** The median and the spread (min–max) of one trial's samples. */
public record Summary(double median, double min, double max, int count) {

    public static Summary of(List<Double> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no samples");
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Summary(median, s[0], s[n - 1], n);
    }

    /** E.g. {@code 41.2 (38.0–45.1)}: the median, then the spread. */
    public String format() {
        return Figures.format(median) + " (" + Figures.format(min) + "–" + Figures.format(max) + ")";
    }
}
