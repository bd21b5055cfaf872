package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.UnaryOp;

/**
 * The float32 sin/cos kernels against the correctly rounded value, over tens of millions of floats:
 * a stride through every float exponent of both signs, all floats in [1, 4), the floats nearest to
 * k*pi/2 (where range reduction cancels most), both sides of the float-lane limit (8192) and of the
 * double-lane reduction limit (2^30).
 *
 * <p>The reference is {@code (float) StrictMath.sin((double) x)}: fdlibm's double result (error below
 * 1 double ulp) rounded once. That is the correctly rounded float unless the exact value lies within
 * ~2^-29 float ulps of a rounding midpoint, vanishingly rare, and even then 1 float ulp away at most.
 * A one-off run of the same check over all 2^32 floats (sin and cos, this kernel) found no input
 * beyond 1 ulp and NaN for every NaN and infinity.
 */
class SinCosAccuracyTest {
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
    void withinOneUlpForEveryFloatInOneToFour() {
        Sweep s = new Sweep();
        for (int bits = Float.floatToIntBits(1f); bits < Float.floatToIntBits(4f); bits++) {
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

    /** Collects inputs and checks them a batch at a time, sin and cos. */
    private static final class Sweep {
        final float[] x = new float[BATCH];
        final float[] y = new float[BATCH];
        int n;
        long checked;

        void add(float v) {
            x[n++] = v;
            if (n == BATCH) {
                finish();
            }
        }

        void finish() {
            ElementwiseKernels.unary(UnaryOp.SIN, x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                check("sin", x[i], y[i], (float) StrictMath.sin(x[i]));
            }
            ElementwiseKernels.unary(UnaryOp.COS, x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                check("cos", x[i], y[i], (float) StrictMath.cos(x[i]));
            }
            checked += n;
            n = 0;
        }

        private static void check(String f, float x, float got, float want) {
            if (Check.ulps(got, want) > 1) {
                fail(f + "(" + x + " = " + Float.toHexString(x) + ") = " + got + ", correctly rounded " + want);
            }
        }
    }
}
