package org.vectorgrad;

import static org.vectorgrad.Derivative.RESULT;
import static org.vectorgrad.Derivative.SELF;
import static org.vectorgrad.Derivative.saves;
import static org.vectorgrad.Derivative.wrt;
import static org.vectorgrad.ElementwiseOps.compare;
import static org.vectorgrad.ElementwiseOps.where;
import static org.vectorgrad.OpSupport.binaryRaw;
import static org.vectorgrad.OpSupport.castTo;
import static org.vectorgrad.OpSupport.kernels;
import static org.vectorgrad.OpSupport.record;
import static org.vectorgrad.OpSupport.scalarName;
import static org.vectorgrad.OpSupport.unaryRaw;

import java.util.Arrays;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * Reductions: one row each — the reduction kernel over the marked dims, PyTorch's node name, and
 * the gradient formula — then the longer forward computations and formulas as helpers, then the
 * dim bookkeeping ({@code reduced} marks the dims a reduction removes).
 */
final class ReductionOps {
    private ReductionOps() {
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        int[] shape = x.layout().shape();
        if (dims == null) {
            return record(reduce(ReduceOp.SUM, castTo(x, sumType(x)), allDims(x.dim()), false), "SumBackward0", new Tensor[] {x}, null,
                    wrt(SELF, saves(), c -> c.grad().expand(Shapes.toLong(shape))));
        }
        boolean[] reduced = dimMask(dims, x.dim());
        return record(reduce(ReduceOp.SUM, castTo(x, sumType(x)), reduced, keepdim), "SumBackward1", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> expandBack(c.grad(), shape, reduced, keepdim)));
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        requireFloating(x, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex "
                + "dtype. Got: %s");
        int[] shape = x.layout().shape();
        boolean[] reduced = dims == null ? allDims(x.dim()) : dimMask(dims, x.dim());
        double count = countReduced(shape, reduced);
        Tensor r = meanKernel(x, reduced, keepdim, count);
        if (dims == null) {
            return record(r, "MeanBackward0", new Tensor[] {x}, null,
                    wrt(SELF, saves(), c -> c.grad().expand(Shapes.toLong(shape)).div(count)));
        }
        return record(r, "MeanBackward1", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> expandBack(c.grad(), shape, reduced, keepdim).div(count)));
    }

    static Tensor prod(Tensor x) {
        return record(reduce(ReduceOp.PROD, castTo(x, sumType(x)), allDims(x.dim()), false), "ProdBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF, RESULT), c -> prodBackward(c.grad(), c.self(), c.result())));
    }

    /** {@code max()} / {@code min()} of all elements; the gradient is shared evenly among ties. */
    static Tensor maxAll(Tensor x, boolean isMax) {
        return record(extremeAll(x, isMax), isMax ? "MaxBackward1" : "MinBackward1", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF, RESULT), c -> evenlyDistribute(c.grad(), c.self(), c.result())));
    }

    /** {@code amax}/{@code amin} over dims: gradient shared evenly among the ties of each slice. */
    static Tensor amax(Tensor x, int[] dims, boolean keepdim, boolean isMax) {
        int[] shape = x.layout().shape();
        boolean[] reduced = dimMask(dims, x.dim());
        return record(amaxKernel(x, dims, reduced, keepdim, isMax), isMax ? "AmaxBackward0" : "AminBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF, RESULT), c -> amaxBackward(c, dims, shape, reduced, keepdim)));
    }

    /** {@code max(dim)} / {@code min(dim)}: values and int64 indices; the gradient goes to the index. */
    static Tensor.ValuesIndices maxDim(Tensor x, int dim, boolean keepdim, boolean isMax) {
        int d = Shapes.wrapDim(dim, x.dim());
        int[] shape = x.layout().shape();
        Tensor.ValuesIndices vi = maxDimKernel(x, d, keepdim, isMax);
        Tensor indices = vi.indices();
        Tensor values = record(vi.values(), isMax ? "MaxBackward0" : "MinBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> indexBackward(c.grad(), indices, shape, d, keepdim)));
        return new Tensor.ValuesIndices(values, indices, vi.kind());
    }

    static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
        requireFloating(x, "norm(): input dtype should be either floating point or complex. Got %s instead.");
        int[] shape = x.layout().shape();
        boolean[] reduced = dims == null ? allDims(x.dim()) : dimMask(dims, x.dim());
        return record(normKernel(x, p, reduced, keepdim), "NormBackward1", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF, RESULT), c -> normBackward(c, p, shape, reduced, keepdim)));
    }

    /** {@code all} / {@code any}: bool results, not differentiable. */
    static Tensor allAny(Tensor x, int[] dims, boolean keepdim, boolean all) {
        Tensor b = x.dtype() == DType.BOOL ? x : compare(BinaryOp.NE, x, Tensor.wrap(0L));
        boolean[] reduced = dims == null ? allDims(x.dim()) : dimMask(dims, x.dim());
        return reduce(all ? ReduceOp.ALL : ReduceOp.ANY, b, reduced, keepdim);
    }

    // ---------------------------------------------------------------- forward helpers of the rows

    /** Integers and bools sum (and multiply) to int64. */
    private static DType sumType(Tensor x) {
        return x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
    }

    /** PyTorch's error for an integer or bool input: {@code message} with the dtype's scalar name for {@code %s}. */
    private static void requireFloating(Tensor x, String message) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(message.formatted(scalarName(x.dtype())));
        }
    }

    private static Tensor meanKernel(Tensor x, boolean[] reduced, boolean keepdim, double count) {
        Tensor s = reduce(ReduceOp.SUM, x, reduced, keepdim);
        return binaryRaw(BinaryOp.DIV, s, Tensor.wrap(count), x.dtype(), x.dtype());
    }

    private static Tensor extremeAll(Tensor x, boolean isMax) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException((isMax ? "max" : "min") + "(): Expected reduction dim to be specified for "
                    + "input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }
        return reduce(isMax ? ReduceOp.MAX : ReduceOp.MIN, x, allDims(x.dim()), false);
    }

    private static Tensor amaxKernel(Tensor x, int[] dims, boolean[] reduced, boolean keepdim, boolean isMax) {
        int[] shape = x.layout().shape();
        String op = isMax ? "amax" : "amin";
        if (dims.length == 0 && x.numel() == 0) {
            throw new IllegalArgumentException(op + "(): Expected reduction dim to be specified for input.numel() == 0. "
                    + "Specify the reduction dim with the 'dim' argument.");
        }
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d] && shape[d] == 0) {
                throw new IndexOutOfBoundsException(op + "(): Expected reduction dim " + d + " to have non-zero size.");
            }
        }
        return reduce(isMax ? ReduceOp.MAX : ReduceOp.MIN, x, reduced, keepdim);
    }

    /** Values and indices of max/min along the (wrapped) dim d, unrecorded. */
    private static Tensor.ValuesIndices maxDimKernel(Tensor x, int d, boolean keepdim, boolean isMax) {
        int[] shape = x.layout().shape();
        if (x.dim() > 0 && shape[d] == 0) {
            throw new IndexOutOfBoundsException((isMax ? "max" : "min") + "(): Expected reduction dim " + d
                    + " to have non-zero size.");
        }
        boolean[] reduced = x.dim() == 0 ? new boolean[0] : dimMask(new int[] {d}, x.dim());
        Layout src = x.layout().permute(keptThenReduced(reduced));
        int[] outShape = keptShape(shape, reduced);
        Tensor values = Tensor.empty(x.dtype(), outShape);
        Tensor indices = Tensor.empty(DType.INT64, outShape);
        kernels().reduceWithIndex(isMax ? ReduceOp.MAX : ReduceOp.MIN, x.dtype(), x.buffer(), src, countTrue(reduced),
                values.buffer(), values.layout(), (long[]) indices.buffer(), indices.layout());
        if (keepdim && x.dim() > 0) {
            values = values.unsqueeze(d);
            indices = indices.unsqueeze(d);
        }
        return new Tensor.ValuesIndices(values, indices, isMax ? "max" : "min");
    }

    private static Tensor normKernel(Tensor x, double p, boolean[] reduced, boolean keepdim) {
        if (p == 2) {
            return unaryRaw(UnaryOp.SQRT, reduce(ReduceOp.SUM_SQUARES, x, reduced, keepdim));
        }
        if (Double.isInfinite(p)) {
            // Over no elements the infinity norms are 0, as in PyTorch: the sum of nothing gives that shape.
            ReduceOp extreme = countReduced(x.layout().shape(), reduced) == 0 ? ReduceOp.SUM : p > 0 ? ReduceOp.MAX : ReduceOp.MIN;
            return reduce(extreme, unaryRaw(UnaryOp.ABS, x), reduced, keepdim);
        }
        if (p == 0) {
            return reduce(ReduceOp.SUM, compare(BinaryOp.NE, x, Tensor.wrap(0.0)).to(x.dtype()), reduced, keepdim);
        }
        if (p == 1) {
            // |x|^1 and s^(1/1) are exact: the sum of |x| alone, in one pass without a copy of |x|
            return reduce(ReduceOp.SUM_ABS, x, reduced, keepdim);
        }
        Tensor abs = unaryRaw(UnaryOp.ABS, x);
        Tensor powered = OpSupport.binaryOver(abs, BinaryOp.POW, abs, Tensor.wrap(p), x.dtype());
        return binaryRaw(BinaryOp.POW, reduce(ReduceOp.SUM, powered, reduced, keepdim), Tensor.wrap(1 / p), x.dtype(), x.dtype());
    }

    // ---------------------------------------------------------------- helpers of the formulas

    /**
     * PyTorch's prod_backward: a 0-dim input passes the gradient on; without a zero in x,
     * {@code grad * (result / x)} (two passes, after one search for a zero); otherwise the product of
     * the other elements.
     */
    private static Tensor prodBackward(Tensor grad, Tensor x, Tensor result) {
        if (x.dim() == 0) {
            return grad;
        }
        if (x.eq(0.0).any().item() == 0) {
            return grad.mul(result.div(x));
        }
        return grad.mul(productOfOthers(x, result));
    }

    /** Product of the other elements: result / x where x != 0; at a lone zero the product of the rest. */
    private static Tensor productOfOthers(Tensor x, Tensor result) {
        Tensor zero = x.eq(0.0);
        Tensor nonzero = where(zero, x.onesLike(), x);
        Tensor loneZero = zero.sum().eq(1.0).to(x.dtype());
        return where(zero, nonzero.prod().mul(loneZero), result.div(nonzero));
    }

    private static Tensor evenlyDistribute(Tensor grad, Tensor x, Tensor value) {
        Tensor hit = value.ne(value).all().item() != 0 ? x.ne(x) : x.eq(value);
        Tensor mask = hit.to(grad.dtype());
        return mask.mul(grad.div(mask.sum()));
    }

    private static Tensor amaxBackward(Derivative.Ctx c, int[] dims, int[] shape, boolean[] reduced, boolean keepdim) {
        Tensor value = expandBack(c.result(), shape, reduced, keepdim);
        Tensor mask = c.self().eq(value).to(c.grad().dtype());
        Tensor count = expandBack(mask.sum(dims, true), shape, reduced, true);
        return expandBack(c.grad(), shape, reduced, keepdim).mul(mask).div(count);
    }

    /**
     * The gradient of max/min along d: all of it to the element at the index, scattered into zeros as
     * PyTorch's value_selecting_reduction_backward does (no mask of the input's size).
     */
    private static Tensor indexBackward(Tensor grad, Tensor indices, int[] shape, int d, boolean keepdim) {
        if (shape.length == 0) {
            return grad;
        }
        Tensor g = keepdim ? grad : grad.unsqueeze(d);
        Tensor i = keepdim ? indices : indices.unsqueeze(d);
        return NnOps.scatterAddToZeros(Shapes.toLong(shape), d, i, g);
    }

    private static Tensor normBackward(Derivative.Ctx c, double p, int[] shape, boolean[] reduced, boolean keepdim) {
        Tensor g = expandBack(c.grad(), shape, reduced, keepdim);
        Tensor self = c.self();
        if (p == 0) {
            return g.mul(0.0);
        }
        if (p == 1) {
            Tensor sign = self.sign();
            return c.over(sign, ElementwiseOps.Arithmetic.MUL, g, sign);
        }
        if (Double.isInfinite(p)) {
            Tensor mask = self.abs().eq(expandBack(c.result(), shape, reduced, keepdim)).to(g.dtype());
            Tensor count = expandBack(mask.sum(dimsOf(reduced), true), shape, reduced, true);
            return g.mul(self.sign()).mul(mask).div(count);
        }
        // Where the norm is 0 the gradient is 0 (PyTorch's choice), so divide by 1 there; computed on
        // the norm's own shape and expanded after (elementwise, so the same values), not over x's n elements.
        Tensor n = c.result();
        Tensor safe = n.add(n.eq(0.0).to(n.dtype()));
        if (p < 2) {   // before t: x|x|^(p-2) would be 0 * inf at a zero
            return smallPNormBackward(g, self, n, safe, p, shape, reduced, keepdim);
        }
        Tensor t = g.mul(self);
        if (p == 2) {
            return c.over(t, ElementwiseOps.Arithmetic.DIV, t, expandBack(safe, shape, reduced, keepdim));
        }
        t = c.over(t, ElementwiseOps.Arithmetic.MUL, t, self.abs().pow(p - 2));
        return c.over(t, ElementwiseOps.Arithmetic.DIV, t, expandBack(safe.pow(p - 1), shape, reduced, keepdim));
    }

    /**
     * norm's gradient for p < 2 (not 0 or 1), as PyTorch 1.13 writes it: {@code sgn(x) |x|^(p-1)}
     * rather than {@code x |x|^(p-2)}, which is 0 * inf = NaN at an element that is 0. For 1 < p < 2
     * that is 0 there, and its derivative NaN at that element only (the Hessian is infinite there),
     * not in the rest of the slice through the norm. For p < 1, |0|^(p-1) is infinite and PyTorch
     * masks it to 0, and the norm's factor is n^(1-p), which is 0 where n is (p < 0 and a zero in the
     * slice): the gradient is then 0, not {@code x|x|^(p-2)} divided by 1.
     */
    private static Tensor smallPNormBackward(Tensor g, Tensor self, Tensor n, Tensor safe, double p, int[] shape,
                                             boolean[] reduced, boolean keepdim) {
        Tensor scaled = self.sign().mul(self.abs().pow(p - 1));
        if (p < 1) {
            scaled = Tensor.where(self.eq(0.0), Tensor.zeros(scaled.dtype()), scaled);
            return scaled.mul(g).mul(expandBack(n.pow(1 - p), shape, reduced, keepdim));
        }
        return scaled.mul(g.div(expandBack(safe.pow(p - 1), shape, reduced, keepdim)));
    }

    /** Gradient of a reduction, brought back to the input's shape by re-inserting and expanding dims. */
    static Tensor expandBack(Tensor g, int[] shape, boolean[] reduced, boolean keepdim) {
        if (!keepdim) {
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d]) {
                    g = g.unsqueeze(d);
                }
            }
        }
        return g.expand(Shapes.toLong(shape));
    }

    /** Sums {@code g} down to {@code shape} (the inverse of broadcasting); the engine uses it on every edge. */
    static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.layout().shape();
        int lead = gs.length - shape.length;
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        for (int d = 0; d < gs.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && gs[d] != 1)) {
                dims.add(d);
            }
        }
        Tensor r = dims.isEmpty() ? g : g.sum(dims.stream().mapToInt(Integer::intValue).toArray(), true);
        if (Arrays.equals(r.layout().shape(), shape)) {
            return r;
        }
        if (r != g && r.base() == null && !r.requiresGrad() && r.isContiguous() && r.layout().offset() == 0) {
            // The fresh sum under its own shape, not a view of it: a bias's gradient is then adopted
            // by the leaf instead of copied (PyTorch's AccumulateGrad steals the view).
            return Tensor.make(r.buffer(), r.dtype(), Layout.contiguous(shape));
        }
        return r.reshape(Shapes.toLong(shape));
    }

    static boolean expandableTo(int[] shape, int[] target) {
        if (shape.length > target.length) {
            return false;
        }
        for (int i = 1; i <= shape.length; i++) {
            int s = shape[shape.length - i];
            if (s != 1 && s != target[target.length - i]) {
                return false;
            }
        }
        return true;
    }

    /** Runs a reduction kernel over the dims marked in {@code reduced} into a fresh contiguous tensor. */
    private static Tensor reduce(ReduceOp op, Tensor x, boolean[] reduced, boolean keepdim) {
        int[] shape = x.layout().shape();
        Tensor r = Tensor.empty(x.dtype(), keptShape(shape, reduced));
        kernels().reduce(op, x.dtype(), x.buffer(), x.layout().permute(keptThenReduced(reduced)), countTrue(reduced),
                r.buffer(), r.layout());
        if (keepdim) {
            int[] ks = shape.clone();
            for (int d = 0; d < ks.length; d++) {
                if (reduced[d]) {
                    ks[d] = 1;
                }
            }
            return Tensor.make(r.buffer(), r.dtype(), Layout.contiguous(ks));
        }
        return r;
    }

    private static boolean[] allDims(int rank) {
        boolean[] m = new boolean[rank];
        Arrays.fill(m, true);
        return m;
    }

    static boolean[] dimMask(int[] dims, int rank) {
        if (dims.length == 0) {
            // PyTorch 1.13: x.sum(dim=()) and friends reduce every dim, as if no dim were given.
            return allDims(rank);
        }
        boolean[] m = new boolean[rank];
        for (int d : dims) {
            int w = Shapes.wrapDim(d, rank);
            if (rank == 0) {
                continue;
            }
            if (m[w]) {
                throw new IllegalArgumentException("dim " + w + " appears multiple times in the list of dims");
            }
            m[w] = true;
        }
        return m;
    }

    private static int[] dimsOf(boolean[] mask) {
        return java.util.stream.IntStream.range(0, mask.length).filter(d -> mask[d]).toArray();
    }

    /** Elements per output of a reduction over the dims marked in {@code reduced}. */
    private static long countReduced(int[] shape, boolean[] reduced) {
        long n = 1;
        for (int d = 0; d < shape.length; d++) {
            n *= reduced[d] ? shape[d] : 1;
        }
        return n;
    }

    private static int countTrue(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static int[] keptThenReduced(boolean[] reduced) {
        int[] order = new int[reduced.length];
        int k = 0;
        for (int d = 0; d < reduced.length; d++) {
            if (!reduced[d]) {
                order[k++] = d;
            }
        }
        for (int d = 0; d < reduced.length; d++) {
            if (reduced[d]) {
                order[k++] = d;
            }
        }
        return order;
    }

    private static int[] keptShape(int[] shape, boolean[] reduced) {
        return java.util.stream.IntStream.range(0, shape.length).filter(d -> !reduced[d]).map(d -> shape[d]).toArray();
    }
}
