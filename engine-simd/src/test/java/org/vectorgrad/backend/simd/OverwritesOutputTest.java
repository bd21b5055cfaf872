package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.TernaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * The kernels whose output {@code Tensor.emptyOverwritten} may hand an array a backward pass recycled
 * (unary, binary, ternary maps, copies and casts, matrix products) write every element of a dense
 * output: the result is the same whether the output array held zeros or garbage (NaN, all ones)
 * before the call. Operands contiguous, transposed, broadcast (stride 0) and 0-dim; outputs row-major
 * and column-major; lengths with and without a vector tail.
 */
class OverwritesOutputTest {
    private static final Backend SIMD = new SimdBackend();
    private static final int[][] SHAPES = {{37, 41}, {1, 1031}, {1031, 1}, {3, 700}, {64, 64}};

    /** Runs {@code kernel} into a zeroed and into a garbage-filled array of the output layout: the same bits. */
    private static void assertOverwrites(DType dtype, int[] shape, boolean columnMajor, Consumer<Object[]> kernel, String what) {
        Layout out = columnMajor ? new Layout(0, shape, new int[] {1, shape[0]}) : Layout.contiguous(shape);
        Object zeroed = org.vectorgrad.backend.simd.Operand.zeros(dtype, shape[0] * shape[1]);
        Object garbage = org.vectorgrad.backend.simd.Operand.zeros(dtype, shape[0] * shape[1]);
        fillGarbage(garbage);
        kernel.accept(new Object[] {zeroed, out});
        kernel.accept(new Object[] {garbage, out});
        assertEquals(bits(zeroed), bits(garbage), what + " " + dtype + " " + shape[0] + "x" + shape[1]
                + (columnMajor ? " column-major" : "") + ": an element of the output was not written");
    }

    private static void fillGarbage(Object a) {
        switch (a) {
            case boolean[] x -> java.util.Arrays.fill(x, true);
            case int[] x -> java.util.Arrays.fill(x, 0x5a5a5a5a);
            case long[] x -> java.util.Arrays.fill(x, 0x5a5a5a5a5a5a5a5aL);
            case float[] x -> java.util.Arrays.fill(x, Float.intBitsToFloat(0x7fc0dead));
            case double[] x -> java.util.Arrays.fill(x, Double.longBitsToDouble(0x7ff800000000deadL));
            default -> throw new IllegalArgumentException();
        }
    }

    private static List<Long> bits(Object a) {
        List<Long> out = new ArrayList<>();
        switch (a) {
            case boolean[] x -> { for (boolean v : x) out.add(v ? 1L : 0L); }
            case int[] x -> { for (int v : x) out.add((long) v); }
            case long[] x -> { for (long v : x) out.add(v); }
            case float[] x -> { for (float v : x) out.add((long) Float.floatToRawIntBits(v)); }
            case double[] x -> { for (double v : x) out.add(Double.doubleToRawLongBits(v)); }
            default -> throw new IllegalArgumentException();
        }
        return out;
    }

    /** An operand of the output's shape: its own array, read contiguous, transposed, broadcast along a dim, or one element. */
    private record Operand(Object buf, Layout layout, String form) {
    }

    private static List<Operand> operands(DType dtype, int[] shape, SplittableRandom rnd) {
        int n = shape[0] * shape[1];
        List<Operand> ops = new ArrayList<>();
        ops.add(new Operand(random(dtype, n, rnd), Layout.contiguous(shape), "contiguous"));
        ops.add(new Operand(random(dtype, n, rnd), new Layout(0, shape, new int[] {1, shape[0]}), "transposed"));
        ops.add(new Operand(random(dtype, shape[1], rnd), new Layout(0, shape, new int[] {0, 1}), "row broadcast"));
        ops.add(new Operand(random(dtype, 3, rnd), new Layout(2, shape, new int[] {0, 0}), "one element"));
        return ops;
    }

    private static Object random(DType dtype, int n, SplittableRandom rnd) {
        Object a = org.vectorgrad.backend.simd.Operand.zeros(dtype, n);
        for (int i = 0; i < n; i++) {
            double v = rnd.nextDouble(-3, 3);
            switch (a) {
                case boolean[] x -> x[i] = v > 0;
                case int[] x -> x[i] = (int) (v * 10);
                case long[] x -> x[i] = (long) (v * 10);
                case float[] x -> x[i] = (float) v;
                case double[] x -> x[i] = v;
                default -> throw new IllegalArgumentException();
            }
        }
        return a;
    }

    @Test
    void unaryBinaryTernaryAndCopyWriteEveryElement() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int[] shape : SHAPES) {
            for (boolean columnMajor : new boolean[] {false, true}) {
                for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                    List<Operand> ops = operands(dtype, shape, rnd);
                    for (Operand x : ops) {
                        for (UnaryOp op : UnaryOp.values()) {
                            assertOverwrites(dtype, shape, columnMajor,
                                    o -> SIMD.unary(op, dtype, x.buf(), x.layout(), o[0], (Layout) o[1]), op + " of " + x.form());
                        }
                        for (Operand y : ops) {
                            for (BinaryOp op : BinaryOp.values()) {
                                boolean cmp = op.ordinal() >= BinaryOp.EQ.ordinal();
                                Consumer<Object[]> k = o -> SIMD.binary(op, dtype, x.buf(), x.layout(), y.buf(), y.layout(), o[0], (Layout) o[1]);
                                assertOverwrites(cmp ? DType.BOOL : dtype, shape, columnMajor, k, op + " of " + x.form() + ", " + y.form());
                            }
                            for (TernaryOp op : TernaryOp.values()) {
                                Operand z = ops.get((ops.indexOf(x) + ops.indexOf(y)) % ops.size());
                                assertOverwrites(dtype, shape, columnMajor, o -> SIMD.ternary(op, dtype, 0.5, x.buf(), x.layout(),
                                        y.buf(), y.layout(), z.buf(), z.layout(), o[0], (Layout) o[1]), op + " of " + x.form() + ", " + y.form());
                            }
                        }
                        for (DType to : DType.values()) {
                            assertOverwrites(to, shape, columnMajor,
                                    o -> SIMD.copy(dtype, x.buf(), x.layout(), to, o[0], (Layout) o[1]), "copy to " + to + " of " + x.form());
                        }
                    }
                }
            }
        }
    }

    @Test
    void matrixProductsWriteEveryElement() {
        SplittableRandom rnd = new SplittableRandom(6);
        int kc = SimdLinalg.Gemms.FLOAT32.kcMax();
        // m, n, k: k = 0, the mv paths, SmallGemm, the direct path, the packed path, several k blocks
        int[][] shapes = {{40, 30, 0}, {1100, 1, 7}, {1, 1100, 7}, {32, 40, 20}, {33, 65, 70}, {130, 257, 100},
            {40, 40, kc + 3}, {70, 70, 2 * kc + 5}};
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (boolean transposed : new boolean[] {false, true}) {
                    Object a = random(dtype, 2 * m * k, rnd);
                    Object b = random(dtype, k * n, rnd);
                    Layout al = transposed ? new Layout(0, new int[] {2, m, k}, new int[] {m * k, 1, m}) : Layout.contiguous(2, m, k);
                    Layout bl = new Layout(0, new int[] {2, k, n}, transposed ? new int[] {0, 1, k} : new int[] {0, n, 1});
                    for (boolean cColumnMajor : new boolean[] {false, true}) {
                        Layout cl = cColumnMajor ? new Layout(0, new int[] {2, m, n}, new int[] {m * n, 1, m}) : Layout.contiguous(2, m, n);
                        Object zeroed = org.vectorgrad.backend.simd.Operand.zeros(dtype, 2 * m * n);
                        Object garbage = org.vectorgrad.backend.simd.Operand.zeros(dtype, 2 * m * n);
                        fillGarbage(garbage);
                        SIMD.matmul(dtype, a, al, b, bl, zeroed, cl);
                        SIMD.matmul(dtype, a, al, b, bl, garbage, cl);
                        assertEquals(bits(zeroed), bits(garbage), dtype + " " + m + "x" + n + "x" + k + (transposed ? " transposed" : "")
                                + (cColumnMajor ? " C column-major" : "") + ": an element of C was not written");
                    }
                }
            }
        }
    }
}
