package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;

/**
 * The blocked-transposition path of {@link Elementwise}: operands that are strided along the rows but
 * contiguous along another dimension (transposes, permuted 3-D tensors, as inputs and as outputs),
 * against the scalar backend, at shapes on and around the tile edges, with offsets, in place, and
 * split across threads. add/sub/mul/div/copy and comparisons must be bit-identical.
 */
class TiledElementwiseTest {
    static final Backend SIMD = ElementwiseTest.SIMD;
    static final Backend SCALAR = ElementwiseTest.SCALAR;
    static final int TR = Elementwise.TILE_ROWS;
    static final int TC = Elementwise.TILE_COLS;
    static final BinaryOp[] BINARY = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.LT, BinaryOp.NE};

    /**
     * Matrix shapes on, below and above the tile sizes and the least tiled height, single rows and
     * columns, empty ones; rows shorter than 16 are walked the other way round (Walk.of), so there the
     * output is the transposed operand.
     */
    static List<int[]> shapes() {
        int min = Elementwise.TILE_MIN_ROWS;
        return List.of(new int[] {0, 5}, new int[] {5, 0}, new int[] {1, 70}, new int[] {70, 1}, new int[] {1, 1},
                new int[] {TR, TC}, new int[] {TR - 1, TC + 1}, new int[] {TR + 1, TC - 1}, new int[] {2 * TR + 3, 2 * TC + 5},
                new int[] {min, 70}, new int[] {min - 1, 70}, new int[] {70, min}, new int[] {100, 9}, new int[] {9, 100},
                new int[] {3, 100}, new int[] {100, 3}, new int[] {100, 17}, new int[] {37, 300});
    }

    /**
     * Layouts of a matrix: contiguous; transposed; the transpose of a column slice at an offset (leading
     * dimension longer than the rows); stepped in both dimensions, which is gathered, not tiled.
     */
    static List<Layout> layouts(int[] shape) {
        int r = shape[0];
        int c = shape[1];
        return List.of(Layout.contiguous(r, c), Layout.contiguous(c, r).permute(1, 0),
                new Layout(7, shape, new int[] {1, r + 3}), new Layout(5, shape, new int[] {3 * c + 1, 3}));
    }

    /** All six orders of a 3-D tensor of the given shape, at offset 0 and at an offset. */
    static List<Layout> permutations(int[] shape) {
        List<Layout> out = new ArrayList<>();
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : orders) {
            int[] stored = new int[3];
            for (int i = 0; i < 3; i++) {
                stored[p[i]] = shape[i];
            }
            Layout l = Layout.contiguous(stored).permute(p);
            out.add(l);
            out.add(new Layout(11, l.shape(), l.strides()));
        }
        return out;
    }

    @Test
    void walkTilesTransposedAndPermutedOperandsOnly() {
        Layout c = Layout.contiguous(40, 50);
        Layout t = Layout.contiguous(50, 40).permute(1, 0);
        assertEquals(0, Walk.of(c, c, t).transposedDim(Elementwise.TILE_MIN_ROWS));
        assertEquals(0, Walk.of(t, c).transposedDim(Elementwise.TILE_MIN_ROWS), "the walk follows the output, so the contiguous input is transposed");
        assertEquals(-1, Walk.of(c, c, c).transposedDim(Elementwise.TILE_MIN_ROWS));
        assertEquals(-1, Walk.of(t, t).transposedDim(Elementwise.TILE_MIN_ROWS));
        assertEquals(-1, Walk.of(c, new Layout(5, new int[] {40, 50}, new int[] {151, 3})).transposedDim(Elementwise.TILE_MIN_ROWS), "stepped: gathered");
        assertEquals(-1, Walk.of(c, new Layout(0, new int[] {40, 50}, new int[] {1, 0})).transposedDim(Elementwise.TILE_MIN_ROWS), "broadcast rows");
        int min = Elementwise.TILE_MIN_ROWS;
        assertEquals(-1, Walk.of(Layout.contiguous(min - 1, 50), Layout.contiguous(50, min - 1).permute(1, 0)).transposedDim(min),
                "too few rows to tile: gathered");
        assertEquals(0, Walk.of(Layout.contiguous(100, 9), Layout.contiguous(9, 100).permute(1, 0)).transposedDim(min),
                "short rows: the walk turns round and the output is transposed");
        Layout p = Layout.contiguous(30, 20, 10).permute(2, 0, 1);
        Walk w = Walk.of(Layout.contiguous(10, 30, 20), p);
        int d = w.transposedDim(Elementwise.TILE_MIN_ROWS);
        assertTrue(d >= 0);
        Walk tiled = w.withRowsAlong(d);
        assertEquals(1, tiled.rowStep(1));
        assertEquals(w.size(), tiled.size());
    }

    @Test
    void binaryOnTransposedMatricesMatchesScalar() {
        long seed = 1;
        for (DType dtype : ElementwiseTest.FLOATS) {
            for (int[] shape : shapes()) {
                for (Layout a : layouts(shape)) {
                    for (Layout b : layouts(shape)) {
                        for (Layout out : layouts(shape)) {
                            binary(dtype, a, b, out, seed++);
                        }
                    }
                }
            }
        }
    }

    @Test
    void binaryOnPermuted3dTensorsMatchesScalar() {
        long seed = 1000;
        for (DType dtype : ElementwiseTest.FLOATS) {
            for (int[] shape : new int[][] {{3, TR + 2, 41}, {TR + 1, 2, TC + 3}, {5, 1, 70}}) {
                List<Layout> perms = permutations(shape);
                for (Layout a : perms) {
                    binary(dtype, a, Layout.contiguous(shape), Layout.contiguous(shape), seed++);
                    binary(dtype, Layout.contiguous(shape), a, a, seed++);
                    binary(dtype, a, perms.get((int) (seed % perms.size())), perms.get((int) ((seed + 3) % perms.size())), seed++);
                }
            }
        }
    }

    @Test
    void copyAndCastOfTransposesMatchScalar() {
        long seed = 2000;
        for (DType from : ElementwiseTest.FLOATS) {
            for (DType to : ElementwiseTest.FLOATS) {
                for (int[] shape : shapes()) {
                    for (Layout src : layouts(shape)) {
                        for (Layout dst : layouts(shape)) {
                            copy(from, src, to, dst, seed++);
                        }
                    }
                }
                int[] shape = {TR + 3, 7, 2 * TR + 1};
                for (Layout src : permutations(shape)) {
                    for (Layout dst : permutations(shape)) {
                        copy(from, src, to, dst, seed++);
                    }
                }
            }
        }
    }

    @Test
    void unaryOnTransposesMatchesScalar() {
        long seed = 3000;
        for (DType dtype : ElementwiseTest.FLOATS) {
            for (int[] shape : shapes()) {
                for (Layout x : layouts(shape)) {
                    for (Layout out : layouts(shape)) {
                        for (UnaryOp op : new UnaryOp[] {UnaryOp.NEG, UnaryOp.SQRT, UnaryOp.EXP}) {
                            Object src = Operand.random(dtype, Operand.extent(x), Operand.Values.WITH_SPECIALS, seed++);
                            Object expected = Operand.random(dtype, Operand.extent(out), Operand.Values.FINITE, seed);
                            Object actual = copyOf(expected);
                            SCALAR.unary(op, dtype, src, x, expected, out);
                            SIMD.unary(op, dtype, src, x, actual, out);
                            Check.buffers(expected, actual, ElementwiseTest.unaryTolerance(op, dtype), op + " " + dtype + " of " + x + " into " + out);
                        }
                    }
                }
            }
        }
    }

    /** out aliases an input with the same layout: every tile must be read before it is written. */
    @Test
    void inPlaceOnTransposedAndPermutedOperands() {
        long seed = 4000;
        for (DType dtype : ElementwiseTest.FLOATS) {
            List<Layout> views = new ArrayList<>(layouts(new int[] {2 * TR + 3, TC + 9}));
            views.addAll(permutations(new int[] {4, TR + 5, 33}));
            for (Layout x : views) {
                Layout other = x.rank() == 2 ? Layout.contiguous(x.shape()) : permutations(x.shape()).get(7);
                Object b = Operand.random(dtype, Operand.extent(other), Operand.Values.WITH_SPECIALS, seed++);
                Object expected = Operand.random(dtype, Operand.extent(x), Operand.Values.WITH_SPECIALS, seed++);
                Object actual = copyOf(expected);
                SCALAR.binary(BinaryOp.SUB, dtype, expected, x, b, other, expected, x);
                SIMD.binary(BinaryOp.SUB, dtype, actual, x, b, other, actual, x);
                Check.buffers(expected, actual, 0, "in-place sub " + dtype + " on " + x);
                SCALAR.binary(BinaryOp.MUL, dtype, b, other, expected, x, expected, x);
                SIMD.binary(BinaryOp.MUL, dtype, b, other, actual, x, actual, x);
                Check.buffers(expected, actual, 0, "in-place mul " + dtype + " on " + x);
                SCALAR.unary(UnaryOp.NEG, dtype, expected, x, expected, x);
                SIMD.unary(UnaryOp.NEG, dtype, actual, x, actual, x);
                Check.buffers(expected, actual, 0, "in-place neg " + dtype + " on " + x);
            }
        }
    }

    /** Above Parallel.MIN_WORK the bands are split across threads (forced to several even on one core). */
    @Test
    void largeTransposesSplitAcrossThreadsMatchScalar() {
        String saved = System.getProperty("vectorgrad.threads");
        System.setProperty("vectorgrad.threads", "4");
        try {
            int[] shape = {1031, 611};
            int bands = (shape[0] + TR - 1) / TR;
            assertTrue(Parallel.parts((long) shape[0] * shape[1], bands) > 1, "the job must be split");
            Layout c = Layout.contiguous(shape);
            Layout t = Layout.contiguous(shape[1], shape[0]).permute(1, 0);
            for (DType dtype : ElementwiseTest.FLOATS) {
                binary(dtype, t, c, c, 1);
                binary(dtype, c, c, t, 2);
                binary(dtype, t, t, c, 3);
                copy(dtype, t, dtype, c, 4);
                copy(dtype, c, DType.FLOAT32, t, 5);
                int[] cube = {64, 97, 101};
                Layout p = permutations(cube).get(9);
                binary(dtype, p, Layout.contiguous(cube), Layout.contiguous(cube), 6);
                copy(dtype, p, dtype, Layout.contiguous(cube), 7);
            }
        } finally {
            if (saved == null) {
                System.clearProperty("vectorgrad.threads");
            } else {
                System.setProperty("vectorgrad.threads", saved);
            }
        }
    }

    /**
     * Tiles, gathered row pieces and repeated bias rows live in per-thread scratch kept from call to
     * call ({@link Elementwise#scratchLike}): after a larger call has left NaN in all of them, smaller
     * finite calls (transposed, stepped, a repeated row of a few elements) must read only what they
     * wrote; and two threads at once each keep their own.
     */
    @Test
    void scratchLeftByALargerCallIsNeverRead() throws Exception {
        for (DType dtype : ElementwiseTest.FLOATS) {
            int[] big = {2 * TR + 3, 2 * TC + 5};
            for (Layout a : layouts(big)) {
                Object nan = nans(dtype, Operand.extent(a));
                for (Layout out : layouts(big)) {
                    SIMD.binary(BinaryOp.ADD, dtype, nan, a, nan, a, Operand.random(dtype, Operand.extent(out), Operand.Values.FINITE, 2), out);
                }
            }
            // 128-element bias rows go four to a 512-element scratch, both operands' slots
            int[] biased = {64, 128};
            Layout bias = new Layout(0, biased, new int[] {0, 1});
            Object nan = nans(dtype, 64 * 128);
            SIMD.binary(BinaryOp.ADD, dtype, nan, bias, nan, bias, Operand.random(dtype, 64 * 128, Operand.Values.FINITE, 3), Layout.contiguous(biased));
            long seed = 5000;
            for (int[] shape : new int[][] {{TR - 1, 40}, {9, 100}, {100, 17}, {12, 5}}) {
                for (Layout a : layouts(shape)) {
                    for (Layout out : layouts(shape)) {
                        finiteBinary(dtype, a, Layout.contiguous(shape), out, seed++);
                    }
                }
                Layout row = new Layout(0, shape, new int[] {0, 1});
                finiteBinary(dtype, Layout.contiguous(shape), row, Layout.contiguous(shape), seed++);
                finiteBinary(dtype, row, Layout.contiguous(shape), Layout.contiguous(shape), seed++);
            }
        }
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int[] shape = k == 0 ? new int[] {TR + 5, TC - 3} : new int[] {TR - 3, 70};
            long base = 6000 + 1000 * k;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        for (Layout a : layouts(shape)) {
                            finiteBinary(DType.FLOAT32, a, Layout.contiguous(shape), Layout.contiguous(shape), base + i);
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> failures.get(0).toString());
    }

    private static Object nans(DType dtype, int n) {
        if (dtype == DType.FLOAT32) {
            float[] f = new float[n];
            java.util.Arrays.fill(f, Float.NaN);
            return f;
        }
        double[] d = new double[n];
        java.util.Arrays.fill(d, Double.NaN);
        return d;
    }

    /** {@code a + b} and {@code a * b} of finite operands, SIMD against scalar: a stale NaN from scratch would show. */
    private static void finiteBinary(DType dtype, Layout a, Layout b, Layout out, long seed) {
        Object x = Operand.random(dtype, Operand.extent(a), Operand.Values.FINITE, seed);
        Object y = Operand.random(dtype, Operand.extent(b), Operand.Values.FINITE, seed + 1);
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.MUL}) {
            Object expected = Operand.random(dtype, Operand.extent(out), Operand.Values.FINITE, seed + 2);
            Object actual = copyOf(expected);
            SCALAR.binary(op, dtype, x, a, y, b, expected, out);
            SIMD.binary(op, dtype, x, a, y, b, actual, out);
            Check.buffers(expected, actual, 0, op + " " + dtype + " of " + a + " and " + b + " into " + out + " after NaN scratch");
        }
    }

    /** Every op of {@link #BINARY} on fresh random operands; the output buffer starts non-zero so untouched elements show. */
    private static void binary(DType dtype, Layout a, Layout b, Layout out, long seed) {
        Object x = Operand.random(dtype, Operand.extent(a), Operand.Values.WITH_SPECIALS, seed);
        Object y = Operand.random(dtype, Operand.extent(b), Operand.Values.WITH_SPECIALS, seed + 1);
        for (BinaryOp op : BINARY) {
            DType outType = op.isComparison() ? DType.BOOL : dtype;
            Object expected = op.isComparison() ? randomBooleans(Operand.extent(out), seed + 2)
                    : Operand.random(outType, Operand.extent(out), Operand.Values.FINITE, seed + 2);
            Object actual = copyOf(expected);
            SCALAR.binary(op, dtype, x, a, y, b, expected, out);
            SIMD.binary(op, dtype, x, a, y, b, actual, out);
            Check.buffers(expected, actual, 0, op + " " + dtype + " of " + a + " and " + b + " into " + out);
        }
    }

    private static void copy(DType from, Layout src, DType to, Layout dst, long seed) {
        Object x = Operand.random(from, Operand.extent(src), Operand.Values.WITH_SPECIALS, seed);
        Object expected = Operand.random(to, Operand.extent(dst), Operand.Values.FINITE, seed + 1);
        Object actual = copyOf(expected);
        SCALAR.copy(from, x, src, to, expected, dst);
        SIMD.copy(from, x, src, to, actual, dst);
        Check.buffers(expected, actual, 0, "copy " + from + " -> " + to + " of " + src + " into " + dst);
    }

    private static boolean[] randomBooleans(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] z = new boolean[n];
        for (int i = 0; i < n; i++) {
            z[i] = r.nextBoolean();
        }
        return z;
    }

    private static Object copyOf(Object buffer) {
        return new Operand("buffer", Layout.contiguous(0), buffer).copy().buffer();
    }
}
