package org.vectorgrad.backend.simd;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.simd.LinalgReference.Form;
import org.vectorgrad.backend.simd.LinalgReference.Operand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorgrad.backend.simd.GemmMicroKernel.MR;
import static org.vectorgrad.backend.simd.LinalgReference.assertProduct;
import static org.vectorgrad.backend.simd.LinalgReference.assertWithinBound;
import static org.vectorgrad.backend.simd.LinalgReference.operand;
import static org.vectorgrad.backend.simd.LinalgReference.output;

/** The public entry points: every path by shape, batch broadcast, strided outputs, dot, delegation. */
class SimdLinalgTest {

    private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};
    private static final Form[] FORMS = {Form.CONTIGUOUS, Form.TRANSPOSED, Form.STEPPED};

    private static void check(DType dtype, int batch, int m, int n, int k, Form fa, Form fb, Form fc, SplittableRandom rnd) {
        Operand a = operand(dtype, batch, m, k, fa, rnd);
        Operand b = operand(dtype, batch, k, n, fb, rnd);
        Operand c = output(dtype, batch, m, n, fc);
        SimdLinalg.matmul(dtype, a.buf(), a.layout(), b.buf(), b.layout(), c.buf(), c.layout());
        assertProduct(a, b, c, dtype + " matmul A " + fa + " B " + fb + " C " + fc);
    }

    @Test
    void everyPathEveryFormMatchesTheReference() {
        int[][] shapes = {
            {1, 1, 1}, {1, 1, 300},                 // dot-like
            {37, 1, 65}, {1, 41, 65}, {130, 1, 3},  // matrix-vector and vector-matrix
            {MR + 1, 17, 5}, {2, 3, 2}, {63, 33, 65},  // direct
            {63, 65, 130}, {257, 130, 65}, {130, 257, 100},  // packed, threaded
        };
        SplittableRandom rnd = new SplittableRandom(11);
        for (DType dtype : FLOATS) {
            for (int[] s : shapes) {
                for (Form fa : FORMS) {
                    for (Form fb : FORMS) {
                        Form fc = FORMS[(fa.ordinal() + fb.ordinal()) % 3];
                        check(dtype, 2, s[0], s[1], s[2], fa, fb, fc, rnd);
                    }
                }
            }
        }
    }

    @Test
    void broadcastBatchOperands() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (DType dtype : FLOATS) {
            for (int[] s : new int[][] {{5, 1, 9}, {1, 7, 9}, {7, 17, 5}, {70, 90, 80}}) {
                check(dtype, 3, s[0], s[1], s[2], Form.BROADCAST, Form.STEPPED, Form.CONTIGUOUS, rnd);
                check(dtype, 3, s[0], s[1], s[2], Form.TRANSPOSED, Form.BROADCAST, Form.STEPPED, rnd);
                check(dtype, 3, s[0], s[1], s[2], Form.BROADCAST, Form.BROADCAST, Form.TRANSPOSED, rnd);
            }
        }
    }

    @Test
    void manySmallProductsSplitAcrossBatch() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (DType dtype : FLOATS) {
            check(dtype, 64, 40, 41, 39, Form.CONTIGUOUS, Form.CONTIGUOUS, Form.CONTIGUOUS, rnd);
            check(dtype, 37, 50, 51, 49, Form.STEPPED, Form.TRANSPOSED, Form.STEPPED, rnd);
        }
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (DType dtype : FLOATS) {
            for (int[] s : new int[][] {{3, 4}, {1, 5}, {5, 1}, {40, 50}}) {
                for (Form fc : FORMS) {
                    check(dtype, 2, s[0], s[1], 0, Form.CONTIGUOUS, Form.CONTIGUOUS, fc, rnd);
                }
            }
        }
    }

    @Test
    void emptyOutputsAreFine() {
        SplittableRandom rnd = new SplittableRandom(15);
        for (DType dtype : FLOATS) {
            check(dtype, 2, 0, 5, 3, Form.CONTIGUOUS, Form.CONTIGUOUS, Form.CONTIGUOUS, rnd);
            check(dtype, 2, 4, 0, 3, Form.CONTIGUOUS, Form.CONTIGUOUS, Form.CONTIGUOUS, rnd);
            check(dtype, 0, 4, 5, 3, Form.CONTIGUOUS, Form.CONTIGUOUS, Form.CONTIGUOUS, rnd);
        }
    }

    @Test
    void smallHandCheckedProduct() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {1, 0, 0, 1, 1, 1};
        float[] c = new float[4];
        SimdLinalg.matmul(DType.FLOAT32, a, Layout.contiguous(1, 2, 3), b, Layout.contiguous(1, 3, 2), c,
                Layout.contiguous(1, 2, 2));
        assertArrayEquals(new float[] {4, 5, 10, 11}, c);
    }

    @Test
    void dotWithStridesAndBroadcast() {
        SplittableRandom rnd = new SplittableRandom(16);
        int[][] strides = {{1, 1}, {2, 1}, {1, 3}, {0, 1}, {5, 2}};
        for (DType dtype : FLOATS) {
            for (int n : new int[] {0, 1, 7, 8, 15, 16, 17, 31, 33, 64, 1000}) {
                for (int[] st : strides) {
                    Operand a = operand(dtype, 1, 1, n * Math.max(st[0], 1) + 3, Form.CONTIGUOUS, rnd);
                    Operand b = operand(dtype, 1, 1, n * st[1] + 3, Form.CONTIGUOUS, rnd);
                    Layout al = new Layout(2, new int[] {n}, new int[] {st[0]});
                    Layout bl = new Layout(1, new int[] {n}, new int[] {st[1]});
                    Object out = dtype == DType.FLOAT32 ? new float[3] : new double[3];
                    SimdLinalg.dot(dtype, a.buf(), al, b.buf(), bl, out, 1);
                    double[] x = new double[n];
                    double[] y = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = LinalgReference.value(a.buf(), al.indexOf(i));
                        y[i] = LinalgReference.value(b.buf(), bl.indexOf(i));
                    }
                    assertWithinBound(LinalgReference.value(out, 1), x, y, LinalgReference.eps(dtype),
                            dtype + " dot n=" + n + " strides " + st[0] + "," + st[1]);
                    assertEquals(0.0, LinalgReference.value(out, 0));
                    assertEquals(0.0, LinalgReference.value(out, 2));
                }
            }
        }
    }

    @Test
    void matrixVectorRowsHaveTheBitsOfDot() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (DType dtype : FLOATS) {
            VectorKernels vk = dtype == DType.FLOAT32 ? VectorKernels.FLOAT32 : VectorKernels.FLOAT64;
            for (int rows : new int[] {0, 1, 2, 3, 5, 8}) {
                for (int n : new int[] {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 45, 100}) {
                    int rs = n + 3;
                    Operand m = operand(dtype, 1, 1, 2 + rows * rs, Form.CONTIGUOUS, rnd);
                    Operand x = operand(dtype, 1, 1, n + 1, Form.CONTIGUOUS, rnd);
                    Object y = vk.newBuffer(1 + 2 * rows);
                    vk.dotRows(m.buf(), 2, rs, rows, x.buf(), 1, n, y, 1, 2);
                    for (int r = 0; r < rows; r++) {
                        double expected = (dtype == DType.FLOAT32 ? (double) (float) vk.dot(m.buf(), 2 + r * rs, 1, x.buf(), 1, 1, n)
                                : vk.dot(m.buf(), 2 + r * rs, 1, x.buf(), 1, 1, n));
                        assertEquals(expected, LinalgReference.value(y, 1 + 2 * r), dtype + " rows " + rows + " n " + n + " row " + r);
                        assertEquals(0.0, LinalgReference.value(y, 2 * r), "between outputs");
                    }
                    if (rows > 0) {
                        double[] row = new double[n];
                        double[] xs = new double[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = LinalgReference.value(m.buf(), 2 + (rows - 1) * rs + i);
                            xs[i] = LinalgReference.value(x.buf(), 1 + i);
                        }
                        assertWithinBound(LinalgReference.value(y, 2 * rows - 1), row, xs, LinalgReference.eps(dtype),
                                dtype + " last row, rows " + rows + " n " + n);
                    }
                }
            }
        }
    }

    @Test
    void dotOfLengthMismatchNamesBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimdLinalg.dot(
                DType.FLOAT32, new float[3], Layout.contiguous(3), new float[4], Layout.contiguous(4), new float[1], 0));
        assertTrue(e.getMessage().contains("got 3 and 4 elements"), e.getMessage());
    }

    @Test
    void matmulOfMismatchedShapesUsesPyTorchWording() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimdLinalg.matmul(
                DType.FLOAT64, new double[6], Layout.contiguous(1, 2, 3), new double[8], Layout.contiguous(1, 4, 2),
                new double[4], Layout.contiguous(1, 2, 2)));
        assertEquals("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x2)", e.getMessage());
    }

    @Test
    void int64IsDelegatedToTheScalarBackend() {
        int batch = 2, m = 5, n = 7, k = 9;
        long[] a = new long[batch * m * k];
        long[] b = new long[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 7L) % 11 - 5;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i * 5L) % 13 - 6 + (1L << 33);
        }
        long[] c = new long[batch * m * n];
        Layout bl = new Layout(0, new int[] {batch, k, n}, new int[] {0, n, 1});
        SimdLinalg.matmul(DType.INT64, a, Layout.contiguous(batch, m, k), b, bl, c, Layout.contiguous(batch, m, n));
        for (int bi = 0; bi < batch; bi++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long want = 0;
                    for (int p = 0; p < k; p++) {
                        want += a[(bi * m + i) * k + p] * b[p * n + j];
                    }
                    assertEquals(want, c[(bi * m + i) * n + j], "c[" + bi + "," + i + "," + j + "]");
                }
            }
        }
        long[] out = new long[1];
        SimdLinalg.dot(DType.INT64, a, Layout.contiguous(k), b, Layout.contiguous(k), out, 0);
        long want = 0;
        for (int p = 0; p < k; p++) {
            want += a[p] * b[p];
        }
        assertEquals(want, out[0]);
    }
}
