package multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one machine-readable line a benchmark program prints on stdout, the same in both
 * languages: {@code {"samples": [41.2, 40.8, 43.0]}} (exactly this JSON shape; Python writes it
 * with {@code json.dumps}).
 */
public final class ResultLine {
    private static final Pattern SHAPE = Pattern.compile("\\{\"samples\": \\[([^\\]]*)\\]\\}");

    private ResultLine() {}

    public static String format(List<Double> samples) {
        return samples.stream().map(String::valueOf)
                .collect(Collectors.joining(", ", "{\"samples\": [", "]}"));
    }

    /** The samples of a result line, or null if {@code line} is not one. */
    public static List<Double> parse(String line) {
        Matcher m = SHAPE.matcher(line.trim());
        if (!m.matches()) return null;
        List<Double> samples = new ArrayList<>();
        for (String s : m.group(1).split(",")) {
            if (!s.isBlank()) samples.add(Double.parseDouble(s.trim()));
        }
        return samples;
    }

    public static void print(List<Double> samples) {
        System.out.println(format(samples));
        System.out.flush();
    }
}
