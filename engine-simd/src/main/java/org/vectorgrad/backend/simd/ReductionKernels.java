package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.vectorgrad.backend.ReduceOp;

/**
 * Reductions of float32 and float64 data, in two shapes:
 * <ul>
 *   <li>along a contiguous row ({@link #reduce}, {@link #argBest}): four vector accumulators, one lane
 *       reduction at the end, a scalar tail;</li>
 *   <li>across outputs ({@link #columns}, {@link #columnsArg}): when the contiguous dimension is a kept
 *       one, each reduced position contributes a contiguous run of outputs, added into a vector of
 *       output accumulators.</li>
 * </ul>
 *
 * <p><b>Summation error.</b> SUM and SUM_SQUARES never run one long accumulation: elements are summed
 * in blocks where each accumulator lane takes at most {@link #CHAIN} additions, and block sums are
 * combined pairwise (a binary counter of partial sums). An element therefore passes through at most
 * {@code CHAIN + 2 + ceil(log2(blocks)) + (L - 1) + 2} roundings (chain, joining 4 accumulators, the
 * pairwise tree, the lane reduction over L lanes, tail and partial sums), so for n elements
 * <pre>
 *   |computed - exact| <= (26 + L + ceil(log2 n)) * eps * sum|x_i|      (first order in eps)
 * </pre>
 * with eps = 2^-24 (float32) or 2^-53 (float64) and L the lane count (8 / 4 with AVX2). This is of
 * the order of NumPy's pairwise summation, and below the SPI's {@code n * eps * sum|x|} for every n.
 * PROD has relative error at most {@code (n - 1) * eps}.
 *
 * <p><b>MAX and MIN</b> return the first NaN, else the first element that attains the extreme, exactly
 * as a left-to-right scan with {@code >} would: the max of {@code [-0.0, 0.0]} is {@code -0.0}. The
 * vector pass computes Math.max semantics, which differ from that only for zeros, so a zero result is
 * replaced by the first zero's own value.
 */
final class ReductionKernels {
    /** Additions per accumulator lane before a block sum is handed to the pairwise tree. */
    static final int CHAIN = 16;
    private static final int F_BLOCK = CHAIN * 4 * FL;
    private static final int D_BLOCK = CHAIN * 4 * DL;

    private ReductionKernels() {
    }

    static float identityF(ReduceOp op) {
        return (float) identity(op);
    }

    static double identity(ReduceOp op) {
        return switch (op) {
            case SUM, SUM_SQUARES -> 0.0;
            case PROD -> 1.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
            case ALL, ANY -> throw new IllegalArgumentException(op + " does not reduce float data");
        };
    }

    /** Combines partial results of op over consecutive parts, x from the earlier part. */
    static double combine(ReduceOp op, double x, double y) {
        return switch (op) {
            case SUM, SUM_SQUARES -> x + y;
            case PROD -> x * y;
            case MAX -> better(true, y, x) ? y : x;
            case MIN -> better(false, y, x) ? y : x;
            case ALL, ANY -> throw new IllegalArgumentException(op + " does not reduce float data");
        };
    }

    /** Whether a later v replaces the best so far: NaN beats numbers, and ties keep the earlier one. */
    static boolean better(boolean max, double v, double best) {
        return !Double.isNaN(best) && (Double.isNaN(v) || (max ? v > best : v < best));
    }

    // ---------------------------------------------------------------- along a contiguous row, float32

    static float reduce(ReduceOp op, float[] a, int off, int n) {
        return switch (op) {
            case SUM -> sum(a, off, n, false);
            case SUM_SQUARES -> sum(a, off, n, true);
            case PROD -> fold(op, a, off, n);
            case MAX, MIN -> {
                float r = fold(op, a, off, n);
                yield r == 0 ? a[off + indexOf(a, off, n, r)] : r;
            }
            case ALL, ANY -> throw new IllegalArgumentException(op + " does not reduce float data");
        };
    }

    private static float sum(float[] a, int off, int n, boolean squares) {
        long blocks = 0;
        int main = FS.loopBound(n);
        float[] tree = new float[treeLevels(main, F_BLOCK) * FL];
        for (int i = 0; i < main; i += F_BLOCK) {
            int end = Math.min(i + F_BLOCK, main);
            FloatVector s0 = FloatVector.zero(FS), s1 = s0, s2 = s0, s3 = s0;
            int j = i;
            for (; j + 4 * FL <= end; j += 4 * FL) {
                s0 = addF(s0, a, off + j, squares);
                s1 = addF(s1, a, off + j + FL, squares);
                s2 = addF(s2, a, off + j + 2 * FL, squares);
                s3 = addF(s3, a, off + j + 3 * FL, squares);
            }
            for (; j < end; j += FL) {
                s0 = addF(s0, a, off + j, squares);
            }
            FloatVector block = s0.add(s1).add(s2.add(s3));
            int level = 0;
            for (long c = blocks++; (c & 1) != 0; c >>>= 1, level++) {
                block = FloatVector.fromArray(FS, tree, level * FL).add(block);
            }
            block.intoArray(tree, level * FL);
        }
        FloatVector total = FloatVector.zero(FS);
        for (int level = 0; blocks != 0; blocks >>>= 1, level++) {
            if ((blocks & 1) != 0) {
                total = total.add(FloatVector.fromArray(FS, tree, level * FL));
            }
        }
        float tail = 0f;
        for (int i = main; i < n; i++) {
            float x = a[off + i];
            tail += squares ? x * x : x;
        }
        return Lanes.sum(total) + tail;
    }

    /**
     * Levels of the pairwise tree for {@code n} elements in blocks of {@code block}: one per bit of the
     * block count. Sized to the row, not to the largest row, so that summing many short rows (a
     * 64 x 128 {@code sum(1)}) does not allocate 1.3 KB per row.
     */
    private static int treeLevels(int n, int block) {
        return 64 - Long.numberOfLeadingZeros((n + block - 1) / block);
    }

    private static FloatVector addF(FloatVector acc, float[] a, int at, boolean squares) {
        FloatVector x = FloatVector.fromArray(FS, a, at);
        return squares ? x.fma(x, acc) : acc.add(x);
    }

    /** PROD, MAX, MIN: order-insensitive for MAX/MIN, so four plain accumulators. */
    private static float fold(ReduceOp op, float[] a, int off, int n) {
        FloatVector s0 = FloatVector.broadcast(FS, identityF(op)), s1 = s0, s2 = s0, s3 = s0;
        int main4 = n - n % (4 * FL);
        int main = FS.loopBound(n);
        int i = 0;
        switch (op) {
            case PROD -> {
                for (; i < main4; i += 4 * FL) {
                    s0 = s0.mul(fx(a, off + i)); s1 = s1.mul(fx(a, off + i + FL));
                    s2 = s2.mul(fx(a, off + i + 2 * FL)); s3 = s3.mul(fx(a, off + i + 3 * FL));
                }
                for (; i < main; i += FL) s0 = s0.mul(fx(a, off + i));
                s0 = s0.mul(s1).mul(s2.mul(s3));
            }
            case MAX -> {
                for (; i < main4; i += 4 * FL) {
                    s0 = s0.max(fx(a, off + i)); s1 = s1.max(fx(a, off + i + FL));
                    s2 = s2.max(fx(a, off + i + 2 * FL)); s3 = s3.max(fx(a, off + i + 3 * FL));
                }
                for (; i < main; i += FL) s0 = s0.max(fx(a, off + i));
                s0 = s0.max(s1).max(s2.max(s3));
            }
            case MIN -> {
                for (; i < main4; i += 4 * FL) {
                    s0 = s0.min(fx(a, off + i)); s1 = s1.min(fx(a, off + i + FL));
                    s2 = s2.min(fx(a, off + i + 2 * FL)); s3 = s3.min(fx(a, off + i + 3 * FL));
                }
                for (; i < main; i += FL) s0 = s0.min(fx(a, off + i));
                s0 = s0.min(s1).min(s2.min(s3));
            }
            default -> throw new IllegalArgumentException(op + " does not reduce float data");
        }
        float r = lanes(op, s0);
        for (; i < n; i++) {
            r = (float) combine(op, r, a[off + i]);
        }
        return r;
    }

    /** Lane reduction; MAX/MIN done as Math.max/min over the lanes so that NaN always wins. */
    private static float lanes(ReduceOp op, FloatVector v) {
        if (op == ReduceOp.PROD) {
            return Lanes.product(v);
        }
        if (v.test(VectorOperators.IS_NAN).anyTrue()) {
            return Float.NaN;
        }
        return v.reduceLanes(op == ReduceOp.MAX ? VectorOperators.MAX : VectorOperators.MIN);
    }

    /**
     * Index in {@code a[off..off+n)} of the first maximum ({@code max}) or minimum, the first NaN if
     * there is one; n >= 1. Two vector passes: the extreme value, then its first position.
     */
    static int argBest(boolean max, float[] a, int off, int n) {
        return indexOf(a, off, n, fold(max ? ReduceOp.MAX : ReduceOp.MIN, a, off, n));
    }

    /** First i with {@code a[off + i] == v}, or the first NaN when v is NaN; v must occur. */
    private static int indexOf(float[] a, int off, int n, float v) {
        boolean nan = Float.isNaN(v);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector x = fx(a, off + i);
            VectorMask<Float> hit = nan ? x.test(VectorOperators.IS_NAN) : x.compare(VectorOperators.EQ, v);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (int i = main; i < n; i++) {
            float x = a[off + i];
            if (nan ? Float.isNaN(x) : x == v) {
                return i;
            }
        }
        throw new AssertionError("extreme value not found");
    }

    // ---------------------------------------------------------------- along a contiguous row, float64

    static double reduce(ReduceOp op, double[] a, int off, int n) {
        return switch (op) {
            case SUM -> sum(a, off, n, false);
            case SUM_SQUARES -> sum(a, off, n, true);
            case PROD -> fold(op, a, off, n);
            case MAX, MIN -> {
                double r = fold(op, a, off, n);
                yield r == 0 ? a[off + indexOf(a, off, n, r)] : r;
            }
            case ALL, ANY -> throw new IllegalArgumentException(op + " does not reduce float data");
        };
    }

    private static double sum(double[] a, int off, int n, boolean squares) {
        long blocks = 0;
        int main = DS.loopBound(n);
        double[] tree = new double[treeLevels(main, D_BLOCK) * DL];
        for (int i = 0; i < main; i += D_BLOCK) {
            int end = Math.min(i + D_BLOCK, main);
            DoubleVector s0 = DoubleVector.zero(DS), s1 = s0, s2 = s0, s3 = s0;
            int j = i;
            for (; j + 4 * DL <= end; j += 4 * DL) {
                s0 = addD(s0, a, off + j, squares);
                s1 = addD(s1, a, off + j + DL, squares);
                s2 = addD(s2, a, off + j + 2 * DL, squares);
                s3 = addD(s3, a, off + j + 3 * DL, squares);
            }
            for (; j < end; j += DL) {
                s0 = addD(s0, a, off + j, squares);
            }
            DoubleVector block = s0.add(s1).add(s2.add(s3));
            int level = 0;
            for (long c = blocks++; (c & 1) != 0; c >>>= 1, level++) {
                block = DoubleVector.fromArray(DS, tree, level * DL).add(block);
            }
            block.intoArray(tree, level * DL);
        }
        DoubleVector total = DoubleVector.zero(DS);
        for (int level = 0; blocks != 0; blocks >>>= 1, level++) {
            if ((blocks & 1) != 0) {
                total = total.add(DoubleVector.fromArray(DS, tree, level * DL));
            }
        }
        double tail = 0.0;
        for (int i = main; i < n; i++) {
            double x = a[off + i];
            tail += squares ? x * x : x;
        }
        return Lanes.sum(total) + tail;
    }

    private static DoubleVector addD(DoubleVector acc, double[] a, int at, boolean squares) {
        DoubleVector x = DoubleVector.fromArray(DS, a, at);
        return squares ? x.fma(x, acc) : acc.add(x);
    }

    private static double fold(ReduceOp op, double[] a, int off, int n) {
        DoubleVector s0 = DoubleVector.broadcast(DS, identity(op)), s1 = s0, s2 = s0, s3 = s0;
        int main4 = n - n % (4 * DL);
        int main = DS.loopBound(n);
        int i = 0;
        switch (op) {
            case PROD -> {
                for (; i < main4; i += 4 * DL) {
                    s0 = s0.mul(dx(a, off + i)); s1 = s1.mul(dx(a, off + i + DL));
                    s2 = s2.mul(dx(a, off + i + 2 * DL)); s3 = s3.mul(dx(a, off + i + 3 * DL));
                }
                for (; i < main; i += DL) s0 = s0.mul(dx(a, off + i));
                s0 = s0.mul(s1).mul(s2.mul(s3));
            }
            case MAX -> {
                for (; i < main4; i += 4 * DL) {
                    s0 = s0.max(dx(a, off + i)); s1 = s1.max(dx(a, off + i + DL));
                    s2 = s2.max(dx(a, off + i + 2 * DL)); s3 = s3.max(dx(a, off + i + 3 * DL));
                }
                for (; i < main; i += DL) s0 = s0.max(dx(a, off + i));
                s0 = s0.max(s1).max(s2.max(s3));
            }
            case MIN -> {
                for (; i < main4; i += 4 * DL) {
                    s0 = s0.min(dx(a, off + i)); s1 = s1.min(dx(a, off + i + DL));
                    s2 = s2.min(dx(a, off + i + 2 * DL)); s3 = s3.min(dx(a, off + i + 3 * DL));
                }
                for (; i < main; i += DL) s0 = s0.min(dx(a, off + i));
                s0 = s0.min(s1).min(s2.min(s3));
            }
            default -> throw new IllegalArgumentException(op + " does not reduce float data");
        }
        double r = lanes(op, s0);
        for (; i < n; i++) {
            r = combine(op, r, a[off + i]);
        }
        return r;
    }

    private static double lanes(ReduceOp op, DoubleVector v) {
        if (op == ReduceOp.PROD) {
            return Lanes.product(v);
        }
        if (v.test(VectorOperators.IS_NAN).anyTrue()) {
            return Double.NaN;
        }
        return v.reduceLanes(op == ReduceOp.MAX ? VectorOperators.MAX : VectorOperators.MIN);
    }

    static int argBest(boolean max, double[] a, int off, int n) {
        return indexOf(a, off, n, fold(max ? ReduceOp.MAX : ReduceOp.MIN, a, off, n));
    }

    /** First i with {@code a[off + i] == v}, or the first NaN when v is NaN; v must occur. */
    private static int indexOf(double[] a, int off, int n, double v) {
        boolean nan = Double.isNaN(v);
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            DoubleVector x = dx(a, off + i);
            VectorMask<Double> hit = nan ? x.test(VectorOperators.IS_NAN) : x.compare(VectorOperators.EQ, v);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (int i = main; i < n; i++) {
            double x = a[off + i];
            if (nan ? Double.isNaN(x) : x == v) {
                return i;
            }
        }
        throw new AssertionError("extreme value not found");
    }

    // ---------------------------------------------------------------- across outputs

    /**
     * {@code out[j] = op over r < rows of a[rowStart[r] + j]} for {@code j < w}: every reduced position
     * r adds a contiguous run of w outputs, so the vectors run along the outputs. SUM and SUM_SQUARES
     * add {@link #CHAIN} rows at a time into {@code acc}, then fold that into a pairwise tree.
     * {@code acc} and {@code tree} are scratch of at least {@code w} and {@link #treeSize} elements.
     */
    static void columns(ReduceOp op, float[] a, int[] rowStart, int rows, int w, float[] out, float[] acc, float[] tree) {
        boolean summing = op == ReduceOp.SUM || op == ReduceOp.SUM_SQUARES;
        int width = roundUp(w, FL);
        long blocks = 0;
        for (int r0 = 0; r0 < rows; r0 += summing ? CHAIN : rows) {
            int r1 = summing ? Math.min(rows, r0 + CHAIN) : rows;
            ElementwiseKernels.fill(acc, 0, width, identityF(op));
            for (int r = r0; r < r1; r++) {
                int base = rowStart[r];
                for (int j = 0; j < width; j += FL) {
                    FloatVector x = FloatVector.fromArray(FS, a, base + j, FS.indexInRange(j, w));
                    FloatVector s = FloatVector.fromArray(FS, acc, j);
                    s = switch (op) {
                        case SUM -> s.add(x);
                        case SUM_SQUARES -> x.fma(x, s);
                        case PROD -> s.mul(x);
                        case MAX, MIN -> s.blend(x, betterMask(op == ReduceOp.MAX, x, s));
                        case ALL, ANY -> throw new IllegalArgumentException(op + " does not reduce float data");
                    };
                    s.intoArray(acc, j);
                }
            }
            if (summing) {
                int level = 0;
                for (long c = blocks++; (c & 1) != 0; c >>>= 1, level++) {
                    addInto(tree, level * width, acc, width);
                }
                System.arraycopy(acc, 0, tree, level * width, width);
            }
        }
        if (summing) {
            ElementwiseKernels.fill(acc, 0, width, 0f);
            for (int level = 0; blocks != 0; blocks >>>= 1, level++) {
                if ((blocks & 1) != 0) {
                    addInto(tree, level * width, acc, width);
                }
            }
        }
        System.arraycopy(acc, 0, out, 0, w);
    }

    /** {@code acc[j] += tree[at + j]}; width is whole vectors. */
    private static void addInto(float[] tree, int at, float[] acc, int width) {
        for (int j = 0; j < width; j += FL) {
            FloatVector.fromArray(FS, tree, at + j).add(FloatVector.fromArray(FS, acc, j)).intoArray(acc, j);
        }
    }

    static void columns(ReduceOp op, double[] a, int[] rowStart, int rows, int w, double[] out, double[] acc, double[] tree) {
        boolean summing = op == ReduceOp.SUM || op == ReduceOp.SUM_SQUARES;
        int width = roundUp(w, DL);
        long blocks = 0;
        for (int r0 = 0; r0 < rows; r0 += summing ? CHAIN : rows) {
            int r1 = summing ? Math.min(rows, r0 + CHAIN) : rows;
            ElementwiseKernels.fill(acc, 0, width, identity(op));
            for (int r = r0; r < r1; r++) {
                int base = rowStart[r];
                for (int j = 0; j < width; j += DL) {
                    DoubleVector x = DoubleVector.fromArray(DS, a, base + j, DS.indexInRange(j, w));
                    DoubleVector s = DoubleVector.fromArray(DS, acc, j);
                    s = switch (op) {
                        case SUM -> s.add(x);
                        case SUM_SQUARES -> x.fma(x, s);
                        case PROD -> s.mul(x);
                        case MAX, MIN -> s.blend(x, betterMask(op == ReduceOp.MAX, x, s));
                        case ALL, ANY -> throw new IllegalArgumentException(op + " does not reduce float data");
                    };
                    s.intoArray(acc, j);
                }
            }
            if (summing) {
                int level = 0;
                for (long c = blocks++; (c & 1) != 0; c >>>= 1, level++) {
                    addInto(tree, level * width, acc, width);
                }
                System.arraycopy(acc, 0, tree, level * width, width);
            }
        }
        if (summing) {
            ElementwiseKernels.fill(acc, 0, width, 0.0);
            for (int level = 0; blocks != 0; blocks >>>= 1, level++) {
                if ((blocks & 1) != 0) {
                    addInto(tree, level * width, acc, width);
                }
            }
        }
        System.arraycopy(acc, 0, out, 0, w);
    }

    private static void addInto(double[] tree, int at, double[] acc, int width) {
        for (int j = 0; j < width; j += DL) {
            DoubleVector.fromArray(DS, tree, at + j).add(DoubleVector.fromArray(DS, acc, j)).intoArray(acc, j);
        }
    }

    /**
     * Across outputs with indices: {@code best[j]} and {@code index[j]} become the first maximum
     * ({@code max}) or minimum over rows of {@code a[rowStart[r] + j]}, a NaN winning over numbers.
     * Lanes whose best changes are rare after the first rows, so their indices are set lane by lane.
     */
    static void columnsArg(boolean max, float[] a, int[] rowStart, int rows, int w, float[] best, long[] index) {
        int width = roundUp(w, FL);
        for (int j = 0; j < width; j += FL) {
            VectorMask<Float> in = FS.indexInRange(j, w);
            FloatVector b = FloatVector.fromArray(FS, a, rowStart[0] + j, in);
            for (int r = 1; r < rows; r++) {
                FloatVector x = FloatVector.fromArray(FS, a, rowStart[r] + j, in);
                VectorMask<Float> better = betterMask(max, x, b);
                if (better.anyTrue()) {
                    b = b.blend(x, better);
                    setLanes(index, j, better.toLong(), r);
                }
            }
            b.intoArray(best, j, in);
        }
    }

    static void columnsArg(boolean max, double[] a, int[] rowStart, int rows, int w, double[] best, long[] index) {
        int width = roundUp(w, DL);
        for (int j = 0; j < width; j += DL) {
            VectorMask<Double> in = DS.indexInRange(j, w);
            DoubleVector b = DoubleVector.fromArray(DS, a, rowStart[0] + j, in);
            for (int r = 1; r < rows; r++) {
                DoubleVector x = DoubleVector.fromArray(DS, a, rowStart[r] + j, in);
                VectorMask<Double> better = betterMask(max, x, b);
                if (better.anyTrue()) {
                    b = b.blend(x, better);
                    setLanes(index, j, better.toLong(), r);
                }
            }
            b.intoArray(best, j, in);
        }
    }

    /** Lanes where a later x replaces best, as {@link #better}. */
    private static VectorMask<Float> betterMask(boolean max, FloatVector x, FloatVector best) {
        return x.compare(max ? VectorOperators.GT : VectorOperators.LT, best)
                .or(x.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
    }

    private static VectorMask<Double> betterMask(boolean max, DoubleVector x, DoubleVector best) {
        return x.compare(max ? VectorOperators.GT : VectorOperators.LT, best)
                .or(x.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
    }

    private static void setLanes(long[] index, int at, long laneBits, int value) {
        for (long bits = laneBits; bits != 0; bits &= bits - 1) {
            index[at + Long.numberOfTrailingZeros(bits)] = value;
        }
    }

    /** Scratch size for {@link #columns}'s tree at output width w, lane count lanes and {@code rows} reduced rows. */
    static int treeSize(int w, int lanes, int rows) {
        return treeLevels(rows, CHAIN) * roundUp(w, lanes);
    }

    static int roundUp(int n, int lanes) {
        return (n + lanes - 1) / lanes * lanes;
    }

    private static FloatVector fx(float[] a, int off) {
        return FloatVector.fromArray(FS, a, off);
    }

    private static DoubleVector dx(double[] a, int off) {
        return DoubleVector.fromArray(DS, a, off);
    }
}
