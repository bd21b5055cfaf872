package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.scalar.ScalarBackend;

/** The fused softmax / log_softmax row kernel against PyTorch's values and the scalar backend. */
class SoftmaxTest {
    private static final Backend SIMD = new SimdBackend();
    private static final Backend SCALAR = new ScalarBackend();

    @Test
    void matchesPyTorchOnOneRow() {
        // torch.tensor([1., 2., 3.]).softmax(0) and .log_softmax(0), printed with 8 digits
        float[] x = {1, 2, 3};
        float[] y = new float[3];
        SIMD.softmax(DType.FLOAT32, false, x, Layout.contiguous(3), y, Layout.contiguous(3));
        assertArrayEquals(new float[] {0.09003057f, 0.24472848f, 0.66524094f}, y, 1e-7f);
        SIMD.softmax(DType.FLOAT32, true, x, Layout.contiguous(3), y, Layout.contiguous(3));
        assertArrayEquals(new float[] {-2.4076059f, -1.4076059f, -0.40760595f}, y, 1e-6f);
    }

    @Test
    void agreesWithTheScalarBackendOnRowsOfEveryLength() {
        Random random = new Random(15);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int cols : new int[] {1, 2, 7, 8, 9, 16, 31, 33, 100, 257}) {
                for (boolean log : new boolean[] {false, true}) {
                    int rows = 3;
                    int n = rows * cols;
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = (random.nextDouble() - 0.5) * 40;
                    }
                    Object x = buffer(dtype, v);
                    Object simd = buffer(dtype, new double[n]);
                    Object scalar = buffer(dtype, new double[n]);
                    Layout l = Layout.contiguous(rows, cols);
                    SIMD.softmax(dtype, log, x, l, simd, l);
                    SCALAR.softmax(dtype, log, x, l, scalar, l);
                    double eps = dtype == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
                    for (int i = 0; i < n; i++) {
                        double a = get(scalar, i);
                        double b = get(simd, i);
                        // a few roundings apart: exp within one ulp, the sum in another order
                        double tol = (log ? 8 * Math.max(1, Math.abs(a)) : 4 * Math.abs(a)) * eps;
                        assertEquals(a, b, tol, dtype + " log=" + log + " cols=" + cols + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void aTransposedRowGivesTheBitsOfTheSameContiguousRow() {
        Random random = new Random(3);
        int rows = 5;
        int cols = 19;
        float[] t = new float[rows * cols];   // stored [cols, rows]: softmax along its dim 0
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) random.nextGaussian() * 5;
        }
        float[] c = new float[rows * cols];   // the same values stored [rows, cols]
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                c[r * cols + k] = t[k * rows + r];
            }
        }
        for (boolean log : new boolean[] {false, true}) {
            float[] fromT = new float[rows * cols];
            float[] fromC = new float[rows * cols];
            Layout transposed = new Layout(0, new int[] {rows, cols}, new int[] {1, rows});
            SIMD.softmax(DType.FLOAT32, log, t, transposed, fromT, transposed);
            SIMD.softmax(DType.FLOAT32, log, c, Layout.contiguous(rows, cols), fromC, Layout.contiguous(rows, cols));
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < cols; k++) {
                    assertEquals(Float.floatToIntBits(fromC[r * cols + k]), Float.floatToIntBits(fromT[k * rows + r]));
                }
            }
        }
    }

    @Test
    void infinitiesAndNaNAsTheScalarBackend() {
        float inf = Float.POSITIVE_INFINITY;
        float[][] rows = {
            {-inf, 0, 1},                 // exp(-inf) = 0
            {inf, 0, 1},                  // inf - inf is NaN, so is the sum: NaN throughout
            {-inf, -inf, -inf},           // NaN throughout
            {Float.NaN, 0, 1},            // NaN throughout
            {3.4e38f, -3.4e38f, 0},       // the max subtracted first: no overflow
            {0, -90, -200},               // exp of x - max below exp's common range, and 0
        };
        // each row alone (a row's tail only), and cycled to 2 vectors and a tail
        for (int n : new int[] {3, 2 * ElementwiseKernels.FL + 3}) {
            for (float[] row : rows) {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = row[i % 3];
                }
                for (boolean log : new boolean[] {false, true}) {
                    float[] a = new float[n];
                    float[] b = new float[n];
                    SIMD.softmax(DType.FLOAT32, log, x, Layout.contiguous(n), a, Layout.contiguous(n));
                    SCALAR.softmax(DType.FLOAT32, log, x, Layout.contiguous(n), b, Layout.contiguous(n));
                    for (int i = 0; i < n; i++) {
                        assertTrue(Float.isNaN(a[i]) == Float.isNaN(b[i]) && (Float.isNaN(a[i]) || a[i] == b[i]
                                        || Math.abs(a[i] - b[i]) <= 1e-6f * Math.max(1, Math.abs(b[i]))),
                                java.util.Arrays.toString(x) + " log=" + log + ": " + a[i] + " vs " + b[i]);
                    }
                }
            }
        }
    }

    /** {@code v} as a buffer of {@code dtype} (float32 rounded once); FusedKernelsTest uses it too. */
    static Object buffer(DType dtype, double[] v) {
        if (dtype == DType.FLOAT64) {
            return v.clone();
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static double get(Object buffer, int i) {
        return buffer instanceof float[] f ? f[i] : ((double[]) buffer)[i];
    }
}
