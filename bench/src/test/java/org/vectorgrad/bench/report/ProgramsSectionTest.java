package org.vectorgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorgrad.bench.Programs;

class ProgramsSectionTest {

    @Test
    void firstMatmulsGetTheirOwnTableNotAProgramHeading() {
        List<ProgramsSection.Runs> runs = List.of(
                new ProgramsSection.Runs(Programs.FIRST_MATMULS, "java", List.of(), List.of(900_000.0, 1_000_000.0, 1_100_000.0),
                        List.of(250_000.0, 250_000.0, 260_000.0), null, null),
                new ProgramsSection.Runs(Programs.FIRST_MATMULS, "java warm-up on", List.of(), List.of(8_000_000.0),
                        List.of(250_000.0), null, null),
                new ProgramsSection.Runs(Programs.FIRST_MATMULS, "java after MLP", List.of(), List.of(600_000.0),
                        List.of(240_000.0), null, null));
        StringBuilder md = new StringBuilder();
        new ProgramsSection(List.of(), runs).append(md);
        String text = md.toString();
        assertTrue(text.contains("### First matrix products"), text);
        assertTrue(text.contains("| Vectorgrad (SIMD) | 1000 (900–1100) | 250 (250–260) | 4.00 |"), text);
        assertTrue(text.contains("| Vectorgrad, `-Dvectorgrad.warmup=true` | 8000 | 250 | 32.0 |"), text);
        assertTrue(text.contains("| Vectorgrad (SIMD), after the MLP | 600 | 240 | 2.50 |"), text);
        assertFalse(text.contains("### " + Programs.FIRST_MATMULS), text);
    }
}
