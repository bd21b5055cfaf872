package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.scalar.ScalarBackend;

/**
 * Reductions of the simd backend: MAX, MIN and reduceWithIndex bit-identical to the scalar backend;
 * SUM, SUM_SQUARES, SUM_ABS and PROD within the documented bound of the exact result (a double-double sum,
 * a 34-digit BigDecimal product). Each case runs on every source layout and over the last dim (vectors along rows), the
 * first dim (vectors across outputs) and all dims.
 */
class ReductionTest {
    static final Backend SIMD = new SimdBackend();
    static final Backend SCALAR = new ScalarBackend();
    static final int FL = ElementwiseKernels.FL;
    static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};

    /** A source layout and how many trailing dims to reduce. */
    record Case(Operand src, Layout layout, int reducedDims, String what) {
    }

    static List<int[]> shapes() {
        return List.of(new int[] {1, 1}, new int[] {3, 7}, new int[] {FL + 1, FL - 1}, new int[] {5, 2 * FL + 3},
                new int[] {40, 1000}, new int[] {1000, 37}, new int[] {2, 30011}, new int[] {0, 5}, new int[] {4, 0});
    }

    static List<Case> cases(DType dtype, Operand.Values values, long seed) {
        List<Case> cases = new ArrayList<>();
        for (int[] shape : shapes()) {
            for (Operand src : Operand.all(dtype, shape, values, seed++)) {
                Layout l = src.layout();
                cases.add(new Case(src, l, 1, "last dim of " + src));
                cases.add(new Case(src, l.permute(1, 0), 1, "first dim of " + src));
                cases.add(new Case(src, l, 2, "all of " + src));
                cases.add(new Case(src, l, 0, "no dims of " + src));
            }
        }
        return cases;
    }

    static Layout outputLayout(Case c) {
        int kept = c.layout.rank() - c.reducedDims;
        int[] shape = java.util.Arrays.copyOf(c.layout.shape(), kept);
        return Layout.contiguous(shape);
    }

    @Test
    void maxAndMinAreBitIdenticalToScalar() {
        for (DType dtype : FLOATS) {
            for (Operand.Values values : new Operand.Values[] {Operand.Values.WITH_SPECIALS, Operand.Values.TIES}) {
                for (Case c : cases(dtype, values, 11)) {
                    for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
                        Layout out = outputLayout(c);
                        if (c.layout.size() == 0 && out.size() > 0) {
                            continue;
                        }
                        Object expected = Operand.zeros(dtype, out.size() + 1);
                        Object actual = Operand.zeros(dtype, out.size() + 1);
                        SCALAR.reduce(op, dtype, c.src.buffer(), c.layout, c.reducedDims, expected, out);
                        SIMD.reduce(op, dtype, c.src.buffer(), c.layout, c.reducedDims, actual, out);
                        Check.buffers(expected, actual, 0, op + " " + dtype + " " + values + " over " + c.what);
                    }
                }
            }
        }
    }

    @Test
    void reduceWithIndexIsIdenticalToScalar() {
        for (DType dtype : FLOATS) {
            for (Operand.Values values : new Operand.Values[] {Operand.Values.WITH_SPECIALS, Operand.Values.TIES}) {
                for (Case c : cases(dtype, values, 21)) {
                    for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
                        Layout out = outputLayout(c);
                        if (c.layout.size() == 0 && out.size() > 0) {
                            continue;
                        }
                        Object ev = Operand.zeros(dtype, out.size());
                        Object av = Operand.zeros(dtype, out.size());
                        long[] ei = new long[out.size()];
                        long[] ai = new long[out.size()];
                        SCALAR.reduceWithIndex(op, dtype, c.src.buffer(), c.layout, c.reducedDims, ev, out, ei, out);
                        SIMD.reduceWithIndex(op, dtype, c.src.buffer(), c.layout, c.reducedDims, av, out, ai, out);
                        String what = op + " with index " + dtype + " " + values + " over " + c.what;
                        Check.buffers(ev, av, 0, what);
                        Check.buffers(ei, ai, 0, what);
                    }
                }
            }
        }
    }

    @Test
    void sumsAreWithinTheDocumentedBound() {
        for (DType dtype : FLOATS) {
            for (Case c : cases(dtype, Operand.Values.FINITE, 31)) {
                for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.SUM_SQUARES, ReduceOp.SUM_ABS}) {
                    checkSum(op, dtype, c);
                }
            }
        }
    }

    @Test
    void productsAreWithinTheDocumentedBound() {
        for (DType dtype : FLOATS) {
            for (Case c : cases(dtype, Operand.Values.NEAR_ONE, 41)) {
                Layout out = outputLayout(c);
                Object actual = Operand.zeros(dtype, out.size());
                SIMD.reduce(ReduceOp.PROD, dtype, c.src.buffer(), c.layout, c.reducedDims, actual, out);
                double[][] groups = groups(c);
                double eps = dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
                for (int o = 0; o < groups.length; o++) {
                    // 34 digits per step: far below float64's 16, so as good as exact here
                    BigDecimal exact = BigDecimal.ONE;
                    for (double x : groups[o]) {
                        exact = exact.multiply(new BigDecimal(x), MathContext.DECIMAL128);
                    }
                    double got = value(actual, o);
                    double want = exact.doubleValue();
                    double bound = (groups[o].length + 1) * eps * Math.abs(want);
                    if (Math.abs(want) < (dtype == DType.FLOAT32 ? 0x1p-100 : 0x1p-1000)) {
                        continue; // gradual underflow: a relative bound does not apply
                    }
                    if (Math.abs(want) > (dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE)) {
                        assertEquals(Double.POSITIVE_INFINITY, got, "PROD " + dtype + " overflows over " + c.what);
                        continue;
                    }
                    assertTrue(Math.abs(got - want) <= bound,
                            "PROD " + dtype + " over " + c.what + " output " + o + ": " + got + " vs " + want);
                }
            }
        }
    }

    /** Long sums, above the threading threshold and over many pairwise blocks. */
    @Test
    void longSumsStayWithinTheBound() {
        for (DType dtype : FLOATS) {
            for (int n : new int[] {1 << 20, 3_000_017}) {
                Operand x = Operand.make("contiguous", dtype, new int[] {n}, Operand.Values.FINITE, n);
                checkSum(ReduceOp.SUM, dtype, new Case(x, x.layout(), 1, "long row " + n));
                Operand m = Operand.make("contiguous", dtype, new int[] {n / 1024, 1024}, Operand.Values.FINITE, n + 1);
                checkSum(ReduceOp.SUM, dtype, new Case(m, m.layout().permute(1, 0), 1, "columns of " + m));
            }
        }
    }

    /**
     * A small sum over the rows of a dense matrix (a bias's gradient) takes the direct column path;
     * the same rows with a padded row stride take the general one. Same kernel calls, same bits.
     */
    @Test
    void denseColumnSumsHaveTheBitsOfTheGeneralPath() {
        for (int[] shape : new int[][] {{64, 128}, {64, FL}, {7, 300}, {3, 2 * FL + 5}}) {
            int rows = shape[0];
            int columns = shape[1];
            int padded = columns + 3;
            float[] dense = new float[rows * columns];
            float[] loose = new float[rows * padded];
            java.util.Random random = new java.util.Random(rows * 31L + columns);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    float v = (float) random.nextGaussian() * (1 << random.nextInt(12));
                    dense[r * columns + c] = v;
                    loose[r * padded + c] = v;
                }
            }
            for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.SUM_SQUARES, ReduceOp.SUM_ABS, ReduceOp.MAX}) {
                float[] direct = new float[columns];
                float[] general = new float[columns];
                SIMD.reduce(op, DType.FLOAT32, dense, new Layout(0, new int[] {columns, rows}, new int[] {1, columns}), 1,
                        direct, Layout.contiguous(columns));
                SIMD.reduce(op, DType.FLOAT32, loose, new Layout(0, new int[] {columns, rows}, new int[] {1, padded}), 1,
                        general, Layout.contiguous(columns));
                for (int c = 0; c < columns; c++) {
                    assertEquals(Float.floatToRawIntBits(general[c]), Float.floatToRawIntBits(direct[c]),
                            op + " over the " + rows + " rows of " + rows + "x" + columns + ", column " + c);
                }
            }
        }
    }

    @Test
    void nanAndInfinityPropagateThroughSums() {
        for (DType dtype : FLOATS) {
            for (int n : new int[] {3, FL + 1, 4 * FL * 16 + 5}) {
                for (int at : new int[] {0, n - 1}) {
                    for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
                        double[] v = new double[n];
                        java.util.Arrays.fill(v, 1.0);
                        v[at] = special;
                        Object src = dtype == DType.FLOAT32 ? toFloats(v) : v;
                        Object out = Operand.zeros(dtype, 1);
                        SIMD.reduce(ReduceOp.SUM, dtype, src, Layout.contiguous(n), 1, out, Layout.contiguous());
                        assertEquals(special, value(out, 0), "sum of ones with " + special + " at " + at + " of " + n);
                    }
                }
            }
        }
    }

    /**
     * SUM_ABS sums |x|: a row of -0 sums to +0, a NaN gives NaN and -inf +inf, whatever the row's length
     * (one vector, tails, several blocks) and where the special value sits, along rows and down columns.
     */
    @Test
    void absoluteSumsTakeNaNInfinityAndNegativeZeroAsTheirAbsoluteValues() {
        for (DType dtype : FLOATS) {
            for (int n : new int[] {1, 3, FL + 1, 4 * FL * 16 + 5, 4 * FL * 16 * 3 + 1}) {
                for (int at : new int[] {0, n / 2, n - 1}) {
                    for (double special : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0}) {
                        double[] v = new double[n];
                        java.util.Arrays.fill(v, -0.0);
                        v[at] = special;
                        Object src = dtype == DType.FLOAT32 ? toFloats(v) : v;
                        double want = Double.isNaN(special) ? Double.NaN : Math.abs(special);
                        Object row = Operand.zeros(dtype, 1);
                        SIMD.reduce(ReduceOp.SUM_ABS, dtype, src, Layout.contiguous(n), 1, row, Layout.contiguous());
                        assertEquals(want, value(row, 0), "sum of |x| of -0s with " + special + " at " + at + " of " + n);
                        // the same values as one column of a (n, 2) matrix, summed down the rows
                        double[] w = new double[2 * n];
                        java.util.Arrays.fill(w, -1.5);
                        for (int i = 0; i < n; i++) {
                            w[2 * i] = v[i];
                        }
                        Object m = dtype == DType.FLOAT32 ? toFloats(w) : w;
                        Object cols = Operand.zeros(dtype, 2);
                        SIMD.reduce(ReduceOp.SUM_ABS, dtype, m, new Layout(0, new int[] {2, n}, new int[] {1, 2}), 1,
                                cols, Layout.contiguous(2));
                        assertEquals(want, value(cols, 0), "column sum of |x| with " + special + " at " + at + " of " + n);
                        assertEquals(1.5 * n, value(cols, 1), "column sum of |-1.5| over " + n + " rows");
                    }
                }
            }
        }
    }

    @Test
    void rejectsWhatTheScalarBackendRejects() {
        float[] src = new float[6];
        assertThrows(IllegalArgumentException.class, () -> SIMD.reduce(ReduceOp.SUM, DType.FLOAT32, src,
                Layout.contiguous(2, 3), 1, new float[3], Layout.contiguous(3)));
        assertThrows(IllegalArgumentException.class, () -> SIMD.reduce(ReduceOp.MAX, DType.FLOAT32, src,
                Layout.contiguous(2, 0), 1, new float[2], Layout.contiguous(2)));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * SUM, SUM_SQUARES or SUM_ABS against the exact value: within the bound in ReductionKernels' Javadoc,
     * {@code (26 + L + ceil(log2 n)) * eps * sum|x|}, and within the SPI's {@code n * eps * sum|x|}.
     */
    static void checkSum(ReduceOp op, DType dtype, Case c) {
        Layout out = outputLayout(c);
        Object actual = Operand.zeros(dtype, out.size());
        SIMD.reduce(op, dtype, c.src.buffer(), c.layout, c.reducedDims, actual, out);
        double[][] groups = groups(c);
        double eps = dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
        int lanes = dtype == DType.FLOAT32 ? ElementwiseKernels.FL : ElementwiseKernels.DL;
        for (int o = 0; o < groups.length; o++) {
            double[] exact = {0, 0};
            double abs = 0;
            for (double x : groups[o]) {
                if (op == ReduceOp.SUM || op == ReduceOp.SUM_ABS) {
                    addExact(exact, op == ReduceOp.SUM ? x : Math.abs(x));
                } else {
                    double sq = x * x;
                    addExact(exact, sq);
                    addExact(exact, Math.fma(x, x, -sq));
                }
                abs += Math.abs(op == ReduceOp.SUM_SQUARES ? x * x : x);
            }
            int n = groups[o].length;
            double log2 = n <= 1 ? 0 : Math.ceil(Math.log(n) / Math.log(2));
            double documented = (26 + lanes + log2) * eps * abs;
            double spi = Math.max(n, 1) * eps * abs;
            double err = Math.abs((value(actual, o) - exact[0]) - exact[1]);
            // results are rounded to the dtype once more at the end: allow that half ulp
            double rounding = dtype == DType.FLOAT32 ? Math.ulp((float) exact[0]) / 2 : Math.ulp(exact[0]) / 2;
            assertTrue(err <= Math.min(documented, spi) + rounding, op + " " + dtype + " over " + c.what + " output " + o
                    + ": error " + err + " exceeds bound " + Math.min(documented, spi) + " (n = " + n + ")");
        }
    }

    /**
     * Adds x to the double-double {@code s[0] + s[1]} (TwoSum): the reference sum then carries ~106 bits,
     * its own error (about n * 2^-106 * sum|x|) far below the bounds checked.
     */
    static void addExact(double[] s, double x) {
        double hi = s[0] + x;
        double b = hi - s[0];
        double lo = (s[0] - (hi - b)) + (x - b);
        s[0] = hi;
        s[1] += lo;
    }

    /** The reduced elements of every output, in order, read element by element from the layout. */
    static double[][] groups(Case c) {
        Layout l = c.layout;
        int kept = l.rank() - c.reducedDims;
        int outputs = 1;
        for (int d = 0; d < kept; d++) {
            outputs *= l.shape(d);
        }
        int per = outputs == 0 ? 0 : l.size() / outputs;
        double[][] g = new double[outputs][per];
        for (int i = 0; i < l.size(); i++) {
            g[i / per][i % per] = value(c.src.buffer(), l.indexOfFlat(i));
        }
        return g;
    }

    static double value(Object buffer, int i) {
        return buffer instanceof float[] f ? f[i] : ((double[]) buffer)[i];
    }

    static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
