package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.TernaryOp;
import org.vectorgrad.backend.scalar.ScalarBackend;

/** {@link FusedKernels} through {@link SimdBackend}: PyTorch's values, and the scalar backend's bits where exact. */
class FusedKernelsTest {
    private static final Backend SIMD = new SimdBackend();
    private static final Backend SCALAR = new ScalarBackend();
    private static final float INF = Float.POSITIVE_INFINITY;

    @Test
    void softmaxBackwardMatchesPyTorchOnOneRow() {
        // s = torch.tensor([[1., 2, 3]]).softmax(1); g = torch.tensor([[0.5, -1., 2.]])
        // torch.ops.aten._softmax_backward_data(g, s, 1, torch.float32), and the log_softmax twin
        float[] g = {0.5f, -1, 2};
        float[] s = {0.09003057f, 0.24472848f, 0.66524094f};
        float[] d = new float[3];
        SIMD.softmaxBackward(DType.FLOAT32, false, g, Layout.contiguous(1, 3), s, Layout.contiguous(1, 3), d, Layout.contiguous(1, 3));
        assertArrayEquals(new float[] {-0.05678846f, -0.52145982f, 0.57824826f}, d, 1e-7f);
        float[] ls = {-2.4076059f, -1.4076059f, -0.40760595f};
        SIMD.softmaxBackward(DType.FLOAT32, true, g, Layout.contiguous(1, 3), ls, Layout.contiguous(1, 3), d, Layout.contiguous(1, 3));
        assertArrayEquals(new float[] {0.36495411f, -1.36709273f, 1.00213850f}, d, 1e-6f);
    }

    @Test
    void softmaxBackwardAgreesWithTheScalarBackendOnRowsOfEveryLength() {
        Random random = new Random(15);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int cols : new int[] {1, 2, 7, 8, 9, 16, 31, 33, 100, 257}) {
                for (boolean log : new boolean[] {false, true}) {
                    int rows = 3;
                    int n = rows * cols;
                    double[] gv = new double[n];
                    double[] yv = new double[n];
                    for (int i = 0; i < n; i++) {
                        gv[i] = random.nextGaussian();
                        yv[i] = log ? -random.nextDouble() * 5 : random.nextDouble() / cols;
                    }
                    Object g = SoftmaxTest.buffer(dtype, gv);
                    Object y = SoftmaxTest.buffer(dtype, yv);
                    Object simd = SoftmaxTest.buffer(dtype, new double[n]);
                    Object scalar = SoftmaxTest.buffer(dtype, new double[n]);
                    Layout l = Layout.contiguous(rows, cols);
                    SIMD.softmaxBackward(dtype, log, g, l, y, l, simd, l);
                    SCALAR.softmaxBackward(dtype, log, g, l, y, l, scalar, l);
                    double eps = dtype == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
                    for (int r = 0; r < rows; r++) {
                        // the row's sum in another order: off by about cols roundings of its terms' size
                        double bound = 0;
                        for (int k = 0; k < cols; k++) {
                            bound += Math.abs(gv[r * cols + k] * (log ? 1 : yv[r * cols + k]));
                        }
                        for (int k = 0; k < cols; k++) {
                            int i = r * cols + k;
                            double scale = log ? Math.exp(yv[i]) : Math.abs(yv[i]);
                            double tol = 4 * eps * (Math.abs(SoftmaxTest.get(scalar, i)) + (cols + 2) * bound * scale);
                            assertEquals(SoftmaxTest.get(scalar, i), SoftmaxTest.get(simd, i), tol, dtype + " log=" + log + " cols=" + cols + " at " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void softmaxBackwardOfTransposedRowsGivesTheBitsOfContiguousRows() {
        Random random = new Random(3);
        int rows = 5;
        int cols = 19;
        float[] gt = new float[rows * cols];   // stored [cols, rows], read along dim 0
        float[] yt = new float[rows * cols];
        for (int i = 0; i < gt.length; i++) {
            gt[i] = (float) random.nextGaussian();
            yt[i] = (float) -random.nextDouble();
        }
        float[] gc = transpose(gt, cols, rows);
        float[] yc = transpose(yt, cols, rows);
        Layout transposed = new Layout(0, new int[] {rows, cols}, new int[] {1, rows});
        Layout dense = Layout.contiguous(rows, cols);
        for (boolean log : new boolean[] {false, true}) {
            float[] fromT = new float[rows * cols];
            float[] fromC = new float[rows * cols];
            SIMD.softmaxBackward(DType.FLOAT32, log, gt, transposed, yt, transposed, fromT, dense);
            SIMD.softmaxBackward(DType.FLOAT32, log, gc, dense, yc, dense, fromC, dense);
            assertArrayEquals(fromC, fromT);
            // in place over the gradient, as the ops layer never asks but the contract allows
            float[] inPlace = gc.clone();
            SIMD.softmaxBackward(DType.FLOAT32, log, inPlace, dense, yc, dense, inPlace, dense);
            assertArrayEquals(fromC, inPlace);
        }
    }

    @Test
    void softmaxBackwardOfNaNAndInfinityRows() {
        // _softmax_backward_data(g, y): a NaN or inf in a row reaches its sum, so every element of the row
        float[][] gs = {{Float.NaN, 1, 2}, {INF, 1, 2}, {1, 2, 3}};
        float[][] ys = {{0.2f, 0.3f, 0.5f}, {0.2f, 0.3f, 0.5f}, {Float.NaN, 0.5f, 0.5f}};
        for (int r = 0; r < gs.length; r++) {
            for (boolean log : new boolean[] {false, true}) {
                float[] a = new float[3];
                float[] b = new float[3];
                SIMD.softmaxBackward(DType.FLOAT32, log, gs[r], Layout.contiguous(3), ys[r], Layout.contiguous(3), a, Layout.contiguous(3));
                SCALAR.softmaxBackward(DType.FLOAT32, log, gs[r], Layout.contiguous(3), ys[r], Layout.contiguous(3), b, Layout.contiguous(3));
                for (int i = 0; i < 3; i++) {
                    assertEquals(Float.isNaN(b[i]), Float.isNaN(a[i]), "row " + r + " log=" + log + " at " + i);
                }
            }
        }
        // log_softmax's y of -inf (a zero probability): exp(-inf) = 0, so the gradient is g there
        float[] d = new float[3];
        SIMD.softmaxBackward(DType.FLOAT32, true, new float[] {1, 2, 3}, Layout.contiguous(3), new float[] {-INF, 0, -INF},
                Layout.contiguous(3), d, Layout.contiguous(3));
        assertArrayEquals(new float[] {1, 2 - 6, 3}, d);
    }

    @Test
    void ternaryOpsHaveTheScalarBackendsBitsOnEveryLayout() {
        Random random = new Random(7);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (TernaryOp op : TernaryOp.values()) {
                for (int cols : new int[] {1, 5, 8, 17, 64, 67}) {
                    int rows = 4;
                    int n = rows * cols;
                    double[] xv = values(random, n);
                    double[] av = values(random, n);
                    double[] bv = values(random, n);
                    Layout dense = Layout.contiguous(rows, cols);
                    Layout transposed = new Layout(0, new int[] {rows, cols}, new int[] {1, rows});
                    Layout row = new Layout(0, new int[] {rows, cols}, new int[] {0, 1});
                    Layout one = new Layout(3, new int[] {rows, cols}, new int[] {0, 0});
                    for (Layout al : new Layout[] {dense, transposed, row, one}) {
                        for (Layout bl : new Layout[] {dense, row, one}) {
                            Object x = SoftmaxTest.buffer(dtype, xv);
                            Object a = SoftmaxTest.buffer(dtype, av);
                            Object b = SoftmaxTest.buffer(dtype, bv);
                            Object simd = SoftmaxTest.buffer(dtype, new double[n]);
                            Object scalar = SoftmaxTest.buffer(dtype, new double[n]);
                            SIMD.ternary(op, dtype, 0.7, x, dense, a, al, b, bl, simd, dense);
                            SCALAR.ternary(op, dtype, 0.7, x, dense, a, al, b, bl, scalar, dense);
                            String what = dtype + " " + op + " " + cols + " a " + al + " b " + bl;
                            assertBits(scalar, simd, what);
                            // in place into x, and into a transposed x
                            Object xs = SoftmaxTest.buffer(dtype, xv);
                            SIMD.ternary(op, dtype, 0.7, xs, dense, a, al, b, bl, xs, dense);
                            assertBits(scalar, xs, what + " in place");
                            Object xt = SoftmaxTest.buffer(dtype, xv);
                            Object st = SoftmaxTest.buffer(dtype, xv);
                            SIMD.ternary(op, dtype, -1.3, xt, transposed, a, al, b, bl, xt, transposed);
                            SCALAR.ternary(op, dtype, -1.3, st, transposed, a, al, b, bl, st, transposed);
                            assertBits(st, xt, what + " into a transpose");
                        }
                    }
                }
            }
        }
    }

    @Test
    void ternaryOpsFollowPyTorchsFormulas() {
        // torch.tensor([1., 2, 3, nan, -0., 5, 6, 7, 8]).addcmul_(t1, t2, value=0.1): (0.1 * t1) * t2 rounded per step
        float[] x = {1, 2, 3, Float.NaN, -0.0f, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8};
        float[] t1 = {3, 3, 3, 1, 0, INF, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3};
        float[] t2 = {7, 7, 7, 1, 1, 0, -1, 1, 1, 7, 7, 7, 7, 7, 7, 7, 7};
        int n = x.length;
        float[] out = new float[n];
        SIMD.ternary(TernaryOp.ADDCMUL, DType.FLOAT32, 0.1, x, Layout.contiguous(n), t1, Layout.contiguous(n), t2, Layout.contiguous(n),
                out, Layout.contiguous(n));
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToIntBits(x[i] + 0.1f * t1[i] * t2[i]), Float.floatToIntBits(out[i]), "at " + i);
        }
        assertEquals(Float.NaN, out[5]);   // inf * 0
        SIMD.ternary(TernaryOp.ADDCDIV, DType.FLOAT32, 0.1, x, Layout.contiguous(n), t1, Layout.contiguous(n), t2, Layout.contiguous(n),
                out, Layout.contiguous(n));
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToIntBits(x[i] + 0.1f * t1[i] / t2[i]), Float.floatToIntBits(out[i]), "at " + i);
        }
        SIMD.ternary(TernaryOp.CLAMP, DType.FLOAT32, 0, x, Layout.contiguous(n), new float[] {-1}, new Layout(0, new int[] {n}, new int[] {0}),
                new float[] {2.5f}, new Layout(0, new int[] {n}, new int[] {0}), out, Layout.contiguous(n));
        assertArrayEquals(new float[] {1, 2, 2.5f, Float.NaN, -0.0f, 2.5f, 2.5f, 2.5f, 2.5f, 1, 2, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f}, out);
    }

    private static double[] values(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (random.nextInt(20)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> -0.0;
                case 3 -> 0.0;
                default -> random.nextGaussian() * 3;
            };
        }
        return v;
    }

    private static void assertBits(Object expected, Object actual, String what) {
        int n = expected instanceof float[] f ? f.length : ((double[]) expected).length;
        for (int i = 0; i < n; i++) {
            double e = SoftmaxTest.get(expected, i);
            double a = SoftmaxTest.get(actual, i);
            assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(a), what + " at " + i + ": " + e + " vs " + a);
        }
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
