package org.vectorgrad;

import static org.vectorgrad.Derivative.OTHER;
import static org.vectorgrad.Derivative.RESULT;
import static org.vectorgrad.Derivative.SELF;
import static org.vectorgrad.Derivative.input;
import static org.vectorgrad.Derivative.saves;
import static org.vectorgrad.Derivative.wrt;

import java.util.Arrays;
import java.util.function.Supplier;
import org.vectorgrad.Derivative.Node;
import org.vectorgrad.Derivative.Wrt;
import org.vectorgrad.backend.AdamStep;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.SgdStep;
import org.vectorgrad.backend.TernaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * The training family: softmax and friends, gather/scatter, the in-place updates optimizers make,
 * in-place random fills, and the primitives behind {@code torch.nn.functional} whose nodes carry
 * PyTorch's names (losses, layer norm, embedding, gelu, silu, addmm). Each op is one row: the
 * forward, computed without recording from existing kernels, then its node and gradient formulas
 * written with {@link Tensor} ops so that they differentiate again.
 *
 * <pre>
 *   op                 forward (kernels)                         node                      gradient
 *   softmax(d)         e = exp(x - amax_d x); e / sum_d e        SoftmaxBackward0          softmaxBackwardData(g, y)
 *   logSoftmax(d)      (x - m) - log(sum_d exp(x - m))           LogSoftmaxBackward0       logSoftmaxBackwardData(g, y)
 *   softmaxBackwardData  y * (g - sum_d(g * y))  (row kernel)     SoftmaxBackwardDataBackward0   h -> sBD(h, y) ; h g - sum(y g) h - g sum(y h)
 *   logSoftmaxBackwardData  g - exp(y) * sum_d g  (row kernel)    LogSoftmaxBackwardDataBackward0   h - sum(h exp y) ; -h exp(y) sum(g)
 *   logsumexp(ds)      log(sum exp(x - m)) + m, m finite max     LogsumexpBackward0        g * exp(x - y)
 *   clampMin(a)        clamp(x, a, inf) (ints: maximum(x, a))    ClampMinBackward0         where(x >= a, g, 0)
 *   clampMax(b)        clamp(x, -inf, b) (ints: minimum(x, b))   ClampMaxBackward0         where(x <= b, g, 0)
 *   gather(d, i)       gather (backend, over index's layout)     GatherBackward0           scatterAddToZeros(d, i, g)
 *   scatterAdd(d,i,s)  scatterAdd (backend, into a fresh copy)   ScatterAddBackward0       g ; g.gather(d, i)
 *   divScalar(x, s)    x / s                                     DivBackward1              g / s
 *   addmm(b, m1, m2)   b * beta + (m1 @ m2) * alpha              AddmmBackward0            g*beta ; g @ m2^T*alpha ; m1^T @ g*alpha
 *   add_(o, alpha)     x + alpha * o                             AddBackward0              g ; g * alpha
 *   addcmul_(a, b, v)  x + (v * a) * b, one ternary pass         AddcmulBackward0          g ; g * b * v ; g * a * v
 *   addcdiv_(a, b, v)  x + (v * a) / b, one ternary pass         AddcdivBackward0          g ; g * v / b ; -g * v * a / b^2
 *   lerp_(e, w)        x + w * (e - x)                           LerpBackward0             g * (1 - w) ; g * w
 *   sqrt_()            sqrt(x)                                   SqrtBackward0             g / (2 * y)
 *   adamStep_, sgdStep_  one fused backend pass (Backend.adamStep)  none: never recorded      -
 *   mseLoss            reduce((x - t)^2)                         MseLossBackward0          c (x - t) g ; c (t - x) g, c = 2/n (mean) or 2
 *   nllLoss            -reduce(w_t * x[t])                       NllLossBackward0          scatterAddToZeros(1, t, -w_t g)
 *   bce                -reduce(w (t log x + (1-t) log(1-x)))     BinaryCrossEntropyBackward0   g w (x - t) / max(x (1-x), 1e-12)
 *   bceWithLogits      (1-t) x + log(1 + exp(-x)) (stable)       BinaryCrossEntropyWithLogitsBackward0   g w (sigmoid(x) - t)
 *   layerNorm          (x - mean) * rstd * w + b                 NativeLayerNormBackward0  the usual three terms
 *   embedding          weight.index(i)                           EmbeddingBackward0        zeros.indexAdd(0, i, g)
 *   gelu               x * Phi(x) (or the tanh form)             GeluBackward0             g * (Phi(x) + x phi(x))
 *   silu               x * sigmoid(x)                            SiluBackward0             g * s * (1 + x (1 - s))
 * </pre>
 *
 * <p>softmax and log_softmax are one backend call ({@code Backend.softmax}, a row kernel over the dim
 * permuted last, as ATen's), and so are their gradients ({@code Backend.softmaxBackward}); logsumexp
 * composes max, subtract, exp (in place on the difference), sum and log kernels, or, over the last
 * dim of a contiguous tensor, takes the max and the sum of exps from one row kernel of the same bits
 * ({@code Backend.logsumexpRows}) and adds their log and max. Each subtracts
 * the slice maximum first, which keeps every exp in [0, 1], so inputs of +-1e4 and +-3.4e38 give
 * PyTorch's values.
 */
final class NnOps {
    private NnOps() {
    }

    // =====================================================================================
    // Softmax family
    // =====================================================================================

    static Tensor softmax(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor r = softmaxKernel(floating("softmax", x), d, false);
        return OpSupport.record(r, "SoftmaxBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(RESULT), c -> softmaxBackwardData(c.grad(), c.result(), d, false)));
    }

    static Tensor logSoftmax(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor r = softmaxKernel(floating("log_softmax", x), d, true);
        return OpSupport.record(r, "LogSoftmaxBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(RESULT), c -> softmaxBackwardData(c.grad(), c.result(), d, true)));
    }

    /**
     * PyTorch's {@code _softmax_backward_data} (log: {@code _log_softmax_backward_data}): the gradient of
     * softmax along d from its output y and the gradient g of y, {@code y * (g - sum_d(g * y))} (log:
     * {@code g - exp(y) * sum_d g}), one backend row pass. Its own node, so double backward works; the
     * formulas are the exact derivatives of those expressions in g and y (PyTorch's for y adds a term
     * orthogonal to every change log_softmax's output can make, so gradients reaching x agree).
     */
    static Tensor softmaxBackwardData(Tensor g, Tensor y, int d, boolean log) {
        Tensor r = Tensor.empty(y.dtype(), y.layout().shape());
        int[] order = lastDimOrder(y.dim(), d);
        Tensor gc = OpSupport.castTo(g, y.dtype());
        OpSupport.kernels().softmaxBackward(y.dtype(), log, gc.buffer(), gc.layout().permute(order), y.buffer(),
                y.layout().permute(order), r.buffer(), r.layout().permute(order));
        int k = d0(y, d);
        if (log) {
            return OpSupport.record(r, "LogSoftmaxBackwardDataBackward0", new Tensor[] {g, y}, null,
                    wrt(SELF, saves(OTHER), c -> c.grad().sub(c.grad().mul(c.other().exp()).sum(k, true))),
                    wrt(OTHER, saves(SELF, OTHER), c -> c.grad().mul(c.other().exp()).mul(c.self().sum(k, true)).neg()));
        }
        // PyTorch's softmax_double_backward: h * g - sum(y * g) * h - g * sum(y * h), h the incoming gradient
        return OpSupport.record(r, "SoftmaxBackwardDataBackward0", new Tensor[] {g, y}, null,
                wrt(SELF, saves(OTHER), c -> softmaxBackwardData(c.grad(), c.other(), d, false)),
                wrt(OTHER, saves(SELF, OTHER), c -> c.self().mul(c.grad()).sub(c.other().mul(c.self()).sum(k, true).mul(c.grad()))
                        .sub(c.self().mul(c.other().mul(c.grad()).sum(k, true)))));
    }

    static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
        int[] shape = x.layout().shape();
        boolean[] reduced = ReductionOps.dimMask(dims, x.dim());
        Tensor r = forward(() -> {
            Tensor xf = x.dtype().isFloatingPoint() ? x : x.to(DType.FLOAT32);
            if (xf.numel() == 0) {
                return xf.exp().sum(dims, keepdim).log();
            }
            Tensor rows = lastDimRows(xf, reduced);
            if (rows != null) {
                return keepdim ? rows : squeezeReduced(rows, reduced);
            }
            // A slice whose max is infinite subtracts 0 instead: exp(inf - inf) would be NaN.
            Tensor m = xf.amax(dims, true);
            m = Tensor.where(m.abs().eq(Double.POSITIVE_INFINITY), m.zerosLike(), m);
            // x - m is fresh: exp'd in place, one temporary as ATen's (self - maxes).exp_()
            Tensor e = xf.sub(m);
            OpSupport.kernels().unary(UnaryOp.EXP, e.dtype(), e.buffer(), e.layout(), e.buffer(), e.layout());
            Tensor s = e.sum(dims, true).log().add(m);
            return keepdim ? s : squeezeReduced(s, reduced);
        });
        return OpSupport.record(r, "LogsumexpBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF, RESULT), c -> {
                    Tensor t = c.self().sub(ReductionOps.expandBack(c.result(), shape, reduced, keepdim));
                    t = c.over(t, UnaryOp.EXP);
                    return c.over(t, ElementwiseOps.Arithmetic.MUL, ReductionOps.expandBack(c.grad(), shape, reduced, keepdim), t);
                }));
    }

    /**
     * logsumexp over the last dim of a contiguous x, keepdim, from the backend's row statistics (the
     * bits of the whole-tensor route below, without its x-sized temporary), or null when the backend
     * leaves it to that route.
     */
    private static Tensor lastDimRows(Tensor x, boolean[] reduced) {
        int rank = reduced.length;
        if (rank == 0 || !x.layout().isContiguous()) {
            return null;
        }
        for (int d = 0; d < rank; d++) {
            if (reduced[d] != (d == rank - 1)) {
                return null;
            }
        }
        int[] shape = x.layout().shape();
        shape[rank - 1] = 1;
        Tensor m = Tensor.empty(x.dtype(), shape);
        Tensor s = Tensor.empty(x.dtype(), shape);
        if (!OpSupport.kernels().logsumexpRows(x.dtype(), x.buffer(), x.layout(), m.buffer(), s.buffer())) {
            return null;
        }
        return s.log().add(m);
    }

    /** softmax (log_softmax when {@code log}) along d by the backend's row kernel: d is permuted last. */
    private static Tensor softmaxKernel(Tensor x, int d, boolean log) {
        Tensor r = Tensor.empty(x.dtype(), x.layout().shape());
        int[] order = lastDimOrder(x.dim(), d);
        OpSupport.kernels().softmax(x.dtype(), log, x.buffer(), x.layout().permute(order), r.buffer(), r.layout().permute(order));
        return r;
    }

    /** The permutation that moves dim d last, the others keeping their order. */
    private static int[] lastDimOrder(int rank, int d) {
        int[] order = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != d) {
                order[j++] = i;
            }
        }
        if (rank > 0) {
            order[rank - 1] = d;
        }
        return order;
    }

    /** The dim to reduce: a 0-dim tensor is its own only slice. */
    private static int d0(Tensor x, int d) {
        return x.dim() == 0 ? 0 : d;
    }

    private static Tensor floating(String op, Tensor x) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + op + "_lastdim_kernel_impl\" not implemented for '"
                    + Tensor.scalarTypeName(x.dtype()) + "'");
        }
        return x;
    }

    private static Tensor squeezeReduced(Tensor s, boolean[] reduced) {
        for (int d = reduced.length - 1; d >= 0; d--) {
            if (reduced[d]) {
                s = s.squeeze(d);
            }
        }
        return s;
    }

    /** Runs an unrecorded forward computation; its result is a fresh tensor without history. */
    private static Tensor forward(Supplier<Tensor> f) {
        try (var g = Autograd.noGrad()) {
            Tensor r = f.get();
            return r.isLeaf() && r.base() == null ? r : Tensor.make(r.buffer(), r.dtype(), r.layout());
        }
    }

    // =====================================================================================
    // Clamps with one bound
    // =====================================================================================

    static Tensor clampMin(Tensor x, double min) {
        Tensor r = x.dtype().isFloatingPoint() ? ElementwiseOps.clampFloats(x, min, Double.POSITIVE_INFINITY, null)
                : OpSupport.binaryRaw(BinaryOp.MAXIMUM, x, Tensor.wrap(min), x.dtype(), x.dtype());
        return OpSupport.record(r, "ClampMinBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF), c -> ElementwiseOps.gradWhere(c, c.self().ge(min))));
    }

    static Tensor clampMax(Tensor x, double max) {
        Tensor r = x.dtype().isFloatingPoint() ? ElementwiseOps.clampFloats(x, Double.NEGATIVE_INFINITY, max, null)
                : OpSupport.binaryRaw(BinaryOp.MINIMUM, x, Tensor.wrap(max), x.dtype(), x.dtype());
        return OpSupport.record(r, "ClampMaxBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF), c -> ElementwiseOps.gradWhere(c, c.self().le(max))));
    }

    // =====================================================================================
    // gather / scatter_add: the backend walks the index tensor's layout
    // =====================================================================================

    static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = Shapes.wrapDim(dim, Math.max(x.dim(), 1));
        checkIndex("gather", x.layout().shape(), d, index, null);
        Tensor r = Tensor.empty(x.dtype(), index.layout().shape());
        if (r.numel() > 0) {
            OpSupport.kernels().gather(x.dtype(), x.buffer(), x.layout(), d, (long[]) index.buffer(), index.layout(),
                    r.buffer(), r.layout());
        }
        long[] inShape = x.shape();
        return OpSupport.record(r, "GatherBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> scatterAddToZeros(inShape, d, index, c.grad())));
    }

    static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
        int d = Shapes.wrapDim(dim, Math.max(self.dim(), 1));
        if (self.dtype() != src.dtype()) {
            throw new IllegalArgumentException("scatter(): Expected self.dtype to be equal to src.dtype");
        }
        checkIndex("scatter", self.layout().shape(), d, index, src);
        return scatterAddInto(OpSupport.copyContiguous(self), self, d, index, src);
    }

    /**
     * Zeros of {@code shape} with src's elements added at index along d, as PyTorch's gradients of
     * gather and of max/min along a dim make them ({@code grad.new_zeros(shape).scatter_add_(d, i, g)}):
     * the zeros are the result, not copied into another one. Recorded as scatter_add's node over them.
     */
    static Tensor scatterAddToZeros(long[] shape, int d, Tensor index, Tensor src) {
        Tensor zeros = Tensor.zeros(src.dtype(), shape);
        checkIndex("scatter", zeros.layout().shape(), d, index, src);
        return scatterAddInto(zeros, zeros, d, index, src);
    }

    /** scatter_add's kernel call into r (self's values, contiguous and fresh) and its node. */
    private static Tensor scatterAddInto(Tensor r, Tensor self, int d, Tensor index, Tensor src) {
        if (index.numel() > 0) {
            // a view: the backend reads it strided; a 0-dim src counts as size 1 in every dim, as in PyTorch
            Tensor s = src.dim() == 0 ? src.detach().reshape(ones(index.dim())) : src.detach();
            Tensor part = cropTo(s, index.layout().shape());
            OpSupport.kernels().scatterAdd(r.dtype(), r.buffer(), r.layout(), d, (long[]) index.buffer(), index.layout(),
                    part.buffer(), part.layout());
        }
        long[] srcShape = src.shape();
        return OpSupport.record(r, "ScatterAddBackward0", new Tensor[] {self, src}, null,
                wrt(SELF, saves(), c -> c.grad()),
                wrt(OTHER, saves(), c -> srcShape.length == 0 ? c.grad().gather(d, index).reshape()
                        : padTo(c.grad().gather(d, index), srcShape)));
    }

    private static long[] ones(int n) {
        long[] s = new long[n];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    /** The leading {@code shape[d]} elements along each dim. */
    private static Tensor cropTo(Tensor t, int[] shape) {
        for (int k = 0; k < shape.length; k++) {
            if (t.size(k) != shape[k]) {
                t = t.narrow(k, 0, shape[k]);
            }
        }
        return t;
    }

    /** g followed by zeros up to {@code shape} along each dim (the adjoint of {@link #cropTo}). */
    private static Tensor padTo(Tensor g, long[] shape) {
        for (int k = 0; k < shape.length; k++) {
            long missing = shape[k] - g.size(k);
            if (missing > 0) {
                long[] zs = g.shape();
                zs[k] = missing;
                g = Tensor.cat(k, g, Tensor.zeros(g.dtype(), zs));
            }
        }
        return g;
    }

    /**
     * PyTorch's checks of gather/scatter_add's operands (dtype, rank, sizes apart from d); the backend
     * checks each index against the size along d as it reads it.
     */
    private static void checkIndex(String op, int[] shape, int d, Tensor index, Tensor src) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + "(): Expected dtype int64 for index");
        }
        int rank = Math.max(shape.length, 1);
        int[] is = index.layout().shape();
        if (Math.max(is.length, 1) != rank && index.numel() > 0) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as "
                    + (src == null ? "input" : "self") + " tensor");
        }
        int[] s = shape.length == 0 ? new int[] {1} : shape;
        int[] ix = is.length == 0 ? new int[] {1} : is;
        for (int k = 0; k < ix.length && index.numel() > 0; k++) {
            if (k != d && ix[k] > s[k]) {
                throw new IllegalArgumentException("Size does not match at dimension " + k + " expected index "
                        + Shapes.str(is) + " to be smaller than self " + Shapes.str(shape) + " apart from dimension " + d);
            }
            if (src != null && ix[k] > (src.dim() == 0 ? 1 : src.size(k))) {
                throw new IllegalArgumentException("Size does not match at dimension " + k + " expected index "
                        + Shapes.str(is) + " to be smaller than src " + Shapes.str(src.layout().shape()));
            }
        }
    }

    // =====================================================================================
    // addmm (nn.Linear on matrices)
    // =====================================================================================

    static Tensor addmm(Tensor bias, Tensor m1, Tensor m2, double beta, double alpha) {
        Tensor r = forward(() -> {
            Tensor p = m1.mm(m2);
            Tensor scaled = alpha == 1 ? p : p.mul(alpha);
            if (beta == 0) {
                return scaled;
            }
            // PyTorch's order: the product is accumulated onto the broadcast bias (scaled unless beta
            // is 1: multiplying by 1 changes no bit, and would materialise the broadcast bias). The
            // product is fresh, so the bias is added into it in place (b + p and p + b are the same
            // bits) instead of into a second result as large.
            Tensor b = bias.expand(p.shape());
            if (beta == 1 && b.dtype() == scaled.dtype()) {
                return scaled.add_(b);
            }
            return (beta == 1 ? b : b.mul(beta)).add(scaled);
        });
        if (r.isContiguous() && !Arrays.equals(r.layout().shape(), new int[] {(int) m1.size(0), (int) m2.size(1)})) {
            throw new IllegalStateException("addmm result shape");
        }
        boolean m1ColumnMajor = LinalgOps.isColumnMajor(m1);
        boolean m2ColumnMajor = LinalgOps.isColumnMajor(m2);
        return OpSupport.record(r, "AddmmBackward0", new Tensor[] {bias, m1, m2}, null,
                wrt(SELF, saves(), c -> beta == 1 ? c.grad() : c.grad().mul(beta)),
                wrt(OTHER, saves(input(2)), c -> scale(LinalgOps.mmMat1Grad(c.grad(), c.input(2), m1ColumnMajor), alpha)),
                wrt(input(2), saves(input(1)), c -> scale(LinalgOps.mmMat2Grad(c.grad(), c.input(1), m2ColumnMajor), alpha)));
    }

    /** {@code at::div(Tensor, Scalar)}, which C++ composites record as DivBackward1 (Python's {@code x / 2} is DivBackward0). */
    static Tensor divScalar(Tensor x, double divisor) {
        Tensor r = forward(() -> x.div(divisor));
        return OpSupport.record(r, "DivBackward1", new Tensor[] {x}, null, wrt(SELF, saves(), c -> c.grad().div(divisor)));
    }

    private static Tensor scale(Tensor t, double alpha) {
        return alpha == 1 ? t : t.mul(alpha);
    }

    // =====================================================================================
    // In place: the new value computed out of place, written back, one node over all operands
    // =====================================================================================

    /** {@code self += alpha * other}: AddBackward0 as torch's add_(other, alpha=). */
    static Tensor addAlpha_(Tensor self, Tensor other, double alpha) {
        if (!recording(self, other)) {
            return self.add_(other.mul(alpha));   // the same roundings, one temporary fewer
        }
        DType t = OpSupport.resultType(self, other);
        Tensor value = forward(() -> self.add(other, alpha));
        return writeBack(self, new Tensor[] {self, other}, value, t, "AddBackward0",
                wrt(SELF, saves(), c -> c.grad()),
                wrt(OTHER, saves(), c -> c.grad().mul(alpha)));
    }

    /** {@code self += value * a * b}. */
    static Tensor addcmul_(Tensor self, Tensor a, Tensor b, double value) {
        checkNoPartialOverlap(self, a, b);
        boolean fused = OpSupport.isTernary(self, a, b);
        if (!recording(self, a, b)) {
            return fused ? ternary_(TernaryOp.ADDCMUL, self, a, b, value) : self.add_(scaledThen(BinaryOp.MUL, a, b, value));
        }
        DType t = OpSupport.resultType(self, OpSupport.resultType(a, b) == a.dtype() ? a : b);
        // PyTorch's kernel order: self + (value * a) * b
        Tensor v = forward(() -> fused ? OpSupport.ternaryRaw(TernaryOp.ADDCMUL, value, self, a, b, null)
                : self.add(scaledThen(BinaryOp.MUL, a, b, value)));
        return writeBack(self, new Tensor[] {self, a, b}, v, t, "AddcmulBackward0",
                wrt(SELF, saves(), c -> c.grad()),
                wrt(input(1), saves(input(2)), c -> c.grad().mul(c.input(2)).mul(value)),
                wrt(input(2), saves(input(1)), c -> c.grad().mul(c.input(1)).mul(value)));
    }

    /** {@code self += value * a / b}. */
    static Tensor addcdiv_(Tensor self, Tensor a, Tensor b, double value) {
        if (!a.dtype().isFloatingPoint() && !b.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Integer division with addcdiv is no longer supported, and in a future "
                    + "release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior "
                    + "can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer "
                    + "inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is "
                    + "just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.");
        }
        checkNoPartialOverlap(self, a, b);
        boolean fused = OpSupport.isTernary(self, a, b);
        if (!recording(self, a, b)) {
            return fused ? ternary_(TernaryOp.ADDCDIV, self, a, b, value) : self.add_(scaledThen(BinaryOp.DIV, a, b, value));
        }
        DType t = OpSupport.resultType(self, a);
        // PyTorch's kernel order: self + (value * a) / b
        Tensor v = forward(() -> fused ? OpSupport.ternaryRaw(TernaryOp.ADDCDIV, value, self, a, b, null)
                : self.add(scaledThen(BinaryOp.DIV, a, b, value)));
        return writeBack(self, new Tensor[] {self, a, b}, v, t, "AddcdivBackward0",
                wrt(SELF, saves(), c -> c.grad()),
                wrt(input(1), saves(input(2)), c -> c.grad().mul(value).div(c.input(2))),
                wrt(input(2), saves(input(1), input(2)), c -> c.grad().neg().mul(value).mul(c.input(1))
                        .div(c.input(2).mul(c.input(2)))));
    }

    /** PyTorch's checks of an in-place write of {@code f(a, b)} into self, whichever path computes it. */
    private static void checkNoPartialOverlap(Tensor self, Tensor a, Tensor b) {
        InPlaceOps.checkInPlace(self, a);
        InPlaceOps.checkInPlace(self, b);
    }

    /**
     * {@code self = op(self, a, b)} by one backend pass over self's memory (ATen's fused addcmul_ and
     * addcdiv_ kernels), with add_'s shape check (the caller checked overlap); bumps the version.
     */
    private static Tensor ternary_(TernaryOp op, Tensor self, Tensor a, Tensor b, double value) {
        int[] shape = self.layout().shape();
        int[] broadcast = Shapes.broadcast(shape, Shapes.broadcast(a.layout().shape(), b.layout().shape()));
        if (!Arrays.equals(shape, broadcast)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(shape) + " doesn't match the broadcast shape "
                    + Shapes.str(broadcast));
        }
        OpSupport.ternaryRaw(op, value, self, InPlaceOps.readableBy(self, a), InPlaceOps.readableBy(self, b), self);
        self.versionCounter().bump();
        return self;
    }

    /**
     * {@code (value * a) op b} (op MUL or DIV), PyTorch's order in addcmul and addcdiv, the second step
     * written over the first one's temporary when that holds the result.
     */
    private static Tensor scaledThen(BinaryOp op, Tensor a, Tensor b, double value) {
        if (value == 1) {
            return op == BinaryOp.MUL ? a.mul(b) : a.div(b);
        }
        Tensor scaled = a.mul(value);
        return OpSupport.binaryOver(scaled, op, scaled, b, OpSupport.computeType(op, scaled, b));
    }

    /** {@code self += weight * (end - self)}. */
    static Tensor lerp_(Tensor self, Tensor end, double weight) {
        if (self.dtype() != end.dtype()) {
            throw new IllegalArgumentException("expected dtype " + self.dtype().pyName() + " for `end` but got dtype "
                    + end.dtype().pyName());
        }
        if (weight < 0.5 && !recording(self, end)) {
            // self.add(end - self, weight)'s roundings, the difference scaled in its own array and added in place
            InPlaceOps.checkInPlace(self, end);
            Tensor d = end.sub(self);
            return self.add_(OpSupport.binaryOver(d, BinaryOp.MUL, d, Tensor.wrap(weight), d.dtype()));
        }
        Tensor v = forward(() -> weight < 0.5 ? self.add(end.sub(self), weight) : end.sub(end.sub(self), 1 - weight));
        return writeBack(self, new Tensor[] {self, end}, v, self.dtype(), "LerpBackward0",
                wrt(SELF, saves(), c -> c.grad().mul(1 - weight)),
                wrt(OTHER, saves(), c -> c.grad().mul(weight)));
    }

    static Tensor sqrt_(Tensor self) {
        if (self.dtype().isFloatingPoint() && !recording(self)) {
            InPlaceOps.checkInPlace(self, self);
            OpSupport.kernels().unary(UnaryOp.SQRT, self.dtype(), self.buffer(), self.layout(), self.buffer(), self.layout());
            self.versionCounter().bump();
            return self;
        }
        Tensor v = forward(self::sqrt);
        return writeBack(self, new Tensor[] {self}, v, v.dtype(), "SqrtBackward0",
                wrt(SELF, saves(RESULT), c -> c.grad().div(c.result().mul(2.0))));
    }

    static Tensor clampMin_(Tensor self, double min) {
        if (!recording(self)) {
            // written straight into self, as ATen's clamp_min_ kernel
            InPlaceOps.checkInPlace(self, self);
            if (self.dtype().isFloatingPoint()) {
                ElementwiseOps.clampFloats(self, min, Double.POSITIVE_INFINITY, self);
                self.versionCounter().bump();
                return self;
            }
            Tensor m = OpSupport.castTo(Tensor.wrap(min), self.dtype());
            OpSupport.kernels().binary(BinaryOp.MAXIMUM, self.dtype(), self.buffer(), self.layout(),
                    m.buffer(), Shapes.expand(m.layout(), self.layout().shape()), self.buffer(), self.layout());
            self.versionCounter().bump();
            return self;
        }
        return writeBack(self, new Tensor[] {self}, forward(() -> self.clampMin(min)), self.dtype(), "ClampMinBackward0",
                wrt(SELF, saves(SELF), c -> ElementwiseOps.gradWhere(c, c.self().ge(min))));
    }

    // =====================================================================================
    // Fused optimizer steps: one backend pass per parameter, never recorded
    // =====================================================================================

    /**
     * Adam/AdamW's update of param and its state in one pass ({@code Backend.adamStep}), the same bits
     * as the sequence of in-place ops it replaces. Like those ops under an optimizer's no_grad, it
     * records nothing, and it bumps versions as they do: param once (AdamW twice: mul_, addcdiv_),
     * exp_avg and exp_avg_sq twice, max_exp_avg_sq once.
     */
    static void adamStep_(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq, AdamStep step) {
        Tensor[] written = step.amsgrad() ? new Tensor[] {param, expAvg, expAvgSq, maxExpAvgSq} : new Tensor[] {param, expAvg, expAvgSq};
        checkFusedStep("adam", param, grad, written);
        OpSupport.kernels().adamStep(param.dtype(), step, param.buffer(), param.layout(), grad.buffer(), grad.layout(),
                expAvg.buffer(), expAvg.layout(), expAvgSq.buffer(), expAvgSq.layout(),
                maxExpAvgSq == null ? null : maxExpAvgSq.buffer(), maxExpAvgSq == null ? null : maxExpAvgSq.layout());
        bump(param, step.decoupled() ? 2 : 1);
        bump(expAvg, 2);
        bump(expAvgSq, 2);
        if (step.amsgrad()) {
            bump(maxExpAvgSq, 1);
        }
    }

    /**
     * SGD's update of param (and its momentum buffer, null when momentum is 0) in one pass
     * ({@code Backend.sgdStep}); versions as PyTorch's ops: param once, the buffer twice (mul_, add_)
     * but not when it is new (a clone).
     */
    static void sgdStep_(Tensor param, Tensor grad, Tensor momentumBuffer, SgdStep step) {
        Tensor[] written = step.momentum() != 0 ? new Tensor[] {param, momentumBuffer} : new Tensor[] {param};
        checkFusedStep("sgd", param, grad, written);
        OpSupport.kernels().sgdStep(param.dtype(), step, param.buffer(), param.layout(), grad.buffer(), grad.layout(),
                momentumBuffer == null ? null : momentumBuffer.buffer(), momentumBuffer == null ? null : momentumBuffer.layout());
        bump(param, 1);
        if (step.momentum() != 0 && !step.firstStep()) {
            bump(momentumBuffer, 2);
        }
    }

    /**
     * Floating point operands of param's dtype and shape, written tensors free of overlaps, and no
     * autograd in the way: a fused step is not differentiable, as PyTorch's optimizers run under no_grad.
     */
    private static void checkFusedStep(String name, Tensor param, Tensor grad, Tensor[] written) {
        if (!param.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(name + " step: expected a floating point parameter but got " + param.dtype().pyName());
        }
        for (Tensor t : written) {
            if (t == null) {
                throw new IllegalArgumentException(name + " step: a state tensor is missing");
            }
        }
        Tensor[] operands = Arrays.copyOf(written, written.length + 1);
        operands[written.length] = grad;
        for (Tensor t : operands) {
            if (t.dtype() != param.dtype() || !Arrays.equals(t.layout().shape(), param.layout().shape())) {
                throw new IllegalArgumentException(name + " step: expected " + param.dtype().pyName() + " tensors of shape "
                        + Shapes.str(param.layout().shape()) + " but got " + t.dtype().pyName() + " of shape "
                        + Shapes.str(t.layout().shape()));
            }
        }
        for (Tensor t : written) {
            for (Tensor other : operands) {
                InPlaceOps.checkInPlace(t, other);
            }
            if (Autograd.isGradEnabled() && t.requiresGrad()) {
                throw new IllegalStateException(Messages.withJava("a fused optimizer step is not differentiable; run it under "
                        + "torch.no_grad()", "try (var g = Autograd.noGrad()) { ... }"));
            }
        }
    }

    private static void bump(Tensor t, int times) {
        for (int i = 0; i < times; i++) {
            t.versionCounter().bump();
        }
    }

    /**
     * Whether an in-place op over these operands records a node; when not, optimizers' updates go
     * through the plain in-place kernels (one temporary, no copy back).
     */
    private static boolean recording(Tensor... inputs) {
        if (!Autograd.isGradEnabled() || !inputs[0].dtype().isFloatingPoint()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code value} (computed from {@code inputs}, whose first is self) into self and records
     * one node {@code name} over the inputs. Self's value from before the write is saved as a copy
     * when a formula reads it ({@code saves(SELF)}).
     */
    private static Tensor writeBack(Tensor self, Tensor[] inputs, Tensor value, DType computed, String name, Wrt... wrts) {
        for (int i = 1; i < inputs.length; i++) {
            InPlaceOps.checkInPlace(self, inputs[i]);
        }
        if (inputs.length == 1) {
            InPlaceOps.checkInPlace(self, self);
        }
        OpSupport.checkCast(computed, self.dtype());
        if (!Arrays.equals(value.layout().shape(), self.layout().shape())) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.layout().shape())
                    + " doesn't match the broadcast shape " + Shapes.str(value.layout().shape()));
        }
        boolean record = recording(inputs);
        Tensor[] saved = inputs.clone();
        saved[0] = record && readsOldSelf(wrts) ? OpSupport.copyOf(self) : self;
        GradFn.Edge[] edges = null;
        if (record) {
            edges = new GradFn.Edge[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                edges[i] = inputs[i].gradientEdge();
            }
        }
        OpSupport.kernels().copy(value.dtype(), value.buffer(), value.layout(), self.dtype(), self.buffer(), self.layout());
        self.versionCounter().bump();
        if (record) {
            Node n = OpSupport.node(name, inputs, edges, saved, self, wrts);
            InPlaceOps.rebaseHistory(self, n);
        }
        return self;
    }

    private static boolean readsOldSelf(Wrt[] wrts) {
        for (Wrt w : wrts) {
            if ((w.saves() & SELF) != 0) {
                return true;
            }
        }
        return false;
    }

    // =====================================================================================
    // Random fills in place (the global generator, PyTorch's streams)
    // =====================================================================================

    static Tensor uniform_(Tensor self, double from, double to) {
        return randomFill(self, "UniformBackward0", t -> Factories.uniform(t, from, to));
    }

    static Tensor normal_(Tensor self, double mean, double std) {
        return randomFill(self, "NormalBackward0", t -> Factories.normal(t, mean, std));
    }

    static Tensor bernoulli_(Tensor self, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli_ expects p to be in [0, 1], but got p=" + p);
        }
        return randomFill(self, "BernoulliBackward0", t -> Factories.bernoulli(t, p));
    }

    /**
     * Fills self from the generator: a dense self directly in memory order (as TensorIterator
     * walks it), any other layout through a contiguous temporary. The node's gradient is zero.
     */
    private static Tensor randomFill(Tensor self, String name, java.util.function.Consumer<Tensor> fill) {
        InPlaceOps.checkInPlace(self, self);
        boolean dense = self.layout().offset() == 0 && self.isContiguous();
        Tensor target = dense ? Tensor.make(self.buffer(), self.dtype(), Layout.contiguous((int) self.numel()))
                : Tensor.empty(self.dtype(), self.layout().shape());
        fill.accept(target);
        boolean record = Autograd.isGradEnabled() && self.requiresGrad();
        GradFn.Edge edge = record ? self.gradientEdge() : null;
        if (!dense) {
            OpSupport.kernels().copy(self.dtype(), target.buffer(), target.layout(), self.dtype(), self.buffer(), self.layout());
        }
        self.versionCounter().bump();
        if (record) {
            InPlaceOps.rebaseHistory(self, OpSupport.node(name, new Tensor[] {self}, new GradFn.Edge[] {edge}, new Tensor[] {self}, null,
                    wrt(SELF, saves(), c -> c.grad().mul(0.0))));
        }
        return self;
    }

    /** {@code torch.rand_like(x)} / {@code randn_like}: x's shape, dtype and dense layout. */
    static Tensor randomLike(Tensor x, boolean normal) {
        Tensor t = x.fullLike(0);
        try (var g = Autograd.noGrad()) {
            return normal ? normal_(t, 0, 1) : uniform_(t, 0, 1);
        }
    }

    // =====================================================================================
    // Losses (torch._C._nn): one node each, with PyTorch's name
    // =====================================================================================

    /** PyTorch's reduction names, checked as {@code torch.nn._reduction.get_enum}. */
    static int reduction(String r) {
        return switch (r) {
            case "none" -> 0;
            case "mean" -> 1;
            case "sum" -> 2;
            default -> throw new IllegalArgumentException(r + " is not a valid value for reduction");
        };
    }

    private static Tensor reduce(Tensor perElement, int reduction) {
        return switch (reduction) {
            case 0 -> perElement;
            case 1 -> perElement.mean();
            default -> perElement.sum();
        };
    }

    /** The gradient of {@link #reduce} for an output gradient g, brought to the elements' shape. */
    private static Tensor reduceBack(Tensor g, long[] shape, int reduction) {
        return switch (reduction) {
            case 0 -> g;
            case 1 -> g.expand(shape).div((double) Shapes.numel(Shapes.toInt(shape)));
            default -> g.expand(shape);
        };
    }

    static Tensor mseLoss(Tensor x, Tensor t, String reductionName) {
        int red = reduction(reductionName);
        long[] shape = Shapes.toLong(Shapes.broadcast(x.layout().shape(), t.layout().shape()));
        Tensor r = forward(() -> {
            Tensor d = x.sub(t);
            return reduce(d.mul(d), red);
        });
        // PyTorch's mse_backward kernel: norm * (a - b) * grad, norm = 2/n for "mean" (rounded to the
        // dtype, as its scalar_t alpha), with a and b swapped for the target's gradient.
        double norm = red == 1 ? 2.0 / Shapes.numel(Shapes.toInt(shape)) : 2.0;
        return OpSupport.record(r, "MseLossBackward0", new Tensor[] {x, t}, null,
                wrt(SELF, saves(SELF, OTHER), c -> c.self().sub(c.other()).mul(norm).mul(c.grad())),
                wrt(OTHER, saves(SELF, OTHER), c -> c.other().sub(c.self()).mul(norm).mul(c.grad())));
    }

    /**
     * {@code nll_loss(input, target, weight, ignore_index)} for input (N, C, d1, ...) or (C), target
     * (N, d1, ...) or (): {@code -w[t] * input[n, t, ...]}, averaged over the weights of the targets
     * not ignored ("mean") or summed.
     */
    static Tensor nllLoss(Tensor x, Tensor target, Tensor weight, long ignoreIndex, String reductionName) {
        int red = reduction(reductionName);
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException("expected scalar type Long but found " + Tensor.scalarTypeName(target.dtype()));
        }
        boolean batched = x.dim() >= 2;
        if (x.dim() < 1) {
            throw new IllegalArgumentException("input tensor should be 1D or 2D");
        }
        if (batched && target.dim() != x.dim() - 1 || !batched && target.dim() != 0) {
            throw new IllegalArgumentException("Expected input batch_size (" + x.size(0) + ") to match target batch_size ("
                    + (target.dim() == 0 ? 1 : target.size(0)) + ").");
        }
        if (batched && x.size(0) != target.size(0)) {
            throw new IllegalArgumentException("Expected input batch_size (" + x.size(0) + ") to match target batch_size ("
                    + target.size(0) + ").");
        }
        int classDim = batched ? 1 : 0;
        long classes = x.size(classDim);
        if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
            throw new IllegalArgumentException("weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: " + Shapes.str(weight.layout().shape()));
        }
        long[] t = target.contiguous().toLongArray();
        long[] safe = new long[t.length];
        double[] keep = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ignoreIndex) {
                continue;
            }
            if (t[i] < 0 || t[i] >= classes) {
                throw new IndexOutOfBoundsException("Target " + t[i] + " is out of bounds.");
            }
            safe[i] = t[i];
            keep[i] = 1;
        }
        Tensor idx = Tensor.of(safe).reshape(target.shape()).unsqueeze(classDim);
        Tensor w;
        try (var g = Autograd.noGrad()) {
            Tensor kept = Tensor.of(keep, x.dtype()).reshape(target.shape());
            w = weight == null ? kept : weight.detach().to(x.dtype()).index(Tensor.of(safe)).reshape(target.shape()).mul(kept);
        }
        Tensor wt = w;
        Tensor r = forward(() -> {
            Tensor picked = x.gather(classDim, idx).squeeze(classDim).mul(wt).neg();
            return switch (red) {
                case 0 -> picked;
                case 1 -> picked.sum().div(wt.sum());
                default -> picked.sum();
            };
        });
        long[] xShape = x.shape();
        return OpSupport.record(r, x.dim() > 2 ? "NllLoss2DBackward0" : "NllLossBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> {
                    Tensor g = switch (red) {
                        case 0 -> c.grad();
                        case 1 -> c.grad().div(wt.sum()).expand(wt.shape());
                        default -> c.grad().expand(wt.shape());
                    };
                    return scatterAddToZeros(xShape, classDim, idx, g.mul(wt).neg().unsqueeze(classDim));
                }));
    }

    /** PyTorch clamps each log at -100 so that a probability of exactly 0 or 1 gives a finite loss. */
    static Tensor binaryCrossEntropy(Tensor x, Tensor t, Tensor weight, String reductionName) {
        int red = reduction(reductionName);
        if (!Arrays.equals(x.layout().shape(), t.layout().shape())) {
            throw new IllegalArgumentException("Using a target size (" + torchSize(t) + ") that is different to the input size ("
                    + torchSize(x) + ") is deprecated. Please ensure they have the same size.");
        }
        long[] shape = x.shape();
        Tensor r = forward(() -> {
            Tensor logX = x.log().clampMin(-100);
            Tensor log1mX = x.rsub(1).log().clampMin(-100);
            Tensor l = t.mul(logX).add(t.rsub(1).mul(log1mX)).neg();
            return reduce(weight == null ? l : l.mul(weight), red);
        });
        Tensor[] inputs = weight == null ? new Tensor[] {x, t} : new Tensor[] {x, t, weight.detach()};
        return OpSupport.record(r, "BinaryCrossEntropyBackward0", inputs, null,
                wrt(SELF, saves(SELF, OTHER), c -> {
                    Tensor g = reduceBack(c.grad(), shape, red);
                    Tensor d = c.self().sub(c.other()).div(c.self().rsub(1).mul(c.self()).clampMin(1e-12));
                    return weighted(g.mul(d), weight);
                }),
                wrt(OTHER, saves(SELF), c -> {
                    Tensor g = reduceBack(c.grad(), shape, red);
                    Tensor d = c.self().rsub(1).log().clampMin(-100).sub(c.self().log().clampMin(-100));
                    return weighted(g.mul(d), weight);
                }));
    }

    /**
     * {@code binary_cross_entropy_with_logits}: {@code (1 - t) x + lw * (log(1 + exp(-|x|)) + max(-x, 0))}
     * with {@code lw = 1 + (pos_weight - 1) t}, stable for any x.
     */
    static Tensor binaryCrossEntropyWithLogits(Tensor x, Tensor t, Tensor weight, Tensor posWeight, String reductionName) {
        int red = reduction(reductionName);
        if (!Arrays.equals(x.layout().shape(), t.layout().shape())) {
            throw new IllegalArgumentException("Target size (" + torchSize(t) + ") must be the same as input size ("
                    + torchSize(x) + ")");
        }
        long[] shape = x.shape();
        Tensor pw = posWeight == null ? null : posWeight.detach();
        Tensor r = forward(() -> {
            Tensor softplusNeg = x.neg().clampMin(0).add(x.abs().neg().exp().add(1).log());
            Tensor lw = pw == null ? null : pw.sub(1).mul(t).add(1);
            Tensor l = t.rsub(1).mul(x).add(lw == null ? softplusNeg : lw.mul(softplusNeg));
            return reduce(weight == null ? l : l.mul(weight), red);
        });
        return OpSupport.record(r, "BinaryCrossEntropyWithLogitsBackward0", new Tensor[] {x, t}, null,
                wrt(SELF, saves(SELF, OTHER), c -> {
                    Tensor g = reduceBack(c.grad(), shape, red);
                    Tensor s = c.self().sigmoid();
                    Tensor d = pw == null ? s.sub(c.other())
                            : pw.sub(1).mul(c.other()).add(1).mul(s).sub(pw.mul(c.other()));
                    return weighted(g.mul(d), weight);
                }),
                wrt(OTHER, saves(SELF), c -> {
                    Tensor g = reduceBack(c.grad(), shape, red);
                    Tensor d = pw == null ? c.self().neg()
                            : pw.sub(1).mul(c.self().sigmoid().log().neg()).sub(c.self());
                    return weighted(g.mul(d), weight);
                }));
    }

    private static Tensor weighted(Tensor g, Tensor weight) {
        return weight == null ? g : g.mul(weight.detach());
    }

    /** {@code torch.Size([4])} as PyTorch's messages print shapes. */
    static String torchSize(Tensor t) {
        return "torch.Size(" + Shapes.str(t.layout().shape()) + ")";
    }

    // =====================================================================================
    // Layers with their own nodes
    // =====================================================================================

    /** {@code F.layer_norm} over the trailing {@code normalized} dims, biased variance, as PyTorch. */
    static Tensor layerNorm(Tensor x, long[] normalized, Tensor weight, Tensor bias, double eps) {
        int k = normalized.length;
        int rank = x.dim();
        long[] tail = Arrays.copyOfRange(x.shape(), Math.max(rank - k, 0), rank);
        if (k == 0 || rank < k || !Arrays.equals(tail, normalized)) {
            throw new IllegalArgumentException("Given normalized_shape=" + Shapes.str(Shapes.toInt(normalized))
                    + ", expected input with shape [*, " + Shapes.str(Shapes.toInt(normalized)).replaceAll("^\\[|\\]$", "")
                    + "], but got input of size" + Shapes.str(x.layout().shape()));
        }
        int[] dims = java.util.stream.IntStream.range(rank - k, rank).toArray();
        double n = Shapes.numel(Shapes.toInt(normalized));
        Tensor[] stats = new Tensor[2];
        Tensor r = forward(() -> {
            Tensor mean = x.mean(dims, true);
            Tensor centred = x.sub(mean);
            Tensor rstd = centred.mul(centred).mean(dims, true).add(eps).sqrt().reciprocal();
            stats[0] = mean;
            stats[1] = rstd;
            Tensor y = centred.mul(rstd);
            if (weight != null) {
                y = y.mul(weight);
            }
            return bias != null ? y.add(bias) : y;
        });
        Tensor mean = stats[0];
        Tensor rstd = stats[1];
        Tensor[] inputs = {x, weight == null ? Tensor.zeros(0) : weight, bias == null ? Tensor.zeros(0) : bias};
        return OpSupport.record(r, "NativeLayerNormBackward0", inputs, null,
                wrt(SELF, saves(SELF, OTHER), c -> {
                    Tensor[] xr = normalize(c.self(), dims, eps);
                    Tensor gw = weight == null ? c.grad() : c.grad().mul(c.other());
                    return xr[1].mul(gw.sub(gw.mean(dims, true)).sub(xr[0].mul(gw.mul(xr[0]).mean(dims, true))));
                }),
                wrt(OTHER, saves(SELF), c -> sumTo(c.grad().mul(normalize(c.self(), dims, eps)[0]), weight)),
                wrt(input(2), saves(), c -> sumTo(c.grad(), bias)));
    }

    /** {x_hat, rstd}: x centred and scaled to unit (biased) variance over dims, in Tensor ops. */
    private static Tensor[] normalize(Tensor x, int[] dims, double eps) {
        Tensor centred = x.sub(x.mean(dims, true));
        Tensor rstd = centred.mul(centred).mean(dims, true).add(eps).pow(-0.5);
        return new Tensor[] {centred.mul(rstd), rstd};
    }

    /** {@code F.embedding}: rows of weight; the gradient of a padding row is zero, as PyTorch. */
    static Tensor embedding(Tensor weight, Tensor indices, long paddingIdx) {
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("Expected tensor for argument #1 'indices' to have one of the following scalar "
                    + "types: Long, Int; but got torch." + Tensor.scalarTypeName(indices.dtype()) + "Tensor instead "
                    + "(while checking arguments for embedding)");
        }
        long rows = weight.size(0);
        long[] idx = indices.to(DType.INT64).contiguous().toLongArray();
        if (!Backend.inRange(idx, rows)) {
            throw new IndexOutOfBoundsException("index out of range in self");
        }
        long[] outShape = java.util.stream.LongStream.concat(Arrays.stream(indices.shape()), Arrays.stream(weight.shape()).skip(1))
                .toArray();
        Tensor r = forward(() -> weight.indexSelect(0, Tensor.of(idx)).reshape(outShape));
        long[] wShape = weight.shape();
        long[] keep = idx.clone();
        return OpSupport.record(r, "EmbeddingBackward0", new Tensor[] {weight}, null,
                wrt(SELF, saves(), c -> {
                    Tensor g = c.grad().reshape(idx.length, wShape[1]);
                    if (paddingIdx >= 0) {
                        double[] mask = new double[keep.length];
                        for (int i = 0; i < keep.length; i++) {
                            mask[i] = keep[i] == paddingIdx ? 0 : 1;
                        }
                        g = g.mul(Tensor.of(mask, g.dtype()).unsqueeze(1));
                    }
                    return Tensor.zeros(g.dtype(), wShape).indexAdd(0, Tensor.of(keep), g);
                }));
    }

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    /** C's {@code M_SQRT1_2} and {@code M_2_SQRTPI}, PyTorch's GELU constants. */
    private static final double SQRT1_2 = 0.70710678118654752440;
    private static final double TWO_OVER_SQRT_PI = 1.12837916709551257390;
    /** PyTorch's {@code kBeta = M_2_SQRTPI * M_SQRT1_2 * 0.5}: the normal density's factor. */
    private static final double GELU_BETA = TWO_OVER_SQRT_PI * SQRT1_2 * 0.5;

    /**
     * {@code F.gelu(x, approximate)}: {@code "none"} is {@code x * 0.5 * (1 + erf(x / sqrt(2)))} and
     * {@code "tanh"} is {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, each in PyTorch's
     * kernel order, with its backward kernel's formulas ({@code dy * (cdf + x * pdf)} for "none").
     */
    static Tensor gelu(Tensor x, String approximate) {
        switch (approximate) {
            case "none" -> {
                return geluErf(x);
            }
            case "tanh" -> { }
            default -> throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        }
        Tensor r = forward(() -> x.mul(0.5).mul(x.add(x.pow(3.0).mul(0.044715)).mul(SQRT_2_OVER_PI).tanh().add(1)));
        return OpSupport.record(r, "GeluBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF), c -> {
                    Tensor s = c.self();
                    Tensor t = s.add(s.pow(3.0).mul(0.044715)).mul(SQRT_2_OVER_PI).tanh();
                    Tensor dInner = s.mul(s).mul(3 * 0.044715).add(1).mul(SQRT_2_OVER_PI);
                    return c.grad().mul(t.add(1).mul(0.5).add(s.mul(0.5).mul(t.mul(t).rsub(1)).mul(dInner)));
                }));
    }

    private static Tensor geluErf(Tensor x) {
        Tensor r = forward(() -> x.mul(0.5).mul(x.mul(SQRT1_2).erf().add(1)));
        return OpSupport.record(r, "GeluBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF), c -> {
                    Tensor s = c.self();
                    Tensor cdf = s.mul(SQRT1_2).erf().add(1).mul(0.5);
                    Tensor pdf = s.mul(s).mul(-0.5).exp().mul(GELU_BETA);
                    return c.grad().mul(cdf.add(s.mul(pdf)));
                }));
    }

    static Tensor silu(Tensor x) {
        Tensor r = forward(() -> x.mul(x.sigmoid()));
        return OpSupport.record(r, "SiluBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF), c -> {
                    Tensor s = c.self().sigmoid();
                    return c.grad().mul(s.mul(c.self().mul(s.rsub(1)).add(1)));
                }));
    }

    private static Tensor sumTo(Tensor g, Tensor like) {
        return ReductionOps.sumTo(g, like.layout().shape());
    }
}
