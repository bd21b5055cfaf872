package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link Erf} against erf computed in 120-bit arithmetic ({@code erf/make_reference.py}, mpmath):
 * float64 within the documented 1.05 ulp, float32 within 1 float ulp; and the values PyTorch 1.13
 * prints for special inputs.
 */
class ErfTest {
    /** Errors in ulps of the exact value, fractional: {@code |y - exact| / ulp(exact)}. */
    private static double ulps(double y, BigDecimal exact) {
        return new BigDecimal(y).subtract(exact).abs().doubleValue() / Math.ulp(exact.doubleValue());
    }

    private static double floatUlps(float y, BigDecimal exact) {
        return new BigDecimal(y).subtract(exact).abs().doubleValue() / Math.ulp(exact.floatValue());
    }

    @Test
    void float64IsWithinTheDocumentedBoundAndFloat32WithinOneUlp() throws IOException {
        double worst = 0;
        double worstFloat = 0;
        int n = 0;
        for (String line : reference().split("\n")) {
            String[] p = line.split(" ");
            double x = Double.parseDouble(p[0]);
            BigDecimal exact = new BigDecimal(p[1]);
            worst = Math.max(worst, ulps(Erf.erf(x), exact));
            worst = Math.max(worst, ulps(-Erf.erf(-x), exact));
            if ((float) x == x && exact.floatValue() != 0) {
                worstFloat = Math.max(worstFloat, floatUlps(Erf.erf((float) x), exact));
            }
            n++;
        }
        assertEquals(3300, n);
        assertTrue(worst <= 1.05, "float64 error " + worst + " ulp");
        assertTrue(worst > 0.5, "the sample reaches the interesting region (error " + worst + " ulp)");
        assertTrue(worstFloat <= 1.0, "float32 error " + worstFloat + " ulp");
    }

    @Test
    void specialValuesAsPyTorchPrintsThem() {
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(-0.0, Erf.erf(-0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Erf.erf(-0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0f), Double.doubleToRawLongBits(Erf.erf(-0.0f)));
        // torch.erf(torch.tensor([...], dtype=torch.float64)).tolist()
        assertEquals(1.1283791670955127e-30, Erf.erf(1e-30));
        assertEquals(-1.1283791670955e-310, Erf.erf(-1e-310));
        assertEquals(0.5204998778130465, Erf.erf(0.5));
        assertEquals(-0.7969082124228322, Erf.erf(-0.9));
        assertEquals(0.8427007929497149, Erf.erf(1.0));
        assertEquals(0.9661051464753108, Erf.erf(1.5));
        assertEquals(-0.999593047982555, Erf.erf(-2.5));
        assertEquals(0.9999999652077514, Erf.erf(3.9));
        assertEquals(0.9999999999999999, Erf.erf(5.9));
        assertEquals(1.0, Erf.erf(6.5));
        assertEquals(-1.0, Erf.erf(-27.0));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Erf.erf(Double.MIN_VALUE));   // 1.128 * 2^-1074 rounds to 2^-1074
        assertEquals(0.5204999f, Erf.erf(0.5f));
    }

    @Test
    void branchesMeetWithoutAJump() {
        double below = Math.nextDown(Erf.SMALL_LIMIT);
        double slope = 2 / Math.sqrt(Math.PI) * Math.exp(-1);
        assertEquals(Erf.erf(Erf.SMALL_LIMIT) - slope * Math.ulp(below), Erf.erf(below), 2 * Math.ulp(0.84));
        assertEquals(1.0, Erf.erf(Math.nextDown(Erf.ONE_LIMIT)), Math.ulp(1.0));
    }

    private static String reference() throws IOException {
        try (InputStream in = ErfTest.class.getResourceAsStream("/erf/reference.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
