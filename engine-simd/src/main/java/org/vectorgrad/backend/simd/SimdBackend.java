package org.vectorgrad.backend.simd;

import java.util.Arrays;
import org.vectorgrad.DType;
import org.vectorgrad.backend.AdamStep;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.SgdStep;
import org.vectorgrad.backend.TernaryOp;
import org.vectorgrad.backend.UnaryOp;
import org.vectorgrad.backend.scalar.ScalarBackend;

/**
 * The Vector API backend. float32 and float64 maps, copies, fills and reductions run as SIMD kernels
 * ({@link ElementwiseKernels}, {@link ReductionKernels}, {@link SinCos}) over any layout, split across
 * threads when large; bool ops and all/any over contiguous operands run in byte vectors
 * ({@link BoolKernels}), index moves of contiguous operands as stored ({@link IndexMoves}); integer
 * dtypes, strided bool or index operands, and calls the scalar backend rejects (it raises the error)
 * go to {@link ScalarBackend}. dot and matmul are {@link SimdLinalg}'s.
 *
 * <pre>{@code
 * Backend simd = Backends.get("simd");   // needs --add-modules jdk.incubator.vector
 * simd.unary(UnaryOp.SIN, DType.FLOAT32, x, Layout.contiguous(n), y, Layout.contiguous(n));
 * }</pre>
 */
public final class SimdBackend implements Backend {
    private final ScalarBackend scalar = new ScalarBackend();

    /**
     * Use {@code Backends.get("simd")}; this fails when the Vector API is not enabled, and when
     * {@code -Dvectorgrad.simd.bits} names a width this CPU lacks (a forced width is never replaced
     * by another one).
     */
    public SimdBackend() {
        String why = speciesProblem();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        if (Widths.PROBLEM != null) {
            throw new IllegalArgumentException(Widths.PROBLEM);
        }
        Warmup.start(this);
    }

    /** Null when this CPU's vectors can run the kernels; called by the provider's probe. */
    static String speciesProblem() {
        if (Widths.available().isEmpty()) {
            return "this CPU's vectors hold fewer than 4 floats; the scalar backend is as fast";
        }
        return null;
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public void unary(UnaryOp op, DType dtype, Object src, Layout srcLayout, Object dst, Layout dstLayout) {
        if (!dtype.isFloatingPoint() || !srcLayout.hasSameShape(dstLayout)) {
            scalar.unary(op, dtype, src, srcLayout, dst, dstLayout);
            return;
        }
        if (dstLayout.size() == 0) {
            return;
        }
        if (dstLayout.size() < ElementwiseKernels.FL && ElementwiseKernels.isExact(op)) {
            scalar.unary(op, dtype, src, srcLayout, dst, dstLayout);   // less than a vector: the same bits, no padding
            return;
        }
        int weight = op.weight();
        map(dtype == DType.FLOAT32 ? ElementwiseKernels.unaryF(op) : null,
                dtype == DType.FLOAT64 ? ElementwiseKernels.unaryD(op) : null, weight, src, srcLayout, dst, dstLayout);
    }

    /** {@code dst = f(src)} by the float32 kernel {@code f} or, when it is null, the float64 kernel {@code d}. */
    private static void map(ElementwiseKernels.F1 f, ElementwiseKernels.D1 d, int weight,
                            Object src, Layout srcLayout, Object dst, Layout dstLayout) {
        int size = dstLayout.size();
        if (isDirect(size, weight, dstLayout) && step(srcLayout) == 1) {
            if (f != null) {
                ElementwiseKernels.run(f, (float[]) src, srcLayout.offset(), (float[]) dst, dstLayout.offset(), size);
            } else {
                ElementwiseKernels.run(d, (double[]) src, srcLayout.offset(), (double[]) dst, dstLayout.offset(), size);
            }
            return;
        }
        Elementwise.RowKernel k = f != null
                ? (in, io, is, out, oo, n) -> ElementwiseKernels.run(f, (float[]) in[0], io[0], (float[]) out, oo, n)
                : (in, io, is, out, oo, n) -> ElementwiseKernels.run(d, (double[]) in[0], io[0], (double[]) out, oo, n);
        Elementwise.map(Walk.of(dstLayout, srcLayout), dst, new Object[] {src}, false, weight, k);
    }

    @Override
    public void binary(BinaryOp op, DType dtype, Object a, Layout aLayout, Object b, Layout bLayout,
                       Object out, Layout outLayout) {
        boolean sameShape = aLayout.hasSameShape(outLayout) && bLayout.hasSameShape(outLayout);
        int size = outLayout.size();
        int as = step(aLayout);
        int bs = step(bLayout);
        if (dtype == DType.BOOL && sameShape && size > 0 && outLayout.isContiguous() && as >= 0 && bs >= 0
                && BoolKernels.logical(op, (boolean[]) a, aLayout.offset(), as, (boolean[]) b, bLayout.offset(), bs,
                        (boolean[]) out, outLayout.offset(), size)) {
            return;
        }
        // float64 floor division needs C's fmod, Java's % (about 11 ns per element), so it stays on the
        // reference loop; float32's has an exact shortcut in double lanes (ElementwiseKernels.floorDivideF).
        if (!dtype.isFloatingPoint() || (op == BinaryOp.FLOOR_DIVIDE && dtype != DType.FLOAT32) || !sameShape) {
            scalar.binary(op, dtype, a, aLayout, b, bLayout, out, outLayout);
            return;
        }
        if (size == 0) {
            return;
        }
        if (size < ElementwiseKernels.FL && ElementwiseKernels.isExact(op)) {
            scalar.binary(op, dtype, a, aLayout, b, bLayout, out, outLayout);   // less than a vector: the same bits, no padding
            return;
        }
        if (op == BinaryOp.POW && bLayout.isOneElement() && powByOneExponent(dtype, a, aLayout, b, bLayout, out, outLayout)) {
            return;
        }
        int weight = op.weight();
        if (isDirect(outLayout.size(), weight, outLayout) && byRows(op, dtype, a, aLayout, b, bLayout, out, outLayout)) {
            return;
        }
        Elementwise.RowKernel k;
        if (dtype == DType.FLOAT32 && op.isComparison()) {
            ElementwiseKernels.FCmp f = ElementwiseKernels.compareF(op);
            k = (in, io, is, o, oo, n) -> ElementwiseKernels.run(f, (float[]) in[0], io[0], is[0], (float[]) in[1], io[1], is[1], (boolean[]) o, oo, n);
        } else if (dtype == DType.FLOAT32) {
            ElementwiseKernels.F2 f = ElementwiseKernels.binaryF(op);
            k = (in, io, is, o, oo, n) -> ElementwiseKernels.run(f, (float[]) in[0], io[0], is[0], (float[]) in[1], io[1], is[1], (float[]) o, oo, n);
        } else if (op.isComparison()) {
            ElementwiseKernels.DCmp f = ElementwiseKernels.compareD(op);
            k = (in, io, is, o, oo, n) -> ElementwiseKernels.run(f, (double[]) in[0], io[0], is[0], (double[]) in[1], io[1], is[1], (boolean[]) o, oo, n);
        } else {
            ElementwiseKernels.D2 f = ElementwiseKernels.binaryD(op);
            k = (in, io, is, o, oo, n) -> ElementwiseKernels.run(f, (double[]) in[0], io[0], is[0], (double[]) in[1], io[1], is[1], (double[]) o, oo, n);
        }
        Elementwise.map(Walk.of(outLayout, aLayout, bLayout), out, new Object[] {a, b}, true, weight, k);
    }

    /**
     * {@code out = a op b} into a contiguous output on the direct path: one kernel call when both
     * operands are contiguous or one element, else one per row when each operand, row by row, is a
     * contiguous run, a repeated row or one element (a bias {@code [n]} or a column {@code [m, 1]}
     * broadcast against {@code [m, n]}), without the row driver's setup. Short rows against a repeated
     * row (a bias) go several rows per call: the repeated row is copied end to end into a scratch of
     * about {@link #ROW_TILE} elements ({@link #repeatedRows}), which then reads as contiguous. False
     * (nothing done) for other layouts. Elementwise results do not depend on how the rows are cut,
     * so the same bits.
     */
    private static boolean byRows(BinaryOp op, DType dtype, Object a, Layout aLayout, Object b, Layout bLayout,
                                  Object out, Layout outLayout) {
        int size = outLayout.size();
        int as = step(aLayout);
        int bs = step(bLayout);
        int row = size;
        int aAdvance = 0;
        int bAdvance = 0;
        if (as < 0 || bs < 0) {
            int rank = outLayout.rank();
            long af = rowForm(aLayout);
            long bf = rowForm(bLayout);
            if (rank < 2 || outLayout.shape(rank - 1) == 0 || af == NOT_BY_ROWS || bf == NOT_BY_ROWS) {
                return false;
            }
            row = outLayout.shape(rank - 1);
            as = (int) (af >> 32);
            aAdvance = (int) af;
            bs = (int) (bf >> 32);
            bAdvance = (int) bf;
        }
        int ao = aLayout.offset();
        int bo = bLayout.offset();
        int oo = outLayout.offset();
        int rows = size / row;
        int per = 1;
        if (rows > 1 && row <= ROW_TILE / 2 && (repeated(as, aAdvance) || repeated(bs, bAdvance))
                && mergeable(as, aAdvance, row) && mergeable(bs, bAdvance, row)) {
            per = Math.min(rows, ROW_TILE / row);
            if (repeated(as, aAdvance)) {
                a = repeatedRows(a, ao, row, per, 0);
                ao = 0;
            }
            if (repeated(bs, bAdvance)) {
                b = repeatedRows(b, bo, row, per, 1);
                bo = 0;
            }
        }
        for (int r = 0; r < rows; r += per, ao += per * aAdvance, bo += per * bAdvance, oo += per * row) {
            int n = Math.min(per, rows - r) * row;
            if (dtype == DType.FLOAT32 && op.isComparison()) {
                ElementwiseKernels.run(ElementwiseKernels.compareF(op), (float[]) a, ao, as, (float[]) b, bo, bs, (boolean[]) out, oo, n);
            } else if (dtype == DType.FLOAT32) {
                ElementwiseKernels.run(ElementwiseKernels.binaryF(op), (float[]) a, ao, as, (float[]) b, bo, bs, (float[]) out, oo, n);
            } else if (op.isComparison()) {
                ElementwiseKernels.run(ElementwiseKernels.compareD(op), (double[]) a, ao, as, (double[]) b, bo, bs, (boolean[]) out, oo, n);
            } else {
                ElementwiseKernels.run(ElementwiseKernels.binaryD(op), (double[]) a, ao, as, (double[]) b, bo, bs, (double[]) out, oo, n);
            }
        }
        return true;
    }

    /**
     * Elements a repeated row is copied out to in {@link #byRows}: rows of up to half of it go several
     * per kernel call (a 40 x 50 bias add: 4 calls instead of 40, each row's call and tail cost more
     * than its 50 elements).
     */
    private static final int ROW_TILE = 512;

    /** Whether an operand of {@link #byRows} repeats one contiguous row (step 1, the same row each time). */
    private static boolean repeated(int step, int advance) {
        return step == 1 && advance == 0;
    }

    /** Whether consecutive rows of an operand can be one run: contiguous across rows, a repeated row, or one element. */
    private static boolean mergeable(int step, int advance, int row) {
        return step == 1 ? advance == row || advance == 0 : advance == 0;
    }

    /** {@code copies} copies of the row at {@code src[off..off+row)}, end to end, in this thread's scratch {@code slot}. */
    private static Object repeatedRows(Object src, int off, int row, int copies, int slot) {
        Object tile = Elementwise.scratchLike(src, slot, row * copies);
        System.arraycopy(src, off, tile, 0, row);
        for (int have = row; have < row * copies; have *= 2) {
            System.arraycopy(tile, 0, tile, have, Math.min(have, row * copies - have));
        }
        return tile;
    }

    private static final long NOT_BY_ROWS = Long.MIN_VALUE;

    /**
     * How an operand walks the rows of its last dimension: its step along a row (1 or 0) in the high
     * half and its offset's advance from one row to the next in the low half; {@link #NOT_BY_ROWS}
     * when the rows' starts are not evenly spaced or a row is strided.
     */
    private static long rowForm(Layout l) {
        int rank = l.rank();
        if (rank == 0) {
            return 0L;
        }
        int last = rank - 1;
        int step = l.shape(last) == 1 ? 0 : l.stride(last);
        if (step != 0 && step != 1) {
            return NOT_BY_ROWS;
        }
        int advance = 0;
        long span = 0;   // rows covered by the dims merged so far; 0 until the first dim longer than 1
        for (int d = last - 1; d >= 0; d--) {
            int n = l.shape(d);
            if (n == 1) {
                continue;
            }
            if (span == 0) {
                advance = l.stride(d);
                span = n;
            } else if ((long) l.stride(d) == advance * span) {
                span *= n;
            } else {
                return NOT_BY_ROWS;
            }
        }
        return ((long) step << 32) | (advance & 0xFFFFFFFFL);
    }

    /**
     * {@code out = a^e} for one exponent e (b broadcast) that has a special kernel: a multiply, a square
     * root or a reciprocal instead of pow, as PyTorch's pow_tensor_scalar; false for other exponents.
     */
    private static boolean powByOneExponent(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout,
                                            Object out, Layout outLayout) {
        double e = dtype == DType.FLOAT32 ? ((float[]) b)[bLayout.offset()] : ((double[]) b)[bLayout.offset()];
        ElementwiseKernels.F1 f = dtype == DType.FLOAT32 ? ElementwiseKernels.powF(e) : null;
        ElementwiseKernels.D1 d = dtype == DType.FLOAT64 ? ElementwiseKernels.powD(e) : null;
        if (f == null && d == null) {
            return false;
        }
        map(f, d, 2, a, aLayout, out, outLayout);
        return true;
    }

    /**
     * A small selection into a contiguous output whose operands go row by row as {@link #byRows}'s
     * (the condition's rows contiguous), e.g. relu's gradient {@code where(mask, grad, 0)} or a bias
     * row as one value, by blending vectors under the mask; other selections take the reference loop.
     */
    @Override
    public void where(DType dtype, Object cond, Layout condLayout, Object a, Layout aLayout, Object b, Layout bLayout,
                      Object out, Layout outLayout) {
        int size = outLayout.size();
        int rank = outLayout.rank();
        int row = rank == 0 ? 1 : outLayout.shape(rank - 1);
        if (dtype.isFloatingPoint() && size > 0 && sameDenseBlock(outLayout, condLayout, aLayout, bLayout)) {
            // every operand laid out alike in one gap-free block (say all transposed): one flat blend
            int as = aLayout.isOneElement() ? 0 : 1;
            int bs = bLayout.isOneElement() ? 0 : 1;
            if (dtype == DType.FLOAT32) {
                ElementwiseKernels.where((boolean[]) cond, condLayout.offset(), 1, (float[]) a, aLayout.offset(), as,
                        (float[]) b, bLayout.offset(), bs, (float[]) out, outLayout.offset(), size);
            } else {
                ElementwiseKernels.where((boolean[]) cond, condLayout.offset(), 1, (double[]) a, aLayout.offset(), as,
                        (double[]) b, bLayout.offset(), bs, (double[]) out, outLayout.offset(), size);
            }
            return;
        }
        long cf = rowForm(condLayout);
        long af = rowForm(aLayout);
        long bf = rowForm(bLayout);
        if (!dtype.isFloatingPoint() || size == 0 || !condLayout.hasSameShape(outLayout) || !aLayout.hasSameShape(outLayout)
                || !bLayout.hasSameShape(outLayout)) {
            scalar.where(dtype, cond, condLayout, a, aLayout, b, bLayout, out, outLayout);
            return;
        }
        if (!isDirect(size, 1, outLayout) || cf == NOT_BY_ROWS || af == NOT_BY_ROWS || bf == NOT_BY_ROWS || (cf >> 32) != 1 && row > 1) {
            // other layouts (a transposed operand, threads): the row driver gathers or tiles what is strided
            Elementwise.RowKernel k = dtype == DType.FLOAT32
                    ? (in, io, is, o, oo, n) -> ElementwiseKernels.where((boolean[]) in[0], io[0], is[0], (float[]) in[1], io[1], is[1],
                            (float[]) in[2], io[2], is[2], (float[]) o, oo, n)
                    : (in, io, is, o, oo, n) -> ElementwiseKernels.where((boolean[]) in[0], io[0], is[0], (double[]) in[1], io[1], is[1],
                            (double[]) in[2], io[2], is[2], (double[]) o, oo, n);
            Elementwise.map(Walk.of(outLayout, condLayout, aLayout, bLayout), out, new Object[] {cond, a, b}, true, 1, k);
            return;
        }
        int co = condLayout.offset();
        int ao = aLayout.offset();
        int bo = bLayout.offset();
        int oo = outLayout.offset();
        int as = (int) (af >> 32);
        int bs = (int) (bf >> 32);
        for (int r = 0, rows = size / row; r < rows; r++, co += (int) cf, ao += (int) af, bo += (int) bf, oo += row) {
            if (dtype == DType.FLOAT32) {
                ElementwiseKernels.where((boolean[]) cond, co, 1, (float[]) a, ao, as, (float[]) b, bo, bs, (float[]) out, oo, row);
            } else {
                ElementwiseKernels.where((boolean[]) cond, co, 1, (double[]) a, ao, as, (double[]) b, bo, bs, (double[]) out, oo, row);
            }
        }
    }

    /**
     * Whether out covers a gap-free block in some dim order (non-contiguous: contiguous ones take the
     * row path) and cond has its very strides, and a and b too or are one element: then element i of
     * every operand is at its offset plus i, as TensorIterator coalesces such operands into one dim.
     */
    private static boolean sameDenseBlock(Layout out, Layout cond, Layout a, Layout b) {
        return !out.isContiguous() && Arrays.equals(out.strides(), cond.strides()) && cond.hasSameShape(out)
                && (a.isOneElement() || Arrays.equals(a.strides(), out.strides()) && a.hasSameShape(out))
                && (b.isOneElement() || Arrays.equals(b.strides(), out.strides()) && b.hasSameShape(out))
                && out.isNonOverlappingAndDense();
    }

    /** Contiguous operands move as stored ({@link IndexMoves}); other layouts and bad calls go to the reference loops. */
    @Override
    public void indexSelect(DType dtype, Object src, Layout srcLayout, int dim, long[] index, Object dst, Layout dstLayout) {
        if (!IndexMoves.select(dtype, src, srcLayout, dim, index, dst, dstLayout)) {
            scalar.indexSelect(dtype, src, srcLayout, dim, index, dst, dstLayout);
        }
    }

    @Override
    public void indexAdd(DType dtype, Object dst, Layout dstLayout, int dim, long[] index, Object src, Layout srcLayout) {
        if (!IndexMoves.add(dtype, dst, dstLayout, dim, index, src, srcLayout)) {
            scalar.indexAdd(dtype, dst, dstLayout, dim, index, src, srcLayout);
        }
    }

    @Override
    public void gather(DType dtype, Object src, Layout srcLayout, int dim, long[] index, Layout indexLayout,
                       Object dst, Layout dstLayout) {
        if (!IndexMoves.gather(dtype, src, srcLayout, dim, index, indexLayout, dst, dstLayout)) {
            scalar.gather(dtype, src, srcLayout, dim, index, indexLayout, dst, dstLayout);
        }
    }

    @Override
    public void scatterAdd(DType dtype, Object dst, Layout dstLayout, int dim, long[] index, Layout indexLayout,
                           Object src, Layout srcLayout) {
        if (!IndexMoves.scatterAdd(dtype, dst, dstLayout, dim, index, indexLayout, src, srcLayout)) {
            scalar.scatterAdd(dtype, dst, dstLayout, dim, index, indexLayout, src, srcLayout);
        }
    }

    @Override
    public void copy(DType srcType, Object src, Layout srcLayout, DType dstType, Object dst, Layout dstLayout) {
        if (srcType == DType.BOOL && dstType == DType.FLOAT32 && srcLayout.isContiguous() && dstLayout.isContiguous()
                && srcLayout.hasSameShape(dstLayout)) {
            // a mask to 0/1, as relu's gradient does every step: the scalar path would widen through long[]
            ElementwiseKernels.fromBool((boolean[]) src, srcLayout.offset(), (float[]) dst, dstLayout.offset(), dstLayout.size());
            return;
        }
        if (srcType == dstType && srcLayout.isContiguous() && dstLayout.isContiguous() && srcLayout.hasSameShape(dstLayout)) {
            // any dtype: toLongArray of an index, a mask made contiguous, clone of an int64 tensor
            if (dstLayout.size() > 0) {   // an empty view's offset may lie past its storage's end
                System.arraycopy(src, srcLayout.offset(), dst, dstLayout.offset(), dstLayout.size());
            }
            return;
        }
        if (!srcType.isFloatingPoint() || !dstType.isFloatingPoint() || !srcLayout.hasSameShape(dstLayout)) {
            scalar.copy(srcType, src, srcLayout, dstType, dst, dstLayout);
            return;
        }
        if (dstLayout.size() == 0) {
            return;
        }
        int size = dstLayout.size();
        int step = step(srcLayout);
        if (step == 0) {
            // one element everywhere (sum's gradient expanded and materialised): a fill, at any size and
            // layout, without gathering the element into rows first
            int so = srcLayout.offset();
            fill(dstType, dst, dstLayout, srcType == DType.FLOAT32 ? ((float[]) src)[so] : ((double[]) src)[so]);
            return;
        }
        if (isDirect(size, 1, dstLayout) && step >= 0) {
            int so = srcLayout.offset();
            int oo = dstLayout.offset();
            if (srcType == dstType) {
                System.arraycopy(src, so, dst, oo, size);
            } else if (srcType == DType.FLOAT32) {
                ElementwiseKernels.widen((float[]) src, so, (double[]) dst, oo, size);
            } else {
                ElementwiseKernels.narrow((double[]) src, so, (float[]) dst, oo, size);
            }
            return;
        }
        long rf = rowForm(srcLayout);
        if (srcType == dstType && isDirect(size, 1, dstLayout) && dstLayout.rank() >= 2 && rf != NOT_BY_ROWS) {
            // a repeated row (expand(...).contiguous(), a broadcast gradient materialised) or rows of a
            // slice: one copy or fill per row, without the row driver's setup
            int row = dstLayout.shape(dstLayout.rank() - 1);
            int so = srcLayout.offset();
            for (int oo = dstLayout.offset(), end = oo + size; row > 0 && oo < end; oo += row, so += (int) rf) {
                if ((rf >> 32) == 1) {
                    System.arraycopy(src, so, dst, oo, row);
                } else if (srcType == DType.FLOAT32) {
                    ElementwiseKernels.fill((float[]) dst, oo, row, ((float[]) src)[so]);
                } else {
                    ElementwiseKernels.fill((double[]) dst, oo, row, ((double[]) src)[so]);
                }
            }
            return;
        }
        Elementwise.RowKernel k;
        if (srcType == dstType) {
            k = (in, io, is, out, oo, n) -> System.arraycopy(in[0], io[0], out, oo, n);
        } else if (srcType == DType.FLOAT32) {
            k = (in, io, is, out, oo, n) -> ElementwiseKernels.widen((float[]) in[0], io[0], (double[]) out, oo, n);
        } else {
            k = (in, io, is, out, oo, n) -> ElementwiseKernels.narrow((double[]) in[0], io[0], (float[]) out, oo, n);
        }
        Elementwise.map(Walk.of(dstLayout, srcLayout), dst, new Object[] {src}, false, 1, k);
    }

    @Override
    public void fill(DType dtype, Object dst, Layout dstLayout, double value) {
        if (!dtype.isFloatingPoint()) {
            scalar.fill(dtype, dst, dstLayout, value);
            return;
        }
        if (dstLayout.size() == 0) {
            return;
        }
        float f = (float) value;
        if (isDirect(dstLayout.size(), 1, dstLayout)) {
            if (dtype == DType.FLOAT32) {
                ElementwiseKernels.fill((float[]) dst, dstLayout.offset(), dstLayout.size(), f);
            } else {
                ElementwiseKernels.fill((double[]) dst, dstLayout.offset(), dstLayout.size(), value);
            }
            return;
        }
        Elementwise.RowKernel k = dtype == DType.FLOAT32
                ? (in, io, is, out, oo, n) -> ElementwiseKernels.fill((float[]) out, oo, n, f)
                : (in, io, is, out, oo, n) -> ElementwiseKernels.fill((double[]) out, oo, n, value);
        Elementwise.map(Walk.of(dstLayout), dst, new Object[0], false, 1, k);
    }

    /** A vector of consecutive values advanced by one add per vector (the same wrapping sums as the scalar loop). */
    @Override
    public void arange(long[] dst, int offset, int n, long start, long step) {
        ElementwiseKernels.arange(dst, offset, n, start, step);
    }

    @Override
    public long[] trueIndices(boolean[] mask, int offset, int n) {
        return BoolKernels.trueIndices(mask, offset, n);
    }

    /**
     * Vector lanes while a float32 index is exact (below 2^24), as every float64 one is, and vectors hold
     * whole blocks; otherwise (128-bit float32 vectors) the reference loops.
     */
    @Override
    public void linspace(DType dtype, Object dst, int offset, int n, double start, double end) {
        if (dst instanceof float[] out && n <= 1 << 24 && Widths.FLOATS.length() >= LINSPACE_BLOCK_FLOATS) {
            float s = (float) start;
            float e = (float) end;
            ElementwiseKernels.linspace(out, offset, n, s, e, (e - s) / (float) (n - 1), LINSPACE_BLOCK_FLOATS);
        } else if (dst instanceof double[] out && Widths.DOUBLES.length() >= LINSPACE_BLOCK_FLOATS / 2) {
            ElementwiseKernels.linspace(out, offset, n, start, end, (end - start) / (n - 1), LINSPACE_BLOCK_FLOATS / 2);
        } else {
            scalar.linspace(dtype, dst, offset, n, start, end);
        }
    }

    @Override
    public void reduce(ReduceOp op, DType dtype, Object src, Layout srcLayout, int reducedDims,
                       Object dst, Layout dstLayout) {
        if ((op == ReduceOp.ALL || op == ReduceOp.ANY) && dtype == DType.BOOL && srcLayout.isContiguous()
                && dstLayout.isContiguous() && validReduction(op, srcLayout, reducedDims, dstLayout)) {
            allAny(op == ReduceOp.ALL, (boolean[]) src, srcLayout, (boolean[]) dst, dstLayout);
            return;
        }
        if (!dtype.isFloatingPoint() || op == ReduceOp.ALL || op == ReduceOp.ANY
                || !validReduction(op, srcLayout, reducedDims, dstLayout)) {
            scalar.reduce(op, dtype, src, srcLayout, reducedDims, dst, dstLayout);
            return;
        }
        Reductions.reduce(op, src, srcLayout, reducedDims, dst, dstLayout);
    }

    /** all / any of each contiguous row of a bool source, stopping at the first element that decides. */
    private static void allAny(boolean all, boolean[] src, Layout srcLayout, boolean[] dst, Layout dstLayout) {
        int rows = dstLayout.size();
        int row = rows == 0 ? 0 : srcLayout.size() / rows;
        for (int r = 0, so = srcLayout.offset(), oo = dstLayout.offset(); r < rows; r++, so += row) {
            dst[oo + r] = all ? BoolKernels.all(src, so, row) : BoolKernels.any(src, so, row);
        }
    }

    /**
     * One fused pass: straight over contiguous operands (or one broadcast element) into a contiguous
     * output, else through the row driver, which gathers or tiles what is strided, as for the binary ops.
     */
    @Override
    public void ternary(TernaryOp op, DType dtype, double value, Object x, Layout xLayout, Object a, Layout aLayout,
                        Object b, Layout bLayout, Object out, Layout outLayout) {
        int n = outLayout.size();
        if (!dtype.isFloatingPoint() || n < ElementwiseKernels.FL || !xLayout.hasSameShape(outLayout)
                || !aLayout.hasSameShape(outLayout) || !bLayout.hasSameShape(outLayout)) {
            scalar.ternary(op, dtype, value, x, xLayout, a, aLayout, b, bLayout, out, outLayout);   // less than a vector: the same bits
            return;
        }
        int xs = step(xLayout);
        int as = step(aLayout);
        int bs = step(bLayout);
        if (outLayout.isContiguous() && xs >= 0 && as >= 0 && bs >= 0) {
            if (dtype == DType.FLOAT32) {
                FusedKernels.ternaryF(op, (float) value, (float[]) x, xLayout.offset(), xs, (float[]) a, aLayout.offset(), as,
                        (float[]) b, bLayout.offset(), bs, (float[]) out, outLayout.offset(), n);
            } else {
                FusedKernels.ternaryD(op, value, (double[]) x, xLayout.offset(), xs, (double[]) a, aLayout.offset(), as,
                        (double[]) b, bLayout.offset(), bs, (double[]) out, outLayout.offset(), n);
            }
            return;
        }
        Elementwise.RowKernel k = dtype == DType.FLOAT32
                ? (in, io, is, o, oo, m) -> FusedKernels.ternaryF(op, (float) value, (float[]) in[0], io[0], is[0],
                        (float[]) in[1], io[1], is[1], (float[]) in[2], io[2], is[2], (float[]) o, oo, m)
                : (in, io, is, o, oo, m) -> FusedKernels.ternaryD(op, value, (double[]) in[0], io[0], is[0],
                        (double[]) in[1], io[1], is[1], (double[]) in[2], io[2], is[2], (double[]) o, oo, m);
        Elementwise.map(Walk.of(outLayout, xLayout, aLayout, bLayout), out, new Object[] {x, a, b}, true, 1, k);
    }

    @Override
    public void softmax(DType dtype, boolean log, Object src, Layout srcLayout, Object dst, Layout dstLayout) {
        if (!dtype.isFloatingPoint() || !srcLayout.hasSameShape(dstLayout)) {
            scalar.softmax(dtype, log, src, srcLayout, dst, dstLayout);
            return;
        }
        Softmax.rows(log, src, srcLayout, dst, dstLayout);
    }

    @Override
    public boolean logsumexpRows(DType dtype, Object src, Layout srcLayout, Object max, Object sum) {
        return dtype.isFloatingPoint() && Softmax.logsumexpRows(src, srcLayout, max, sum);
    }

    @Override
    public void softmaxBackward(DType dtype, boolean log, Object grad, Layout gradLayout, Object out, Layout outLayout,
                                Object dst, Layout dstLayout) {
        if (!dtype.isFloatingPoint() || !gradLayout.hasSameShape(dstLayout) || !outLayout.hasSameShape(dstLayout)) {
            scalar.softmaxBackward(dtype, log, grad, gradLayout, out, outLayout, dst, dstLayout);
            return;
        }
        Softmax.backwardRows(log, grad, gradLayout, out, outLayout, dst, dstLayout);
    }

    @Override
    public void reduceWithIndex(ReduceOp op, DType dtype, Object src, Layout srcLayout, int reducedDims,
                                Object values, Layout valuesLayout, long[] indices, Layout indicesLayout) {
        if (!dtype.isFloatingPoint() || (op != ReduceOp.MAX && op != ReduceOp.MIN)
                || !validReduction(op, srcLayout, reducedDims, valuesLayout) || !valuesLayout.hasSameShape(indicesLayout)) {
            scalar.reduceWithIndex(op, dtype, src, srcLayout, reducedDims, values, valuesLayout, indices, indicesLayout);
            return;
        }
        Reductions.reduceWithIndex(op, src, srcLayout, reducedDims, values, valuesLayout, indices, indicesLayout);
    }

    @Override
    public void dot(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object out, int outIndex) {
        SimdLinalg.dot(dtype, a, aLayout, b, bLayout, out, outIndex);
    }

    @Override
    public void matmul(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object c, Layout cLayout) {
        SimdLinalg.matmul(dtype, a, aLayout, b, bLayout, c, cLayout);
    }

    /** Contiguous float operands of one shape: one fused pass; otherwise the scalar backend's gather/scatter. */
    @Override
    public void adamStep(DType dtype, AdamStep step, Object param, Layout paramLayout, Object grad, Layout gradLayout,
                         Object expAvg, Layout expAvgLayout, Object expAvgSq, Layout expAvgSqLayout,
                         Object maxExpAvgSq, Layout maxExpAvgSqLayout) {
        Layout max = step.amsgrad() ? maxExpAvgSqLayout : paramLayout;
        if (!dtype.isFloatingPoint() || !denseAlike(paramLayout, gradLayout, expAvgLayout, expAvgSqLayout, max)) {
            scalar.adamStep(dtype, step, param, paramLayout, grad, gradLayout, expAvg, expAvgLayout, expAvgSq, expAvgSqLayout,
                    maxExpAvgSq, maxExpAvgSqLayout);
            return;
        }
        int n = paramLayout.size();
        int mo = step.amsgrad() ? max.offset() : 0;
        if (dtype == DType.FLOAT32) {
            OptimizerKernels.adamF(step, (float[]) param, paramLayout.offset(), (float[]) grad, gradLayout.offset(),
                    (float[]) expAvg, expAvgLayout.offset(), (float[]) expAvgSq, expAvgSqLayout.offset(), (float[]) maxExpAvgSq, mo, n);
        } else {
            OptimizerKernels.adamD(step, (double[]) param, paramLayout.offset(), (double[]) grad, gradLayout.offset(),
                    (double[]) expAvg, expAvgLayout.offset(), (double[]) expAvgSq, expAvgSqLayout.offset(), (double[]) maxExpAvgSq, mo, n);
        }
    }

    @Override
    public void sgdStep(DType dtype, SgdStep step, Object param, Layout paramLayout, Object grad, Layout gradLayout,
                        Object momentumBuffer, Layout momentumBufferLayout) {
        boolean buffer = step.momentum() != 0;
        Layout bl = buffer ? momentumBufferLayout : paramLayout;
        if (!dtype.isFloatingPoint() || !denseAlike(paramLayout, gradLayout, bl)) {
            scalar.sgdStep(dtype, step, param, paramLayout, grad, gradLayout, momentumBuffer, momentumBufferLayout);
            return;
        }
        int n = paramLayout.size();
        int bo = buffer ? bl.offset() : 0;
        if (dtype == DType.FLOAT32) {
            OptimizerKernels.sgdF(step, (float[]) param, paramLayout.offset(), (float[]) grad, gradLayout.offset(),
                    (float[]) momentumBuffer, bo, n);
        } else {
            OptimizerKernels.sgdD(step, (double[]) param, paramLayout.offset(), (double[]) grad, gradLayout.offset(),
                    (double[]) momentumBuffer, bo, n);
        }
    }

    @Override
    public void normalBlocks(float[] data, int offset, int blocks, float mean, float std) {
        BoxMullerLanes.blocks(data, offset, blocks, mean, std);
    }

    /** All contiguous with the first one's shape. */
    private static boolean denseAlike(Layout first, Layout... others) {
        if (!first.isContiguous()) {
            return false;
        }
        for (Layout l : others) {
            if (!l.isContiguous() || !Arrays.equals(l.shape(), first.shape())) {
                return false;
            }
        }
        return true;
    }

    /** Shapes agree, and MAX/MIN do not reduce empty dims (the scalar backend reports those). */
    private static boolean validReduction(ReduceOp op, Layout src, int reducedDims, Layout dst) {
        int kept = src.rank() - reducedDims;
        if (reducedDims < 0 || kept < 0 || !Arrays.equals(Arrays.copyOf(src.shape(), kept), dst.shape())) {
            return false;
        }
        boolean extreme = op == ReduceOp.MAX || op == ReduceOp.MIN;
        return !(extreme && dst.size() > 0 && src.size() == 0);
    }

    /**
     * Whether a map runs as one direct kernel call: the output is contiguous and the job is too small
     * to split across threads. Small tensors then skip the row driver, whose setup would cost more than
     * the arithmetic (a 1,024-element add is about 100 ns of work).
     */
    private static boolean isDirect(int n, int weight, Layout out) {
        return out.isContiguous() && Parallel.parts((long) n * weight, 2) == 1;
    }

    /** An input's step on the direct path: 1 if contiguous, 0 if a single broadcast element, else -1. */
    private static int step(Layout l) {
        return l.isContiguous() ? 1 : l.isOneElement() ? 0 : -1;
    }
}
