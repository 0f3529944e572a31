package multiprocessing4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's statistics and formatting (no timing is measured or asserted here). */
class ReportFormattingTest {

    @Test
    void summaryIsTheMedianWithTheSpread() {
        assertEquals(new Summary(3, 1, 9, 5), Summary.of(List.of(9.0, 1.0, 3.0, 4.0, 2.0)));
        assertEquals(new Summary(2.5, 1, 4, 4), Summary.of(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void roundsPoolTheirSamplesAndAFailureSticks() {
        Outcome two = Outcome.of(List.of(1.0, 5.0)).plus(Outcome.of(List.of(3.0)));
        assertEquals(new Summary(3, 1, 5, 3), two.summary());
        assertEquals("error: hung", two.plus(Outcome.failed("hung")).plus(two).cell());
    }

    @Test
    void figuresHaveThreeSignificantDigits() {
        assertEquals("18,738", Figures.format(18737.6));
        assertEquals("41.2", Figures.format(41.23));
        assertEquals("0.0123", Figures.format(0.012345));
        assertEquals("2", Figures.format(2.0));
        assertEquals("1.23×", Figures.ratio(1.234));
        assertEquals("41.2 (38–45.1)", new Summary(41.23, 38, 45.1, 5).format());
    }

    @Test
    void ratiosAreSpeedupsWhateverTheUnit() {
        assertEquals(2.0, Sense.HIGHER_IS_BETTER.speedup(200, 100));
        assertEquals(2.0, Sense.LOWER_IS_BETTER.speedup(50, 100));
    }

    @Test
    void resultLinesRoundTripAndOthersAreIgnored() {
        List<Double> samples = List.of(41.5, 1.0E-5, 18737.25);
        assertEquals(samples, ResultLine.parse(ResultLine.format(samples)));
        assertEquals(List.of(1.0E-5, 2.0), ResultLine.parse("{\"samples\": [1e-05, 2]}")); // Python's json
        assertNull(ResultLine.parse("READY 127.0.0.1:5000"));
    }

    @Test
    void failuresBecomeOneLineCells() {
        assertEquals("error: client ended / badly", Outcome.failed("client ended | badly").cell());
        assertEquals("IllegalStateException: boom",
                ChildProcess.headline("Exception in thread \"main\" java.lang.RuntimeException: x\n\tat A.b(A.java:1)\n"
                        + "Caused by: java.lang.IllegalStateException: boom\n\t... 1 more\n"));
        assertEquals("ValueError: bad", ChildProcess.headline("Traceback (most recent call last):\n  File \"x.py\"\nValueError: bad\n"));
    }

    @Test
    void tablesArePaddedMarkdown() {
        String table = new MarkdownTable("Workload", "Ratio").row("a", "1.00×").row("longer name", "–").toString();
        assertEquals("""
                | Workload    | Ratio |
                | ----------- | ----- |
                | a           | 1.00× |
                | longer name | –     |
                """, table);
    }

    @Test
    void aWorkloadIsOneRowPerJavaConfigurationBesideItsBaseline() {
        WorkloadResult r = new WorkloadResult(new PickleWorkload("loads", PickleData.STR_DICT),
                new Measured("CPython `pickle`", Outcome.of(List.of(40.0))),
                List.of(new Measured("Java, CPython's pickle", Outcome.of(List.of(20.0))),
                        new Measured("Java, own pickle", Outcome.failed("hung"))));
        assertEquals("""
                | Workload                | Unit      | Java configuration     | Java        | CPython `pickle` | Ratio |
                | ----------------------- | --------- | ---------------------- | ----------- | ---------------- | ----- |
                | `pickle.loads.str-dict` | ms/call ↓ | Java, CPython's pickle | 20 (20–20)  | 40 (40–40)       | 2.00× |
                |                         |           | Java, own pickle       | error: hung |                  | –     |
                """, Report.table(List.of(r)).toString());
    }

    @Test
    void workloadsWithDifferentBaselinesNameEachInItsCell() {
        WorkloadResult fork = new WorkloadResult(new StartWorkload("fork"),
                new Measured("CPython `fork`", Outcome.of(List.of(2.0))),
                List.of(new Measured("Java `fork`", Outcome.of(List.of(4.0)))));
        WorkloadResult spawn = new WorkloadResult(new StartWorkload("spawn"),
                new Measured("CPython `spawn`", Outcome.of(List.of(100.0))),
                List.of(new Measured("Java `spawn`", Outcome.of(List.of(50.0)))));
        assertEquals("""
                | Workload      | Unit                           | Java configuration | Java       | CPython baseline               | Ratio |
                | ------------- | ------------------------------ | ------------------ | ---------- | ------------------------------ | ----- |
                | `start.fork`  | ms/start+join, trivial child ↓ | Java `fork`        | 4 (4–4)    | CPython `fork`: 2 (2–2)        | 0.50× |
                | `start.spawn` | ms/start+join, trivial child ↓ | Java `spawn`       | 50 (50–50) | CPython `spawn`: 100 (100–100) | 2.00× |
                """, Report.table(List.of(fork, spawn)).toString());
    }
}
