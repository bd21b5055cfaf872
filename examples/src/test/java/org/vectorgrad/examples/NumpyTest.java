package org.vectorgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/** numpy 1.24's array repr, checked against what numpy prints for the same arrays. */
class NumpyTest {

    private static void check(String expected, Object values, long... shape) {
        assertEquals(expected, new Numpy.NdArray(values, shape).toString());
    }

    @Test
    void floatsAlignOnThePointWithAtMostEightDecimals() {
        assertEquals("array([1. , 2.5])", Numpy.numpy(Tensor.of(new double[] {1, 2.5}, DType.FLOAT64)).toString());
        assertEquals("array([  0.12345679, -10.        ])",
                Numpy.numpy(Tensor.of(new double[] {0.123456789012, -10}, DType.FLOAT64)).toString());
        assertEquals("array([ 0.33333334, 10.        ], dtype=float32)",
                Numpy.numpy(Tensor.of(1 / 3.0, 10.0)).toString());
        assertEquals("array([0.001, 0.5  ], dtype=float32)", Numpy.numpy(Tensor.of(0.001, 0.5)).toString());
        assertEquals("array([-0.,  1.])", Numpy.numpy(Tensor.of(new double[] {-0.0, 1}, DType.FLOAT64)).toString());
    }

    @Test
    void positionalFloatsPadIntegerAndFractionParts() {
        check("array([  0.5  ,   0.25 , 100.125], dtype=float32)", new float[] {0.5f, 0.25f, 100.125f}, 3);
        check("array([0.1, 0.2], dtype=float32)", new float[] {0.1f, 0.2f}, 2);
        check("array(-0.)", new double[] {-0.0});
        check("array([[1.5, 2. ],\n       [3. , 4. ]])", new double[] {1.5, 2, 3, 4}, 2, 2);
        // 0.001953125 is a tie at the 8th decimal: Dragon4 rounds the exact value half to even.
        check("array([0.00195312, 1.        ])", new double[] {0.001953125, 1}, 2);
    }

    @Test
    void zeroDimAndEmptyArrays() {
        assertEquals("array(2., dtype=float32)", Numpy.numpy(Tensor.of(2.0)).toString());
        assertEquals("array(4.3)", Numpy.numpy(Tensor.of(4.3, DType.FLOAT64)).toString());
        assertEquals("array([], dtype=float32)", Numpy.numpy(Tensor.zeros(0)).toString());
        check("array([], shape=(0, 3), dtype=float64)", new double[0], 0, 3);
        check("array([], shape=(2, 0), dtype=int64)", new long[0], 2, 0);
        check("array([], dtype=float32)", new float[0], 0);
        check("array([], dtype=bool)", new boolean[0], 0);
        check("array(3, dtype=int32)", new int[] {3});
    }

    @Test
    void integersWrapAtSeventyFiveColumns() {
        assertEquals("""
                array([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,
                        9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000,
                       18000, 19000, 20000, 21000, 22000, 23000, 24000, 25000, 26000,
                       27000, 28000, 29000], dtype=int32)""",
                Numpy.numpy(Tensor.arange(30L).mul(1000).to(DType.INT32)).toString());
        assertEquals("array([10])", Numpy.array(10).toString());
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
    void longFloatRowsWrapAtSeventyFiveColumns() {
        double[] v = new double[12];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 11.0;
        }
        check("array([0.        , 0.09090909, 0.18181818, 0.27272727, 0.36363636,\n"
                + "       0.45454545, 0.54545455, 0.63636364, 0.72727273, 0.81818182,\n"
                + "       0.90909091, 1.        ])", v, 12);
    }

    @Test
    void higherDimensionsPutRowsOnLinesAndBlankLinesBetweenBlocks() {
        assertEquals("array([[1., 1.],\n       [1., 1.]], dtype=float32)", Numpy.numpy(Tensor.ones(2, 2)).toString());
        assertEquals("""
                array([[[0.        , 0.14285715, 0.2857143 , 0.42857143],
                        [0.5714286 , 0.71428573, 0.85714287, 1.        ],
                        [1.1428572 , 1.2857143 , 1.4285715 , 1.5714285 ]],

                       [[1.7142857 , 1.8571428 , 2.        , 2.142857  ],
                        [2.2857144 , 2.4285715 , 2.5714285 , 2.7142856 ],
                        [2.857143  , 3.        , 3.142857  , 3.2857144 ]]], dtype=float32)""",
                Numpy.numpy(Tensor.arange(24.0).reshape(2, 3, 4).div(7)).toString());
        check("array([[[1, 2],\n        [3, 4]],\n\n       [[5, 6],\n        [7, 8]]], dtype=int32)",
                new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
    }

    @Test
    void scientificNotationForWideRanges() {
        assertEquals("array([1.e-05, 1.e+00], dtype=float32)", Numpy.numpy(Tensor.of(1e-5, 1.0)).toString());
        check("array([1.e-05, 1.e+00])", new double[] {1e-5, 1.0}, 2);
        check("array([0.e+00, 1.e-05])", new double[] {0, 1e-5}, 2);
        check("array([ 1.5e-05, -1.0e+00,      nan])", new double[] {1.5e-5, -1.0, Double.NaN}, 3);
        check("array([ 1.23456789e+00, -1.23456000e-04])", new double[] {1.23456789123, -0.000123456}, 2);
        check("array([1.e+08, 1.e+00], dtype=float32)", new float[] {1e8f, 1f}, 2);
        check("array([1.23456789e+08, 5.00000000e-01])", new double[] {123456789.0, 0.5}, 2);
        check("array([1.e+300,    -inf,     nan])", new double[] {1e300, Double.NEGATIVE_INFINITY, Double.NaN}, 3);
        // The smallest subnormals: one digit, as Python's repr (Java's toString says 4.9E-324 and 1.4E-45).
        check("array([5.e-324, 1.e+000])", new double[] {Double.MIN_VALUE, 1}, 2);
        check("array([1.e-45, 1.e+00], dtype=float32)", new float[] {Float.MIN_VALUE, 1}, 2);
    }

    @Test
    void digitsBeyondTheShortestAreTheExactValues() {
        // Mantissas padded to 7 digits with float32 1e-5's exact digits (9.99999975e-06), not zeros.
        check("array([1.0000000e-01, 9.9999997e-06, 1.2345678e+00], dtype=float32)",
                new float[] {0.1f, 1e-5f, 1.2345678f}, 3);
        // The whole integer part: float32 99999992 reads back from 9.999999e7, but numpy prints every digit.
        check("array([99999992., 10000000.], dtype=float32)", new float[] {9.9999992e7f, 1e7f}, 2);
    }

    @Test
    void float32RangeRatioIsComputedInFloat32() {
        // 263.6236f / 0.2636236f is above 1000 in double but exactly 1000 in float32: numpy stays positional.
        check("array([  0.2636236, 263.6236   ], dtype=float32)", new float[] {0.2636236f, 263.6236f}, 2);
    }

    @Test
    void nonFiniteAndBoolArrays() {
        check("array([ inf, -inf,  nan,   1.], dtype=float32)",
                new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f}, 4);
        check("array([-inf,  nan], dtype=float32)", new float[] {Float.NEGATIVE_INFINITY, Float.NaN}, 2);
        check("array([nan])", new double[] {Double.NaN}, 1);
        check("array([ True, False])", new boolean[] {true, false}, 2);
        check("array(True)", new boolean[] {true});
        assertEquals("array([ True, False])", Numpy.numpy(Tensor.of(true, false)).toString());
    }

    @Test
    void refusesWhatItCannotPrintLikeNumpy() {
        assertThrows(UnsupportedOperationException.class, () -> Numpy.numpy(Tensor.zeros(1001)).toString());
        assertThrows(IllegalStateException.class, () -> Numpy.numpy(Tensor.ones(2).requiresGrad_(true)));
        assertThrows(IllegalArgumentException.class, () -> new Numpy.NdArray(new double[3], new long[] {2, 2}));
        assertThrows(IllegalArgumentException.class, () -> new Numpy.NdArray(new short[2], new long[] {2}));
    }
}
