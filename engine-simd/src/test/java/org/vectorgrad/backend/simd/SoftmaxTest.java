package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.UnaryOp;
import org.vectorgrad.backend.scalar.ScalarBackend;

/**
 * The fused softmax / log_softmax row kernel against PyTorch's values and the scalar backend, and
 * logsumexp's row kernel against the whole-tensor kernels it stands in for.
 */
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

    /**
     * The row max is amax's compare-and-blend kernel, whose zero may have the other sign than
     * lanewise MAX's: the results must not see it. Values printed by PyTorch 1.13
     * ({@code torch.softmax / torch.log_softmax} of these rows, float32), bit for bit, zeros' signs included.
     */
    @Test
    void zerosOfBothSignsAtTheMaxGivePyTorchsBits() {
        float[][] rows = {{-0f, 0f, -1f}, {0f, -0f, -1f}, {-0f}, {-0f, -0f}};
        float[][] softmax = {{0.42231881618499756f, 0.42231881618499756f, 0.15536241233348846f},
            {0.42231881618499756f, 0.42231881618499756f, 0.15536241233348846f}, {1f}, {0.5f, 0.5f}};
        float[][] logSoftmax = {{-0.8619948029518127f, -0.8619948029518127f, -1.861994743347168f},
            {-0.8619948029518127f, -0.8619948029518127f, -1.861994743347168f}, {0f}, {-0.6931471824645996f, -0.6931471824645996f}};
        for (int k = 0; k < rows.length; k++) {
            for (int copies : new int[] {1, ElementwiseKernels.FL}) {
                // the row alone (a tail only), and repeated past a whole vector (kernel loop and tail)
                int n = rows[k].length * copies;
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = rows[k][i % rows[k].length];
                }
                float[] y = new float[n];
                float[] z = new float[n];
                SIMD.softmax(DType.FLOAT32, false, x, Layout.contiguous(n), y, Layout.contiguous(n));
                SIMD.softmax(DType.FLOAT32, true, x, Layout.contiguous(n), z, Layout.contiguous(n));
                if (copies == 1) {
                    for (int i = 0; i < n; i++) {
                        assertEquals(Float.floatToRawIntBits(softmax[k][i]), Float.floatToRawIntBits(y[i]), "softmax " + k + "[" + i + "]");
                        assertEquals(Float.floatToRawIntBits(logSoftmax[k][i]), Float.floatToRawIntBits(z[i]), "log_softmax " + k + "[" + i + "]");
                    }
                }
                // the two zeros give one value, whatever the max's sign
                for (int i = 0; i < n; i++) {
                    if (x[i] == 0) {
                        assertEquals(Float.floatToRawIntBits(y[0]), Float.floatToRawIntBits(y[i]), java.util.Arrays.toString(x));
                        assertEquals(Float.floatToRawIntBits(z[0]), Float.floatToRawIntBits(z[i]), java.util.Arrays.toString(x));
                    }
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

    @Test
    void logsumexpRowsGiveTheBitsOfTheWholeTensorKernels() {
        Random random = new Random(7);
        float inf = Float.POSITIVE_INFINITY;
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            // tails, one vector, rows past one sum block (512 floats), and a job split across threads
            for (int[] shape : new int[][] {{3, 1}, {4, 7}, {2, 8}, {5, 13}, {3, 600}, {70, 4100}}) {
                int rows = shape[0];
                int cols = shape[1];
                double[] v = new double[rows * cols];
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextGaussian() * 30;
                }
                if (cols > 2) {
                    v[0] = inf;                  // max infinite: 0 subtracted instead, the row's sum inf
                    v[cols] = Double.NaN;        // NaN throughout
                    for (int k = 0; k < cols && rows > 2; k++) {
                        v[2 * cols + k] = -inf;  // all -inf: sum 0
                    }
                }
                Object x = buffer(dtype, v);
                Layout l = Layout.contiguous(rows, cols);
                Object max = buffer(dtype, new double[rows]);
                Object sum = buffer(dtype, new double[rows]);
                assertTrue(SIMD.logsumexpRows(dtype, x, l, max, sum));

                // amax, the infinite maxima replaced by 0, x - max, exp_ and sum, each as its own kernel call
                Layout kept = Layout.contiguous(rows);
                Object m = buffer(dtype, new double[rows]);
                SIMD.reduce(ReduceOp.MAX, dtype, x, l, 1, m, kept);
                for (int r = 0; r < rows; r++) {
                    if (Double.isInfinite(get(m, r))) {
                        set(m, r, 0);
                    }
                }
                Object e = buffer(dtype, new double[rows * cols]);
                SIMD.binary(BinaryOp.SUB, dtype, x, l, m, new Layout(0, new int[] {rows, cols}, new int[] {1, 0}), e, l);
                SIMD.unary(UnaryOp.EXP, dtype, e, l, e, l);
                Object s = buffer(dtype, new double[rows]);
                SIMD.reduce(ReduceOp.SUM, dtype, e, l, 1, s, kept);
                for (int r = 0; r < rows; r++) {
                    String at = dtype + " " + rows + "x" + cols + " row " + r;
                    assertEquals(Double.doubleToRawLongBits(get(m, r)), Double.doubleToRawLongBits(get(max, r)), at);
                    assertEquals(Double.doubleToRawLongBits(get(s, r)), Double.doubleToRawLongBits(get(sum, r)), at);
                }
            }
        }
    }

    @Test
    void logsumexpRowsLeaveOtherLayoutsToTheWholeTensorKernels() {
        float[] x = new float[6];
        float[] out = new float[3];
        // a transposed source, and one row long enough that its sum is cut across threads
        assertFalse(SIMD.logsumexpRows(DType.FLOAT32, x, new Layout(0, new int[] {3, 2}, new int[] {1, 3}), out, out));
        int n = 1 << 22;
        boolean split = Parallel.parts(n, n / 4096) > 1;
        assertEquals(!split, SIMD.logsumexpRows(DType.FLOAT32, new float[n], Layout.contiguous(1, n), new float[1], new float[1]));
        assertFalse(SCALAR.logsumexpRows(DType.FLOAT32, x, Layout.contiguous(3, 2), out, out));
    }

    private static void set(Object buffer, int i, double v) {
        if (buffer instanceof float[] f) {
            f[i] = (float) v;
        } else {
            ((double[]) buffer)[i] = v;
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
