package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.UnaryOp;

/**
 * The float32 sin/cos kernels against the correctly rounded value, over tens of millions of floats:
 * a stride through every float exponent of both signs, all floats in [1, 4), the floats nearest to
 * k*pi/2 (where range reduction cancels most), both sides of the float-lane limit (8192) and of the
 * double-lane reduction limit (2^30).
 *
 * <p>The reference is the correctly rounded value as {@link FloatSweep} computes it.
 * A one-off run of the same check over all 2^32 floats (sin and cos, this kernel) found no input
 * beyond 1 ulp and NaN for every NaN and infinity.
 */
class SinCosAccuracyTest {
    @Test
    void withinOneUlpAcrossAllExponents() {
        new FloatSweep(UnaryOp.SIN, UnaryOp.COS).allExponents().check();
    }

    @Test
    void withinOneUlpForEveryFloatInOneToFour() {
        new FloatSweep(UnaryOp.SIN, UnaryOp.COS).every(1f, 4f).check();
    }

    @Test
    void withinOneUlpNearMultiplesOfHalfPi() {
        new FloatSweep(UnaryOp.SIN, UnaryOp.COS).nearMultiplesOfHalfPi().check();
    }

    @Test
    void largeArgumentsAndSpecialValues() {
        float[] x = {0x1p30f, Math.nextUp(0x1p30f), 0x1.8p40f, 1e30f, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE};
        float[] sin = new float[x.length];
        float[] cos = new float[x.length];
        ElementwiseKernels.unary(UnaryOp.SIN, x, 0, sin, 0, x.length);
        ElementwiseKernels.unary(UnaryOp.COS, x, 0, cos, 0, x.length);
        for (int i = 0; i < 6; i++) {
            assertTrue(Check.ulps(sin[i], (float) StrictMath.sin(x[i])) <= 1, "sin " + x[i]);
            assertTrue(Check.ulps(cos[i], (float) StrictMath.cos(x[i])) <= 1, "cos " + x[i]);
        }
        for (int i = 6; i < 9; i++) {
            assertTrue(Float.isNaN(sin[i]) && Float.isNaN(cos[i]), "sin/cos of " + x[i] + " is NaN");
        }
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(sin[9]));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(sin[10]));
        assertEquals(Float.MIN_VALUE, sin[11]);
        assertEquals(-Float.MIN_VALUE, sin[12]);
        assertEquals(1f, cos[9]);
        assertEquals(1f, cos[12]);
    }

    @Test
    void vectorsMixingFloatAndDoubleLanesInPlaceGiveEachElementItsOwnResult() {
        // Elements beyond 8192 take double lanes; their neighbours must get exactly the result they get
        // alone, and in place (y is x) every input must be read before the vector is written.
        float[] x = new float[64];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 7 == 3 ? 8192f + 7.25f * i : (i - 30) * 0.37f;
        }
        // Float lanes round these (both sin and cos) to the neighbour of the correctly rounded value,
        // which double lanes would give: a vector evaluated whole in double lanes would change them.
        float[] notCorrectlyRounded = {0x1.0005dp-1f, 0x1.00104ep-1f, 0x1.001112p-1f, 0x1.0011d6p-1f, 0x1.001422p-1f, 0x1.001c5cp-1f};
        int[] at = {0, 1, 2, 4, 5, 6};
        for (int j = 0; j < at.length; j++) {
            x[at[j]] = notCorrectlyRounded[j];
        }
        x[7] = Math.nextUp(0x1p13f);
        x[8] = 0x1p13f;
        x[40] = 3e9f;
        for (UnaryOp op : new UnaryOp[] {UnaryOp.SIN, UnaryOp.COS}) {
            float[] y = x.clone();
            ElementwiseKernels.unary(op, y, 0, y, 0, y.length);
            for (int i = 0; i < x.length; i++) {
                float[] alone = new float[1];
                ElementwiseKernels.unary(op, new float[] {x[i]}, 0, alone, 0, 1);
                assertEquals(Float.floatToIntBits(alone[0]), Float.floatToIntBits(y[i]), op + "(" + x[i] + ") among others");
                float want = (float) (op == UnaryOp.SIN ? StrictMath.sin(x[i]) : StrictMath.cos(x[i]));
                assertTrue(Check.ulps(y[i], want) <= 1, op + "(" + x[i] + ") = " + y[i] + ", want " + want);
            }
        }
    }
}
