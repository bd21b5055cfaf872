package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.VectorShape;
import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.Backends;

/** -Dvectorgrad.simd.bits: every kernel runs at the forced width, and a width the CPU lacks is an error. */
class WidthsTest {

    @Test
    void everyKernelRunsAtTheChosenWidth() {
        String forced = System.getProperty(Widths.PROPERTY);
        int expected = forced == null ? VectorShape.preferredShape().vectorBitSize() : Integer.parseInt(forced);
        assertEquals(expected, Widths.BITS);
        assertEquals(expected, ElementwiseKernels.FS.vectorBitSize());
        assertEquals(expected, ElementwiseKernels.DS.vectorBitSize());
        assertEquals(expected / 32, ElementwiseKernels.FL);
        assertEquals(expected / 64, ElementwiseKernels.DL);
        assertNull(Widths.PROBLEM);
    }

    @Test
    void theCpusWidthsStartAt128AndEndAtThePreferredOne() {
        List<Integer> widths = Widths.available();
        assertEquals(128, widths.get(0));
        assertEquals(Math.min(512, VectorShape.preferredShape().vectorBitSize()), widths.get(widths.size() - 1));
        for (int bits : widths) {
            assertNull(Widths.check(Integer.toString(bits)), "width " + bits);
        }
    }

    @Test
    void onlyPowersOfTwoFrom128To512AreWidths() {
        assertEquals("-Dvectorgrad.simd.bits must be 128, 256 or 512, got '64'", Widths.check("64"));
        assertEquals("-Dvectorgrad.simd.bits must be 128, 256 or 512, got 'wide'", Widths.check("wide"));
        assertEquals("-Dvectorgrad.simd.bits must be 128, 256 or 512, got '1024'", Widths.check("1024"));
    }

    /** The simd backend does not quietly give way to the scalar one when the forced width is missing. */
    @Test
    void aWidthTheCpuLacksFailsTheBackendNamingTheAvailableOnes() throws IOException, InterruptedException {
        assumeTrue(!Widths.available().contains(512), "this CPU has 512-bit vectors");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-D" + Widths.PROPERTY + "=512", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("IllegalArgumentException: -Dvectorgrad.simd.bits=512: this CPU has no 512-bit "
                + "vectors; widths available here: " + Widths.available()), out);
    }

    /** Run in a JVM with a width forced. */
    public static final class Probe {
        public static void main(String[] args) {
            try {
                System.out.println("current: " + Backends.current().name());
            } catch (RuntimeException e) {
                System.out.println(e);
            }
        }
    }
}
