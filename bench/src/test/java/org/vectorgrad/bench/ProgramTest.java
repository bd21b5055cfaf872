package org.vectorgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The programs print the losses PyTorch prints for the same program: {@code resources/programs/NAME.out}
 * is the output of {@code /usr/bin/python3 bench/python/NAME.py} (PyTorch 1.13, 2,000 steps).
 */
class ProgramTest {

    /** Under the default backend (what users run; the conformance tests check every backend op by op). */
    @ParameterizedTest
    @ValueSource(strings = {"polynomial_fit", "mlp"})
    void printsPyTorchsLossesTo4SignificantDigits(String name) throws IOException {
        String reference = Files.readString(Path.of("src", "test", "resources", "programs", name + ".out"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream timing = new ByteArrayOutputStream();
        Program.run(() -> Programs.make(name), 2000, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(timing, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertNull(Program.differenceBeyond4Digits(printed, reference), printed);
        assertTrue(timing.toString(StandardCharsets.UTF_8).matches("timing: first100_ns=\\d+ steady_ns=\\d+\\R"),
                timing.toString(StandardCharsets.UTF_8));
    }

    @Test
    void outputsDifferingInTheFourthDigitDiffer() {
        assertNull(Program.differenceBeyond4Digits("99 12.2866\nResult: y = 0.5 x", "99 12.28672\nResult: y = 0.5 x"));
        assertNotNull(Program.differenceBeyond4Digits("99 12.28", "99 12.29"));
        assertNotNull(Program.differenceBeyond4Digits("99 12.28\n", "99 12.28\n199 3.0"));
        assertEquals("line 1: 'Result: y = 1 x', the reference: 'Result: y = 1 x^2'",
                Program.differenceBeyond4Digits("Result: y = 1 x", "Result: y = 1 x^2"));
    }
}
