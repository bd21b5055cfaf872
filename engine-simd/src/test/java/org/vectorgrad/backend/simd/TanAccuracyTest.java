package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.UnaryOp;

/**
 * The float32 tan kernel (double lanes, rounded once) against the correctly rounded value
 * ({@link FloatSweep}): a stride through every float exponent of both signs, every float in [1, 1.6)
 * (up to the pole at pi/2), and the floats nearest to k*pi/2 (zeros and poles).
 */
class TanAccuracyTest {

    @Test
    void withinOneUlpAcrossAllExponents() {
        new FloatSweep(UnaryOp.TAN).allExponents().check();
    }

    @Test
    void withinOneUlpForEveryFloatUpToThePole() {
        new FloatSweep(UnaryOp.TAN).every(1f, 1.6f).check();
    }

    @Test
    void withinOneUlpNearMultiplesOfHalfPi() {
        new FloatSweep(UnaryOp.TAN).nearMultiplesOfHalfPi().check();
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
}
