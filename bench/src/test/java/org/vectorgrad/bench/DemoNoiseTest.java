package org.vectorgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorgrad.bench.report.Machine;

/** The demo says when its figures are too noisy to read, with the load that made them so. */
class DemoNoiseTest {
    private static final Machine BUSY = new Machine(Map.of("load", "3.92 2.71 2.05", "cpu.cores", "2"));

    @Test
    void aFigureIsNoisyAboveTenPercentOrWhenItsErrorIsUnknown() {
        assertFalse(Suite.noisy(0.10));
        assertTrue(Suite.noisy(0.11));
        assertTrue(Suite.noisy(20.64), "the ±2064% of a demo run on a busy machine");
        assertTrue(Suite.noisy(Double.NaN), "JMH gives NaN error for a single iteration");
    }

    @Test
    void theCaveatCountsNoisyFiguresAndShowsTheLoad() {
        assertEquals("Caution: 2 of 14 figures have an error above ±10% and are too noisy to read, and so are the speedups "
                + "built on them: other work competed for the CPU (load average 3.92 2.71 2.05 (1, 5, 15 min) on 2 cores "
                + "when the run started). These are short runs for a first look; for numbers, run ./bench/run.sh on a quiet "
                + "machine.", Suite.noiseCaveat(2, 14, BUSY));
        assertEquals("Every figure is within ±10% (load average 3.92 2.71 2.05 (1, 5, 15 min) on 2 cores when the run "
                + "started).", Suite.noiseCaveat(0, 14, BUSY));
    }
}
