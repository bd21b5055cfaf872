package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.UnaryOp;

/**
 * The float32 tan kernel (double lanes, rounded once) against the correctly rounded value: a stride
 * through every float exponent of both signs, every float in [1, 1.6) (up to the pole at pi/2), and
 * the floats nearest to k*pi/2 (zeros and poles). The reference, {@code (float) StrictMath.tan(x)},
 * is the correctly rounded float but in vanishingly rare double-rounding cases (see SinCosAccuracyTest).
 */
class TanAccuracyTest {
    private static final int BATCH = 1 << 16;

    @Test
    void withinOneUlpAcrossAllExponents() {
        Sweep s = new Sweep();
        for (long bits = 0; bits < 0x7f800000L; bits += 257) {
            s.add(Float.intBitsToFloat((int) bits));
            s.add(-Float.intBitsToFloat((int) bits + 30));
        }
        s.finish();
    }

    @Test
    void withinOneUlpForEveryFloatUpToThePole() {
        Sweep s = new Sweep();
        for (int bits = Float.floatToIntBits(1f); bits < Float.floatToIntBits(1.6f); bits++) {
            s.add(Float.intBitsToFloat(bits));
        }
        s.finish();
    }

    @Test
    void withinOneUlpNearMultiplesOfHalfPi() {
        Sweep s = new Sweep();
        for (long k = 1; k < 2_000_000; k = k < 1000 ? k + 1 : k * 1001 / 1000) {
            int centre = Float.floatToIntBits((float) (k * Math.PI / 2));
            for (int d = -8; d <= 8; d++) {
                s.add(Float.intBitsToFloat(centre + d));
                s.add(-Float.intBitsToFloat(centre + d));
            }
        }
        s.finish();
    }

    @Test
    void specialValues() {
        float[] x = {0f, -0f, Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE};
        float[] y = new float[x.length];
        ElementwiseKernels.unary(UnaryOp.TAN, x, 0, y, 0, x.length);
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(y[0]));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(y[1]));
        assertEquals(Float.MIN_VALUE, y[2]);
        for (int i = 3; i < 6; i++) {
            assertEquals(Float.NaN, y[i], "tan(" + x[i] + ")");
        }
        assertEquals((float) StrictMath.tan(Float.MAX_VALUE), y[6], 0f);
    }

    /** Collects inputs and checks them a batch at a time. */
    private static final class Sweep {
        final float[] x = new float[BATCH];
        final float[] y = new float[BATCH];
        int n;

        void add(float v) {
            x[n++] = v;
            if (n == BATCH) {
                finish();
            }
        }

        void finish() {
            ElementwiseKernels.unary(UnaryOp.TAN, x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                float want = (float) StrictMath.tan(x[i]);
                if (Check.ulps(y[i], want) > 1) {
                    fail("tan(" + x[i] + " = " + Float.toHexString(x[i]) + ") = " + y[i] + ", correctly rounded " + want);
                }
            }
            n = 0;
        }
    }
}
