package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link NumpyRepr} against numpy 1.24's own repr of the same arrays. */
class NumpyReprTest {

    private static void check(String expected, Object values, long... shape) {
        assertEquals(expected, NumpyRepr.repr(values, shape));
    }

    @Test
    void positionalFloatsPadIntegerAndFractionParts() {
        check("array([  0.5  ,   0.25 , 100.125], dtype=float32)", new float[] {0.5f, 0.25f, 100.125f}, 3);
        check("array([0.1, 0.2], dtype=float32)", new float[] {0.1f, 0.2f}, 2);
        check("array(-0.)", new double[] {-0.0});
        check("array([[1.5, 2. ],\n       [3. , 4. ]])", new double[] {1.5, 2, 3, 4}, 2, 2);
    }

    @Test
    void longRowsWrapAtSeventyFiveColumns() {
        double[] v = new double[12];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 11.0;
        }
        check("array([0.        , 0.09090909, 0.18181818, 0.27272727, 0.36363636,\n"
                + "       0.45454545, 0.54545455, 0.63636364, 0.72727273, 0.81818182,\n"
                + "       0.90909091, 1.        ])", v, 12);
        long[] k = new long[30];
        for (int i = 0; i < k.length; i++) {
            k[i] = 1000L * i;
        }
        check("array([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,\n"
                + "        9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000,\n"
                + "       18000, 19000, 20000, 21000, 22000, 23000, 24000, 25000, 26000,\n"
                + "       27000, 28000, 29000])", k, 30);
    }

    @Test
    void scientificNotationForWideRanges() {
        check("array([1.e-05, 1.e+00])", new double[] {1e-5, 1.0}, 2);
        check("array([ 1.5e-05, -1.0e+00,      nan])", new double[] {1.5e-5, -1.0, Double.NaN}, 3);
        check("array([ 1.23456789e+00, -1.23456000e-04])", new double[] {1.23456789123, -0.000123456}, 2);
        check("array([1.e+08, 1.e+00], dtype=float32)", new float[] {1e8f, 1f}, 2);
        check("array([1.23456789e+08, 5.00000000e-01])", new double[] {123456789.0, 0.5}, 2);
    }

    @Test
    void nonFiniteBoolIntegerAndEmptyArrays() {
        check("array([ inf, -inf,  nan,   1.], dtype=float32)",
                new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f}, 4);
        check("array([nan])", new double[] {Double.NaN}, 1);
        check("array([ True, False])", new boolean[] {true, false}, 2);
        check("array(True)", new boolean[] {true});
        check("array([[[1, 2],\n        [3, 4]],\n\n       [[5, 6],\n        [7, 8]]], dtype=int32)",
                new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        check("array([], shape=(0, 3), dtype=float64)", new double[0], 0, 3);
        check("array([], dtype=float32)", new float[0], 0);
    }
}
