package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.vectorgrad.backend.scalar.Layouts.dense;
import static org.vectorgrad.backend.scalar.Layouts.stepped;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;

class ReduceTest {
    private static final double NAN = Double.NaN;

    private final Backend backend = new ScalarBackend();

    /** x[i][j][k] = 1 + 12i + 4j + k: a [2, 3, 4] tensor holding 1..24. */
    private static double[] oneTo24() {
        double[] x = new double[24];
        for (int i = 0; i < 24; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private double[] reduce(ReduceOp op, double[] x, Layout layout, int reducedDims) {
        int[] kept = Arrays.copyOf(layout.shape(), layout.rank() - reducedDims);
        double[] out = new double[dense(kept).size()];
        backend.reduce(op, DType.FLOAT64, x, layout, reducedDims, out, dense(kept));
        return out;
    }

    @Test
    void sumOverInnerDims() {
        Layout x = dense(2, 3, 4);
        assertArrayEquals(new double[] {10, 26, 42, 58, 74, 90}, reduce(ReduceOp.SUM, oneTo24(), x, 1));
        assertArrayEquals(new double[] {78, 222}, reduce(ReduceOp.SUM, oneTo24(), x, 2));
        assertArrayEquals(new double[] {300}, reduce(ReduceOp.SUM, oneTo24(), x, 3));
    }

    @Test
    void sumOverOuterDimsThroughAPermutedLayout() {
        // dim 0: x[0][j][k] + x[1][j][k] = 14 + 8j + 2k
        Layout dim0Last = dense(2, 3, 4).permute(1, 2, 0);
        assertArrayEquals(new double[] {14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36},
                reduce(ReduceOp.SUM, oneTo24(), dim0Last, 1));
        // dims 0 and 2: sum over i, k of 1 + 12i + 4j + k = 68 + 32j
        Layout dims02Last = dense(2, 3, 4).permute(1, 0, 2);
        assertArrayEquals(new double[] {68, 100, 132}, reduce(ReduceOp.SUM, oneTo24(), dims02Last, 2));
    }

    @Test
    void prodMaxMinSumSquaresOverRows() {
        double[] x = {1, -2, 3, 0.5, 4, -1};
        Layout rows = dense(2, 3);
        assertArrayEquals(new double[] {-6, -2}, reduce(ReduceOp.PROD, x, rows, 1));
        assertArrayEquals(new double[] {3, 4}, reduce(ReduceOp.MAX, x, rows, 1));
        assertArrayEquals(new double[] {-2, -1}, reduce(ReduceOp.MIN, x, rows, 1));
        assertArrayEquals(new double[] {14, 17.25}, reduce(ReduceOp.SUM_SQUARES, x, rows, 1));
        assertArrayEquals(new double[] {2, 3.5}, reduce(ReduceOp.SUM, x, rows, 1));
    }

    @Test
    void maxAndMinPropagateNaN() {
        double[] x = {1, NAN, 3, -5, 2, NAN};
        assertArrayEquals(new double[] {NAN, NAN}, reduce(ReduceOp.MAX, x, dense(2, 3), 1));
        assertArrayEquals(new double[] {NAN, NAN}, reduce(ReduceOp.MIN, x, dense(2, 3), 1));
        assertArrayEquals(new double[] {NAN}, reduce(ReduceOp.SUM, x, dense(6), 1));
    }

    /** torch.tensor([-0., 0.]).max(0) = (-0., 0): the first of equal elements wins. */
    @Test
    void maxOfSignedZerosKeepsTheFirst() {
        assertArrayEquals(new double[] {-0.0}, reduce(ReduceOp.MAX, new double[] {-0.0, 0.0}, dense(2), 1));
        assertArrayEquals(new double[] {0.0}, reduce(ReduceOp.MIN, new double[] {0.0, -0.0}, dense(2), 1));
    }

    @Test
    void emptyReductionsGiveTheIdentity() {
        Layout empty = dense(2, 0);
        assertArrayEquals(new double[] {0, 0}, reduce(ReduceOp.SUM, new double[0], empty, 1));
        assertArrayEquals(new double[] {1, 1}, reduce(ReduceOp.PROD, new double[0], empty, 1));
        assertArrayEquals(new double[] {0, 0}, reduce(ReduceOp.SUM_SQUARES, new double[0], empty, 1));
        boolean[] all = new boolean[2];
        backend.reduce(ReduceOp.ALL, DType.BOOL, new boolean[0], empty, 1, all, dense(2));
        assertArrayEquals(new boolean[] {true, true}, all);
        boolean[] any = {true, true};
        backend.reduce(ReduceOp.ANY, DType.BOOL, new boolean[0], empty, 1, any, dense(2));
        assertArrayEquals(new boolean[] {false, false}, any);
        var e = assertThrows(IllegalArgumentException.class, () -> reduce(ReduceOp.MAX, new double[0], empty, 1));
        assertEquals("MAX over zero elements has no value (shape [2, 0])", e.getMessage());
    }

    @Test
    void allAndAnyOverBoolRows() {
        boolean[] x = {true, true, false, false, false, true, true, true, true};
        boolean[] all = new boolean[3];
        boolean[] any = new boolean[3];
        backend.reduce(ReduceOp.ALL, DType.BOOL, x, dense(3, 3), 1, all, dense(3));
        backend.reduce(ReduceOp.ANY, DType.BOOL, x, dense(3, 3), 1, any, dense(3));
        assertArrayEquals(new boolean[] {false, false, true}, all);
        assertArrayEquals(new boolean[] {true, true, true}, any);
        var e = assertThrows(IllegalArgumentException.class,
                () -> backend.reduce(ReduceOp.ALL, DType.FLOAT32, new float[1], dense(1), 1, new boolean[1], dense()));
        assertEquals("ALL reduces bool operands, got float32", e.getMessage());
    }

    @Test
    void integerReductionsWrapAround() {
        int[] x = {Integer.MAX_VALUE, 1, 65536, 65536, 3, -4};
        int[] sum = new int[3];
        int[] prod = new int[3];
        backend.reduce(ReduceOp.SUM, DType.INT32, x, dense(3, 2), 1, sum, dense(3));
        backend.reduce(ReduceOp.PROD, DType.INT32, x, dense(3, 2), 1, prod, dense(3));
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 131072, -1}, sum);
        assertArrayEquals(new int[] {Integer.MAX_VALUE, 0, -12}, prod);
        long[] y = {5, -7, 2};
        long[] out = new long[1];
        backend.reduce(ReduceOp.SUM_SQUARES, DType.INT64, y, dense(3), 1, out, dense());
        assertArrayEquals(new long[] {78}, out);
    }

    @Test
    void resultGoesIntoAStridedOutput() {
        float[] x = {1, 2, 3, 4};
        float[] out = {-1, -1, -1, -1};
        backend.reduce(ReduceOp.SUM, DType.FLOAT32, x, dense(2, 2), 1, out, stepped(1, 2, 2));
        assertArrayEquals(new float[] {-1, 3, -1, 7}, out);
    }

    /**
     * A million float32 0.1s sum to 100000.0015 exactly, which rounds to 100000f; a single running float
     * accumulator gives about 100958.
     */
    @Test
    void float32SumIsAccurateNotARunningFloatSum() {
        float[] x = new float[1_000_000];
        Arrays.fill(x, 0.1f);
        float[] out = new float[1];
        backend.reduce(ReduceOp.SUM, DType.FLOAT32, x, dense(x.length), 1, out, dense());
        assertEquals((float) (1e6 * (double) 0.1f), out[0]);
    }

    /** A running double sum of a million 0.1s is off by 1.3e-6; pairwise summation stays within 1e-9. */
    @Test
    void float64SumIsPairwise() {
        double[] x = new double[1_000_000];
        Arrays.fill(x, 0.1);
        double[] out = reduce(ReduceOp.SUM, x, dense(x.length), 1);
        assertEquals(100000.0, out[0], 1e-9);
    }

    @Test
    void reduceWithIndexReportsTheFirstExtreme() {
        double[] x = {3, 1, 3, 1, 5, 5, 0, 0};
        double[] values = new double[2];
        long[] indices = new long[2];
        backend.reduceWithIndex(ReduceOp.MAX, DType.FLOAT64, x, dense(2, 4), 1, values, dense(2), indices, dense(2));
        assertArrayEquals(new double[] {3, 5}, values);
        assertArrayEquals(new long[] {0, 0}, indices);
        backend.reduceWithIndex(ReduceOp.MIN, DType.FLOAT64, x, dense(2, 4), 1, values, dense(2), indices, dense(2));
        assertArrayEquals(new double[] {1, 0}, values);
        assertArrayEquals(new long[] {1, 2}, indices);
    }

    /** torch.tensor([1., nan, 3., nan]).max(0) = (nan, 1). */
    @Test
    void reduceWithIndexReportsTheFirstNaN() {
        float[] x = {1, Float.NaN, 3, Float.NaN};
        float[] values = new float[1];
        long[] indices = new long[1];
        backend.reduceWithIndex(ReduceOp.MIN, DType.FLOAT32, x, dense(4), 1, values, dense(), indices, dense());
        assertArrayEquals(new float[] {Float.NaN}, values);
        assertArrayEquals(new long[] {1}, indices);
    }

    @Test
    void reduceWithIndexCountsRowMajorWithinSeveralReducedDims() {
        // x[i][j][k] = 1 + 12i + 4j + k reduced over dims 0 and 2 (j kept): the max is at i = 1, k = 3,
        // flat index 1 * 4 + 3 = 7 within the reduced [2, 4] block.
        double[] x = oneTo24();
        Layout dims02Last = dense(2, 3, 4).permute(1, 0, 2);
        double[] values = new double[3];
        long[] indices = new long[3];
        backend.reduceWithIndex(ReduceOp.MAX, DType.FLOAT64, x, dims02Last, 2, values, dense(3), indices, dense(3));
        assertArrayEquals(new double[] {16, 20, 24}, values);
        assertArrayEquals(new long[] {7, 7, 7}, indices);
    }

    @Test
    void reduceWithIndexOnIntegersAndBools() {
        long[] x = {1, 1, 0, 2, 0};
        long[] values = new long[1];
        long[] indices = new long[1];
        backend.reduceWithIndex(ReduceOp.MIN, DType.INT64, x, dense(5), 1, values, dense(), indices, dense());
        assertArrayEquals(new long[] {0}, values);
        assertArrayEquals(new long[] {2}, indices);
        boolean[] b = {false, true, true};
        boolean[] bv = new boolean[1];
        backend.reduceWithIndex(ReduceOp.MAX, DType.BOOL, b, dense(3), 1, bv, dense(), indices, dense());
        assertArrayEquals(new boolean[] {true}, bv);
        assertArrayEquals(new long[] {1}, indices);
    }

    @Test
    void mismatchedOutputShapeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> backend.reduce(ReduceOp.SUM, DType.FLOAT64, new double[6], dense(2, 3), 1, new double[3], dense(3)));
        assertEquals("SUM of shape [2, 3] over its last 1 dims has shape [2], but the output has shape [3]",
                e.getMessage());
    }
}
