package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Float32 {@code pow(x, -0.5)} in float lanes ({@link ElementwiseKernels#rsqrtPowF}) gives the bits of
 * the double route {@code (float) (1 / (sqrt((double) x) + 0))} (its plain twin, the scalar backend's
 * formula): at every special value, at the ends of the float-lane range, at inputs whose float-lane
 * sum lies so near a rounding midpoint that only the double route rounds it right, and at a stride
 * through all positive floats. The kernel runs often enough for C2 to compile it. Every float32 input
 * was checked by hand (README, Accuracy); {@code Float32ExhaustiveTest} repeats that under
 * {@code -Pexhaustive}.
 */
class PowLanesTest {
    private static final int FL = ElementwiseKernels.FL;

    /**
     * Found by running the float lanes without their fallback over every float: there the FMA-corrected
     * sum rounds away from the double route's value (x = 0x1.13e07p-1 and its multiples by 4^k, each
     * within a few 2^-40 of a midpoint). The kernel must see them near the tie and take the double route.
     */
    private static final float[] NEAR_TIES = {0x1.13e07p-1f, 0x1.13e07p-99f, 0x1.13e07p-61f, 0x1.13e07p+1f, 0x1.13e07p+51f};

    @Test
    void rsqrtAtSpecialValuesAndRangeEnds() {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -1f, -Float.MIN_VALUE,
                Float.MIN_VALUE, Float.MIN_NORMAL, 0x1p-100f, Math.nextDown(0x1p-100f), Float.MAX_VALUE, 1f, 4f, 0.25f, 2f};
        float[] want = twin(x);
        assertEquals(Float.POSITIVE_INFINITY, want[0]);   // C's pow(+0, -0.5)
        assertEquals(Float.POSITIVE_INFINITY, want[1]);   // and pow(-0, -0.5)
        assertEquals(0f, want[3]);                        // pow(-inf, -0.5) = +0
        assertEquals(0.5f, want[13]);
        assertBitsEqual(x, want, kernel(x, 1));
        assertBitsEqual(x, want, kernel(x, 3000));
    }

    @Test
    void rsqrtNearTiesTakeTheDoubleRouteInAnyLane() {
        for (float t : NEAR_TIES) {
            for (int lane = 0; lane < FL; lane++) {
                float[] x = new float[FL];
                for (int i = 0; i < FL; i++) {
                    x[i] = 1.5f + i;   // far from ties: the rest of the vector is on the fast lanes
                }
                x[lane] = t;
                assertBitsEqual(x, twin(x), kernel(x, lane == 0 ? 3000 : 1));
            }
        }
        // the values themselves, correctly rounded (1 / sqrt in double errs by far less than their distance to the midpoint)
        assertEquals((float) (1 / Math.sqrt(0x1.13e07p-1)), kernel(new float[] {0x1.13e07p-1f}, 1)[0]);
    }

    @Test
    void rsqrtAtAStrideThroughEveryPositiveFloat() {
        int n = 1 << 16;
        float[] x = new float[n];
        int k = 0;
        for (long bits = 1; bits <= 0x7f800000L; bits += 509) {
            x[k++] = Float.intBitsToFloat((int) bits);
            if (k == n) {
                assertBitsEqual(x, twin(x), kernel(x, 1));
                k = 0;
            }
        }
    }

    private static float[] kernel(float[] x, int calls) {
        int padded = (x.length + FL - 1) / FL * FL;
        float[] in = java.util.Arrays.copyOf(x, padded);
        float[] out = new float[padded];
        for (int c = 0; c < calls; c++) {
            ElementwiseKernels.rsqrtPowF(in, 0, out, 0, padded);
        }
        return java.util.Arrays.copyOf(out, x.length);
    }

    private static float[] twin(float[] x) {
        float[] y = new float[x.length];
        ElementwiseKernels.rsqrtPowPlainF(x, 0, y, 0, x.length);
        return y;
    }

    private static void assertBitsEqual(float[] x, float[] want, float[] got) {
        for (int i = 0; i < x.length; i++) {
            int w = Float.floatToIntBits(want[i]);   // any NaN is NaN
            int g = Float.floatToIntBits(got[i]);
            if (w != g) {
                assertEquals(want[i], got[i], "pow(" + Float.toHexString(x[i]) + ", -0.5): bits 0x" + Integer.toHexString(g)
                        + ", double route 0x" + Integer.toHexString(w));
                assertEquals(w, g, "pow(" + Float.toHexString(x[i]) + ", -0.5)");
            }
        }
    }
}
