package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.vectorgrad.backend.scalar.Layouts.dense;
import static org.vectorgrad.backend.scalar.Layouts.stepped;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;

class MatmulDotTest {
    private final Backend backend = new ScalarBackend();

    /** [[1, 2, 3], [4, 5, 6]] @ [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]] (checked with PyTorch). */
    @Test
    void twoByThreeTimesThreeByTwo() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = {-1, -1, -1, -1};   // overwritten, not accumulated
        backend.matmul(DType.FLOAT32, a, dense(1, 2, 3), b, dense(1, 3, 2), c, dense(1, 2, 2));
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
    }

    @Test
    void transposedOperandsAreJustStrides() {
        // aT holds a^T = [[1, 4], [2, 5], [3, 6]] row-major; bT holds b^T = [[7, 9, 11], [8, 10, 12]].
        double[] aT = {1, 4, 2, 5, 3, 6};
        double[] bT = {7, 9, 11, 8, 10, 12};
        Layout a = dense(1, 3, 2).permute(0, 2, 1);
        Layout b = dense(1, 2, 3).permute(0, 2, 1);
        double[] c = new double[4];
        backend.matmul(DType.FLOAT64, aT, a, bT, b, c, dense(1, 2, 2));
        assertArrayEquals(new double[] {58, 64, 139, 154}, c);
    }

    @Test
    void broadcastBatchReusesTheOperand() {
        long[] a = {1, 2, 3, 4};                         // one [2, 2] matrix, batch stride 0
        long[] b = {1, 0, 0, 1, 0, 1, 1, 0};             // identity, then the row swap
        Layout aBroadcast = new Layout(0, new int[] {2, 2, 2}, new int[] {0, 2, 1});
        long[] c = new long[8];
        backend.matmul(DType.INT64, a, aBroadcast, b, dense(2, 2, 2), c, dense(2, 2, 2));
        assertArrayEquals(new long[] {1, 2, 3, 4, 2, 1, 4, 3}, c);
    }

    @Test
    void int32MatmulWrapsAround() {
        int[] a = {65536, 65536};
        int[] b = {65536, 1};
        int[] c = new int[1];
        backend.matmul(DType.INT32, a, dense(1, 1, 2), b, dense(1, 2, 1), c, dense(1, 1, 1));
        assertArrayEquals(new int[] {65536}, c);   // 2^32 + 2^16 keeps its low 32 bits
    }

    @Test
    void stridedOperandsMatchANaiveTripleLoop() {
        Random r = new Random(3);
        int batch = 2;
        int m = 5;
        int k = 7;
        int n = 4;
        // a is every other column of a [batch, m, 2k] buffer; b is the transpose of a [batch, n, k] buffer;
        // c is written into the odd columns of a [batch, m, 2n] buffer.
        double[] aBuf = randoms(r, batch * m * 2 * k);
        double[] bBuf = randoms(r, batch * n * k);
        Layout a = new Layout(0, new int[] {batch, m, k}, new int[] {m * 2 * k, 2 * k, 2});
        Layout b = dense(batch, n, k).permute(0, 2, 1);
        Layout c = new Layout(1, new int[] {batch, m, n}, new int[] {m * 2 * n, 2 * n, 2});
        double[] cBuf = new double[batch * m * 2 * n];
        backend.matmul(DType.FLOAT64, aBuf, a, bBuf, b, cBuf, c);
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += aBuf[a.indexOf(t, i, p)] * bBuf[b.indexOf(t, p, j)];
                    }
                    assertEquals(s, cBuf[c.indexOf(t, i, j)]);
                    assertEquals(0.0, cBuf[c.indexOf(t, i, j) - 1]);
                }
            }
        }
    }

    private static double[] randoms(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        float[] c = {5, 5, 5, 5};
        backend.matmul(DType.FLOAT32, new float[0], dense(1, 2, 0), new float[0], dense(1, 0, 2), c, dense(1, 2, 2));
        assertArrayEquals(new float[] {0, 0, 0, 0}, c);
    }

    @Test
    void boolAndMismatchedShapesAreRejected() {
        var bool = assertThrows(IllegalArgumentException.class, () -> backend.matmul(DType.BOOL,
                new boolean[1], dense(1, 1, 1), new boolean[1], dense(1, 1, 1), new boolean[1], dense(1, 1, 1)));
        assertEquals("matmul is not implemented for bool; cast to an integer or floating point dtype first",
                bool.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> backend.matmul(DType.FLOAT32,
                new float[6], dense(1, 2, 3), new float[6], dense(1, 2, 3), new float[4], dense(1, 2, 2)));
        assertEquals("matmul needs a [batch, m, k], b [batch, k, n] and c [batch, m, n], got [1, 2, 3] @ [1, 2, 3] "
                + "-> [1, 2, 2]", shape.getMessage());
    }

    @Test
    void dotOfContiguousVectors() {
        float[] out = {9, 9, 9};
        backend.dot(DType.FLOAT32, new float[] {1, 2, 3}, dense(3), new float[] {4, 5, 6}, dense(3), out, 1);
        assertArrayEquals(new float[] {9, 32, 9}, out);
    }

    @Test
    void dotOfSteppedAndBroadcastVectors() {
        long[] a = {1, 0, 2, 0, 3};
        long[] b = {10};
        long[] out = new long[1];
        Layout bRepeated = new Layout(0, new int[] {3}, new int[] {0});
        backend.dot(DType.INT64, a, stepped(0, 3, 2), b, bRepeated, out, 0);
        assertArrayEquals(new long[] {60}, out);
    }

    @Test
    void dotPropagatesNaNAndRejectsLengthMismatch() {
        double[] out = new double[1];
        backend.dot(DType.FLOAT64, new double[] {0, 1}, dense(2), new double[] {Double.NaN, 1}, dense(2), out, 0);
        assertArrayEquals(new double[] {Double.NaN}, out);
        var e = assertThrows(IllegalArgumentException.class,
                () -> backend.dot(DType.FLOAT64, new double[2], dense(2), new double[3], dense(3), out, 0));
        assertEquals("dot needs two 1-D operands of equal length, got shapes [2] and [3]", e.getMessage());
    }
}
