package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Float32 {@code pow(x, -0.5)} and {@code pow(x, -2)} in float lanes ({@link ElementwiseKernels#rsqrtPowF},
 * {@link ElementwiseKernels#inverseSquareF}) give the bits of the double routes {@code (float) (1 /
 * (sqrt((double) x) + 0))} and {@code (float) (1 / ((double) x * x))} (their plain twins, the scalar
 * backend's formulas): at every special value, at the ends of the float-lane ranges, at inputs whose
 * float-lane sum lies so near a rounding midpoint that only the double route rounds it right, and at a
 * stride through all floats. The kernels run often enough for C2 to compile them. Every float32 input
 * was checked by hand (README, Accuracy); {@code Float32ExhaustiveTest} repeats it for x^-0.5 under
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

    @Test
    void inverseSquareAsTheDoubleRoute() {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE, -Float.MIN_NORMAL,
                0x1p-50f, -Math.nextDown(0x1p-50f), 0x1p62f, -Math.nextUp(0x1p62f), Float.MAX_VALUE, -3f, 0.5f, 1f, 7f};
        float[] want = twin(ElementwiseKernels::inverseSquarePlainF, x);
        assertEquals(Float.POSITIVE_INFINITY, want[1]);
        assertEquals(1f / 9, want[12]);
        assertEquals(4f, want[13]);
        assertBitsEqual(x, want, kernel(ElementwiseKernels::inverseSquareF, x, 1));
        assertBitsEqual(x, want, kernel(ElementwiseKernels::inverseSquareF, x, 3000));
        int n = 1 << 16;
        float[] all = new float[n];
        int k = 0;
        for (long bits = 0; bits < 1L << 32; bits += 1021) {
            all[k++] = Float.intBitsToFloat((int) bits);
            if (k == n) {
                assertBitsEqual(all, twin(ElementwiseKernels::inverseSquarePlainF, all), kernel(ElementwiseKernels::inverseSquareF, all, 1));
                k = 0;
            }
        }
    }

    private static float[] kernel(float[] x, int calls) {
        return kernel(ElementwiseKernels::rsqrtPowF, x, calls);
    }

    private static float[] kernel(ElementwiseKernels.F1 f, float[] x, int calls) {
        int padded = (x.length + FL - 1) / FL * FL;
        float[] in = java.util.Arrays.copyOf(x, padded);
        float[] out = new float[padded];
        for (int c = 0; c < calls; c++) {
            f.run(in, 0, out, 0, padded);
        }
        return java.util.Arrays.copyOf(out, x.length);
    }

    private static float[] twin(float[] x) {
        return twin(ElementwiseKernels::rsqrtPowPlainF, x);
    }

    private static float[] twin(ElementwiseKernels.F1 plain, float[] x) {
        float[] y = new float[x.length];
        plain.run(x, 0, y, 0, x.length);
        return y;
    }

    private static void assertBitsEqual(float[] x, float[] want, float[] got) {
        for (int i = 0; i < x.length; i++) {
            int w = Float.floatToIntBits(want[i]);   // any NaN is NaN
            int g = Float.floatToIntBits(got[i]);
            if (w != g) {
                assertEquals(want[i], got[i], "at " + Float.toHexString(x[i]) + ": bits 0x" + Integer.toHexString(g)
                        + ", double route 0x" + Integer.toHexString(w));
                assertEquals(w, g, "at " + Float.toHexString(x[i]));
            }
        }
    }
}
