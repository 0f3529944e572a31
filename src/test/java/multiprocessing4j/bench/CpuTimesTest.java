package multiprocessing4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void stealAndTotalComeFromTheFirstEightFields() {
        CpuTimes t = CpuTimes.parse("cpu  1422553 0 302287 2059819 2766 0 6648 50886 7 9");
        assertEquals(50886, t.steal());
        assertEquals(1422553 + 302287 + 2059819 + 2766 + 6648 + 50886, t.total()); // guest is already in user
    }

    @Test
    void stealIsAShareOfAllTimeBetweenTwoReadings() {
        CpuTimes start = CpuTimes.parse("cpu  100 0 50 800 0 0 0 50 0 0");
        CpuTimes end = CpuTimes.parse("cpu  300 0 150 1100 0 0 0 250 0 0");
        assertEquals("25.0%", end.stealSince(start)); // 200 of 800 ticks
        assertEquals("0.0%", start.stealSince(start));
    }

    @Test
    void aLineThatIsNotTheCpuLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse("cpu0 1 2 3 4 5 6 7 8"));
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse("cpu  1 2 3"));
    }

    @Test
    void thisMachineHasOneOnLinux() {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "/proc/stat is Linux's");
        CpuTimes now = CpuTimes.now().orElseThrow();
        assertTrue(now.total() > 0 && now.steal() >= 0 && now.steal() <= now.total(), now.toString());
    }
}
