package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;

/**
 * gather and scatter_add large enough to be split across threads ({@link IndexMoves}): hand-derived
 * values, the scalar backend's bits (scatter_add's repeated indices add in index's row-major order
 * whichever thread runs them), and the error of the first index out of range in that order, as
 * PyTorch reports it, whichever part meets a bad index first. Small calls are compared with the
 * scalar backend by property-tests' {@code BackendProperties}.
 */
class IndexMovesTest {
    static final Backend SIMD = ElementwiseTest.SIMD;
    static final Backend SCALAR = ElementwiseTest.SCALAR;
    static final int ROWS = 300;
    static final int COLS = 400;
    private static String savedThreads;

    /** Several parts even on one core, so the split paths run wherever the build does. */
    @BeforeAll
    static void forceThreads() {
        savedThreads = System.getProperty("vectorgrad.threads");
        System.setProperty("vectorgrad.threads", "4");
    }

    @AfterAll
    static void restoreThreads() {
        if (savedThreads == null) {
            System.clearProperty("vectorgrad.threads");
        } else {
            System.setProperty("vectorgrad.threads", savedThreads);
        }
    }

    @Test
    void callsOfTheSweepsSizeAreSplit() {
        assertTrue(Parallel.parts(256L * 256 * 8, 256) > 1, "gather of 65,536 elements must be split");
    }

    /**
     * x = torch.arange(300. * 400).reshape(300, 400); i[r, j] = (7 j + r) % 400:
     * x.gather(1, i)[r, j] = 400 r + (7 j + r) % 400, and x.gather(0, i % 300)[r, j] = 400 * ((7 j + r) % 400 % 300) + j.
     */
    @Test
    void gatherOfEveryRowPicksTheIndexedElement() {
        float[] x = new float[ROWS * COLS];
        for (int k = 0; k < x.length; k++) {
            x[k] = k;
        }
        long[] along1 = new long[ROWS * COLS];
        long[] along0 = new long[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < COLS; j++) {
                along1[r * COLS + j] = (7L * j + r) % COLS;
                along0[r * COLS + j] = (7L * j + r) % COLS % ROWS;
            }
        }
        Layout l = Layout.contiguous(ROWS, COLS);
        float[] y1 = new float[ROWS * COLS];
        float[] y0 = new float[ROWS * COLS];
        SIMD.gather(DType.FLOAT32, x, l, 1, along1, l, y1, l);
        SIMD.gather(DType.FLOAT32, x, l, 0, along0, l, y0, l);
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < COLS; j++) {
                assertEquals(COLS * r + (7 * j + r) % COLS, y1[r * COLS + j], "gather(1) at " + r + ", " + j);
                assertEquals(COLS * ((7 * j + r) % COLS % ROWS) + j, y0[r * COLS + j], "gather(0) at " + r + ", " + j);
            }
        }
    }

    /**
     * torch.zeros(300, 400).scatter_add(1, i, torch.ones(300, 400)) with i[r, j] = j % 3 counts 134, 133,
     * 133 in columns 0-2 of every row; along dim 0 with i[r, j] = r % 2 the first two rows hold 150 each.
     */
    @Test
    void scatterAddOfOnesCountsTheIndices() {
        long[] along1 = new long[ROWS * COLS];
        long[] along0 = new long[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < COLS; j++) {
                along1[r * COLS + j] = j % 3;
                along0[r * COLS + j] = r % 2;
            }
        }
        Layout l = Layout.contiguous(ROWS, COLS);
        float[] ones = new float[ROWS * COLS];
        java.util.Arrays.fill(ones, 1);
        float[] y1 = new float[ROWS * COLS];
        float[] y0 = new float[ROWS * COLS];
        SIMD.scatterAdd(DType.FLOAT32, y1, l, 1, along1, l, ones, l);
        SIMD.scatterAdd(DType.FLOAT32, y0, l, 0, along0, l, ones, l);
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < COLS; j++) {
                assertEquals(j == 0 ? 134 : j < 3 ? 133 : 0, y1[r * COLS + j], "scatter_add(1) at " + r + ", " + j);
                assertEquals(r < 2 ? 150 : 0, y0[r * COLS + j], "scatter_add(0) at " + r + ", " + j);
            }
        }
    }

    /**
     * Every dtype the kernels take, along either dim, with a contiguous, a transposed and a smaller
     * index than the wide operand: the scalar backend's bits. Few distinct indices, so that many
     * additions meet in one element and their order shows in the rounding.
     */
    @Test
    void splitCallsMatchScalar() {
        int seed = 1;
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
            for (int dim = 0; dim < 2; dim++) {
                for (Layout index : new Layout[] {Layout.contiguous(ROWS, COLS), Layout.contiguous(COLS, ROWS).permute(1, 0),
                        new Layout(3, new int[] {ROWS - 40, COLS - 30}, new int[] {COLS + 1, 1})}) {
                    Layout wide = Layout.contiguous(ROWS, COLS);
                    int size = wide.shape(dim);
                    long[] idx = indices(Operand.extent(index), Math.min(size, 5), seed++);
                    Layout narrow = Layout.contiguous(index.shape());
                    Object src = values(dtype, Operand.extent(wide), seed++);
                    Object expected = Operand.zeros(dtype, narrow.size());
                    Object actual = Operand.zeros(dtype, narrow.size());
                    SCALAR.gather(dtype, src, wide, dim, idx, index, expected, narrow);
                    SIMD.gather(dtype, src, wide, dim, idx, index, actual, narrow);
                    Check.buffers(expected, actual, 0, "gather " + dtype + " dim " + dim + " index " + index);

                    Object addend = values(dtype, narrow.size(), seed++);
                    Object into = values(dtype, wide.size(), seed++);
                    Object intoSimd = copy(into);
                    SCALAR.scatterAdd(dtype, into, wide, dim, idx, index, addend, narrow);
                    SIMD.scatterAdd(dtype, intoSimd, wide, dim, idx, index, addend, narrow);
                    Check.buffers(into, intoSimd, 0, "scatterAdd " + dtype + " dim " + dim + " index " + index);
                }
            }
        }
    }

    /** Bad indices in the first and the last rows: the first in row-major order is reported, as by PyTorch. */
    @Test
    void theFirstIndexOutOfRangeIsReportedWhicheverPartMeetsOneFirst() {
        Layout l = Layout.contiguous(ROWS, COLS);
        for (int dim = 0; dim < 2; dim++) {
            int size = l.shape(dim);
            for (int round = 0; round < 20; round++) {
                long[] idx = indices(ROWS * COLS, size, round);
                idx[3 * COLS + 17] = size + round;
                idx[(ROWS - 2) * COLS + 5] = -1;
                int d = dim;
                float[] src = new float[ROWS * COLS];
                IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                        () -> SIMD.gather(DType.FLOAT32, src, l, d, idx, l, new float[ROWS * COLS], l));
                assertEquals("index " + (size + round) + " is out of bounds for dimension " + dim + " with size " + size,
                        g.getMessage());
                IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                        () -> SIMD.scatterAdd(DType.FLOAT32, new float[ROWS * COLS], l, d, idx, l, src, l));
                assertEquals(g.getMessage(), s.getMessage());
            }
        }
    }

    private static long[] indices(int n, int bound, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] idx = new long[n];
        for (int k = 0; k < n; k++) {
            idx[k] = rnd.nextInt(bound);
        }
        return idx;
    }

    /** Values of many magnitudes (int64: large ones), so that the order of additions changes the sums' bits. */
    private static Object values(DType dtype, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[n];
                for (int k = 0; k < n; k++) {
                    v[k] = (float) (rnd.nextDouble(-1, 1) * Math.pow(2, rnd.nextInt(-20, 20)));
                }
                yield v;
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                for (int k = 0; k < n; k++) {
                    v[k] = rnd.nextDouble(-1, 1) * Math.pow(2, rnd.nextInt(-50, 50));
                }
                yield v;
            }
            default -> {
                long[] v = new long[n];
                for (int k = 0; k < n; k++) {
                    v[k] = rnd.nextLong();
                }
                yield v;
            }
        };
    }

    private static Object copy(Object buffer) {
        return switch (buffer) {
            case float[] f -> f.clone();
            case double[] d -> d.clone();
            default -> ((long[]) buffer).clone();
        };
    }
}
