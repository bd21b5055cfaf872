package org.vectorgrad;

import static org.vectorgrad.Derivative.NOTHING;
import static org.vectorgrad.Derivative.OTHER;
import static org.vectorgrad.Derivative.RESULT;
import static org.vectorgrad.Derivative.SELF;
import static org.vectorgrad.Derivative.wrt;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.vectorgrad.Derivative.Node;
import org.vectorgrad.Derivative.Wrt;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * Every operation once: its checks, type promotion and output allocation, the kernel call, and —
 * beside it — its gradient formula with PyTorch's node name (the role of PyTorch's
 * derivatives.yaml). Formulas are written with {@link Tensor} operations, so they are themselves
 * differentiable and {@code createGraph} gives higher-order gradients.
 */
final class Ops {
    private Ops() {
    }

    static Backend kernels() {
        return Backends.current();
    }

    // =====================================================================================
    // Elementwise: forward kernel | node name | gradient formulas
    // =====================================================================================

    static Tensor add(Tensor a, Tensor b) {
        return binary(BinaryOp.ADD, a, b, "AddBackward0",
                () -> wrt(SELF, NOTHING, c -> c.grad()),
                () -> wrt(OTHER, NOTHING, c -> c.grad()));
    }

    /** {@code torch.add(a, b, alpha=alpha)}: {@code a + alpha * b}, one AddBackward0 node. */
    static Tensor add(Tensor a, Tensor b, double alpha) {
        if (alpha == 1) {
            return add(a, b);
        }
        DType common = resultType(a, b);
        Tensor r = binaryRaw(BinaryOp.ADD, a, scaled(b, alpha, common), common, common);
        return record(r, "AddBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, NOTHING, c -> c.grad()),
                wrt(OTHER, NOTHING, c -> c.grad().mul(alpha)));
    }

    static Tensor sub(Tensor a, Tensor b) {
        checkNotBoolSub(a, b);
        return binary(BinaryOp.SUB, a, b, "SubBackward0",
                () -> wrt(SELF, NOTHING, c -> c.grad()),
                () -> wrt(OTHER, NOTHING, c -> c.grad().neg()));
    }

    /** {@code torch.sub(a, b, alpha=alpha)}: {@code a - alpha * b}, one SubBackward0 node. */
    static Tensor sub(Tensor a, Tensor b, double alpha) {
        if (alpha == 1) {
            return sub(a, b);
        }
        checkNotBoolSub(a, b);
        DType common = resultType(a, b);
        Tensor r = binaryRaw(BinaryOp.SUB, a, scaled(b, alpha, common), common, common);
        return record(r, "SubBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, NOTHING, c -> c.grad()),
                wrt(OTHER, NOTHING, c -> c.grad().mul(-alpha)));
    }

    /** {@code alpha * b} computed in the result type of the add/sub it feeds, unrecorded. */
    private static Tensor scaled(Tensor b, double alpha, DType common) {
        if (!common.isFloatingPoint() && alpha != Math.rint(alpha)) {
            throw new IllegalArgumentException("For integral input tensors, argument alpha must not be a floating point number.");
        }
        return binaryRaw(BinaryOp.MUL, b, Tensor.wrap(alpha), common, common);
    }

    /** {@code b - a} with a Java number b: PyTorch's {@code rsub} (node of the tensor only). */
    static Tensor rsub(Tensor a, Tensor b) {
        checkNotBoolSub(a, b);
        Tensor r = binaryRaw(BinaryOp.SUB, b, a, resultType(a, b), resultType(a, b));
        return record(r, "RsubBackward1", new Tensor[] {a}, null,
                wrt(SELF, NOTHING, c -> c.grad().neg()));
    }

    static Tensor mul(Tensor a, Tensor b) {
        return binary(BinaryOp.MUL, a, b, "MulBackward0",
                () -> wrt(SELF, OTHER, c -> c.grad().mul(c.other())),
                () -> wrt(OTHER, SELF, c -> c.grad().mul(c.self())));
    }

    static Tensor div(Tensor a, Tensor b) {
        return binary(BinaryOp.DIV, a, b, "DivBackward0",
                () -> wrt(SELF, OTHER, c -> c.grad().div(c.other())),
                () -> wrt(OTHER, SELF | OTHER, c -> c.grad().neg().mul(c.self()).div(c.other().mul(c.other()))));
    }

    /**
     * {@code a // b} ({@code torch.floor_divide}): the quotient rounded toward negative infinity, by
     * the backend's {@link BinaryOp#FLOOR_DIVIDE}. Floats follow PyTorch's fmod-based formula, so
     * {@code 5.0 // 0.1} is 49 (the exact quotient is just below 50). Not differentiable: backward
     * through it fails as in PyTorch.
     */
    static Tensor floorDivide(Tensor a, Tensor b) {
        DType t = resultType(a, b);
        if (t == DType.BOOL) {
            throw new IllegalArgumentException("\"div_floor_cpu\" not implemented for 'Bool'");
        }
        Derivative.Formula notImplemented = c -> {
            throw new IllegalStateException("derivative for aten::floor_divide is not implemented");
        };
        return record(binaryRaw(BinaryOp.FLOOR_DIVIDE, a, b, t, t), "NotImplemented", new Tensor[] {a, b}, null,
                wrt(SELF, NOTHING, notImplemented), wrt(OTHER, NOTHING, notImplemented));
    }

    /** {@code x ** e} with a Java number e. */
    static Tensor powScalar(Tensor x, Tensor e) {
        double p = e.item();
        if (!x.dtype().isFloatingPoint() && !e.dtype().isFloatingPoint() && p < 0) {
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
        }
        Tensor r = binaryRaw(BinaryOp.POW, x, e, powType(x, e), powType(x, e));
        return record(r, "PowBackward0", new Tensor[] {x}, null,
                wrt(SELF, SELF, c -> p == 0 ? c.grad().mul(0.0) : c.grad().mul(c.self().pow(p - 1).mul(p))));
    }

    /** {@code x ** y} with a tensor exponent (also {@code 2 ** y}, where x is a wrapped number). */
    static Tensor pow(Tensor x, Tensor y) {
        Tensor r = binaryRaw(BinaryOp.POW, x, y, powType(x, y), powType(x, y));
        return record(r, "PowBackward1", new Tensor[] {x, y}, null,
                wrt(SELF, SELF | OTHER, c -> where(c.other().eq(0.0), zerosLikeGrad(c),
                        c.grad().mul(c.other()).mul(c.self().pow(c.other().sub(1.0))))),
                wrt(OTHER, SELF | OTHER | RESULT, c -> c.grad().mul(where(c.self().eq(0.0).logicalAnd(c.other().ge(0.0)),
                        zerosLikeGrad(c), c.result().mul(c.self().log())))));
    }

    private static DType powType(Tensor x, Tensor y) {
        return resultType(x, y);
    }

    static Tensor neg(Tensor x) {
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported. If you are "
                    + "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
        return unary(UnaryOp.NEG, x, "NegBackward0", () -> wrt(SELF, NOTHING, c -> c.grad().neg()));
    }

    static Tensor abs(Tensor x) {
        return unary(UnaryOp.ABS, x, "AbsBackward0", () -> wrt(SELF, SELF, c -> c.grad().mul(c.self().sign())));
    }

    static Tensor sign(Tensor x) {
        return unary(UnaryOp.SIGN, x, "SignBackward0", () -> wrt(SELF, NOTHING, c -> c.grad().mul(0.0)));
    }

    static Tensor sqrt(Tensor x) {
        return unary(UnaryOp.SQRT, x, "SqrtBackward0", () -> wrt(SELF, RESULT, c -> c.grad().div(c.result().mul(2.0))));
    }

    static Tensor exp(Tensor x) {
        return unary(UnaryOp.EXP, x, "ExpBackward0", () -> wrt(SELF, RESULT, c -> c.grad().mul(c.result())));
    }

    static Tensor log(Tensor x) {
        return unary(UnaryOp.LOG, x, "LogBackward0", () -> wrt(SELF, SELF, c -> c.grad().div(c.self())));
    }

    static Tensor sin(Tensor x) {
        return unary(UnaryOp.SIN, x, "SinBackward0", () -> wrt(SELF, SELF, c -> c.grad().mul(c.self().cos())));
    }

    static Tensor cos(Tensor x) {
        return unary(UnaryOp.COS, x, "CosBackward0", () -> wrt(SELF, SELF, c -> c.grad().mul(c.self().sin().neg())));
    }

    static Tensor tanh(Tensor x) {
        return unary(UnaryOp.TANH, x, "TanhBackward0",
                () -> wrt(SELF, RESULT, c -> c.grad().mul(c.result().mul(c.result()).rsub(1.0))));
    }

    static Tensor sigmoid(Tensor x) {
        return unary(UnaryOp.SIGMOID, x, "SigmoidBackward0",
                () -> wrt(SELF, RESULT, c -> c.grad().mul(c.result().mul(c.result().rsub(1.0)))));
    }

    static Tensor relu(Tensor x) {
        return unary(UnaryOp.RELU, x, "ReluBackward0",
                () -> wrt(SELF, RESULT, c -> c.grad().mul(c.result().gt(0.0).to(c.grad().dtype()))));
    }

    static Tensor reciprocal(Tensor x) {
        return unary(UnaryOp.RECIPROCAL, x, "ReciprocalBackward0",
                () -> wrt(SELF, RESULT, c -> c.grad().neg().mul(c.result()).mul(c.result())));
    }

    static Tensor maximum(Tensor a, Tensor b) {
        return binary(BinaryOp.MAXIMUM, a, b, "MaximumBackward0",
                () -> wrt(SELF, SELF | OTHER, c -> splitTies(c, c.self(), c.other())),
                () -> wrt(OTHER, SELF | OTHER, c -> splitTies(c, c.other(), c.self())));
    }

    static Tensor minimum(Tensor a, Tensor b) {
        return binary(BinaryOp.MINIMUM, a, b, "MinimumBackward0",
                () -> wrt(SELF, SELF | OTHER, c -> splitTies(c, c.other(), c.self())),
                () -> wrt(OTHER, SELF | OTHER, c -> splitTies(c, c.self(), c.other())));
    }

    /** Gradient of the winner of max(mine, theirs): all where mine wins, half on ties. */
    private static Tensor splitTies(Derivative.Ctx c, Tensor winnerIfGreater, Tensor loser) {
        DType t = c.grad().dtype();
        Tensor share = winnerIfGreater.gt(loser).to(t).add(winnerIfGreater.eq(loser).to(t).mul(0.5));
        return c.grad().mul(share);
    }

    static Tensor clamp(Tensor x, double min, double max) {
        Tensor r = binaryRaw(BinaryOp.MINIMUM, binaryRaw(BinaryOp.MAXIMUM, x, Tensor.wrap(min), x.dtype(), x.dtype()),
                Tensor.wrap(max), x.dtype(), x.dtype());
        return record(r, "ClampBackward1", new Tensor[] {x}, null,
                wrt(SELF, SELF, c -> c.grad().mul(c.self().ge(min).logicalAnd(c.self().le(max)).to(c.grad().dtype()))));
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where expected condition to be a boolean tensor, but got a tensor with dtype "
                    + scalarName(cond.dtype()));
        }
        DType t = resultType(a, b);
        int[] shape = Shapes.broadcast(Shapes.broadcast(cond.layout().shape(), a.layout().shape()), b.layout().shape());
        Tensor ac = castTo(a, t);
        Tensor bc = castTo(b, t);
        Layout cl = Shapes.expand(cond.layout(), shape);
        Layout al = Shapes.expand(ac.layout(), shape);
        Layout bl = Shapes.expand(bc.layout(), shape);
        Tensor r = Tensor.empty(t, shape, Shapes.denseStridesLike(shape, cl, al, bl));
        kernels().where(t, cond.buffer(), cl, ac.buffer(), al, bc.buffer(), bl, r.buffer(), r.layout());
        return record(r, "WhereBackward0", new Tensor[] {cond, a, b}, null,
                wrt(Derivative.input(1), Derivative.input(0), c -> where(c.input(0), c.grad(), zerosLikeGrad(c))),
                wrt(Derivative.input(2), Derivative.input(0), c -> where(c.input(0), zerosLikeGrad(c), c.grad())));
    }

    static Tensor zerosLikeGrad(Derivative.Ctx c) {
        return Tensor.zeros(c.grad().dtype(), c.grad().shape());
    }

    static Tensor eq(Tensor a, Tensor b) {
        return compare(BinaryOp.EQ, a, b);
    }

    /** Comparisons give bool tensors and are not differentiable. */
    static Tensor compare(BinaryOp op, Tensor a, Tensor b) {
        return binaryRaw(op, a, b, resultType(a, b), DType.BOOL);
    }

    /** Logical and (MUL) / or (ADD) on bool views of the operands. */
    static Tensor logical(BinaryOp op, Tensor a, Tensor b) {
        Tensor ab = a.dtype() == DType.BOOL ? a : compare(BinaryOp.NE, a, Tensor.wrap(0L));
        Tensor bb = b.dtype() == DType.BOOL ? b : compare(BinaryOp.NE, b, Tensor.wrap(0L));
        return binaryRaw(op, ab, bb, DType.BOOL, DType.BOOL);
    }

    static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        Tensor diff = a.to(DType.FLOAT64).sub(b.to(DType.FLOAT64)).abs();
        Tensor tol = b.to(DType.FLOAT64).abs().mul(rtol).add(atol);
        Tensor ok = diff.le(tol).logicalOr(a.eq(b));
        return ok.all().item() != 0;
    }

    // =====================================================================================
    // In place: the kernel writes into self; history is rebased (CopySlices for views)
    // =====================================================================================

    static Tensor inPlace(Tensor self, String op, Tensor other) {
        return switch (op) {
            case "add_" -> inPlaceBinary(self, other, BinaryOp.ADD, "AddBackward0", 0,
                    wrt(SELF, NOTHING, c -> c.grad()), wrt(OTHER, NOTHING, c -> c.grad()));
            case "sub_" -> inPlaceBinary(self, other, BinaryOp.SUB, "SubBackward0", 0,
                    wrt(SELF, NOTHING, c -> c.grad()), wrt(OTHER, NOTHING, c -> c.grad().neg()));
            case "mul_" -> inPlaceBinary(self, other, BinaryOp.MUL, "MulBackward0", SELF,
                    wrt(SELF, OTHER, c -> c.grad().mul(c.other())), wrt(OTHER, SELF, c -> c.grad().mul(c.self())));
            case "div_" -> inPlaceBinary(self, other, BinaryOp.DIV, "DivBackward0", SELF,
                    wrt(SELF, OTHER, c -> c.grad().div(c.other())),
                    wrt(OTHER, SELF | OTHER, c -> c.grad().neg().mul(c.self()).div(c.other().mul(c.other()))));
            default -> throw new IllegalArgumentException("unknown in-place op " + op);
        };
    }

    /**
     * {@code self op= other}. {@code needsOldSelf} lists formulas that read self's value from before
     * the write; a copy of it is saved only when such a formula will run.
     */
    private static Tensor inPlaceBinary(Tensor self, Tensor other, BinaryOp op, String name, int needsOldSelf, Wrt... wrts) {
        if (op == BinaryOp.SUB) {
            checkNotBoolSub(self, other);
        }
        checkInPlace(self, other);
        DType common = resultType(self, other);
        if (op == BinaryOp.DIV && !common.isFloatingPoint()) {
            common = DType.FLOAT32;
        }
        checkCast(common, self.dtype());
        int[] shape = self.layout().shape();
        int[] bshape = Shapes.broadcast(shape, other.layout().shape());
        if (!Arrays.equals(shape, bshape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(shape)
                    + " doesn't match the broadcast shape " + Shapes.str(bshape));
        }
        boolean record = recordsInPlace(self, other);
        Tensor oldSelf = record && needsOldSelf != 0 && other.requiresGrad() ? copyOf(self) : self;
        GradFn.Edge oldEdge = record ? self.gradientEdge() : null;
        Tensor o = castTo(readableBy(self, other), common);
        Layout ol = Shapes.expand(o.layout(), shape);
        if (common == self.dtype()) {
            kernels().binary(op, common, self.buffer(), self.layout(), o.buffer(), ol, self.buffer(), self.layout());
        } else {
            Tensor tmp = binaryRaw(op, castTo(self, common), o, common, common);
            kernels().copy(common, tmp.buffer(), tmp.layout(), self.dtype(), self.buffer(), self.layout());
        }
        self.versionCounter().bump();
        if (record) {
            Node node = node(name, new Tensor[] {self, other}, new GradFn.Edge[] {oldEdge, other.gradientEdge()},
                    new Tensor[] {oldSelf, other}, null, wrts);
            rebaseHistory(self, node);
        }
        return self;
    }

    /** Fills self; unlike the other in-place ops it may write an expanded tensor, as in PyTorch. */
    static Tensor fill_(Tensor self, Tensor value) {
        checkAutogradAllowsInPlace(self);
        boolean record = recordsInPlace(self, value);
        GradFn.Edge oldEdge = record ? self.gradientEdge() : null;
        kernels().fill(self.dtype(), self.buffer(), Shapes.distinct(self.layout()), value.item());
        self.versionCounter().bump();
        if (record) {
            rebaseHistory(self, node("FillBackward0", new Tensor[] {self}, new GradFn.Edge[] {oldEdge},
                    new Tensor[] {self}, null, wrt(SELF, NOTHING, c -> c.grad().mul(0.0))));
        }
        return self;
    }

    static Tensor copy_(Tensor self, Tensor src) {
        checkInPlace(self, src);
        int[] shape = self.layout().shape();
        Layout sl = Shapes.expand(src.layout(), shape);
        boolean record = recordsInPlace(self, src);
        GradFn.Edge oldEdge = record ? self.gradientEdge() : null;
        Tensor from = readableBy(self, src);
        if (from != src) {
            sl = Shapes.expand(from.layout(), shape);
        }
        kernels().copy(from.dtype(), from.buffer(), sl, self.dtype(), self.buffer(), self.layout());
        self.versionCounter().bump();
        if (record) {
            rebaseHistory(self, node("CopyBackwards", new Tensor[] {self, src}, new GradFn.Edge[] {oldEdge, src.gradientEdge()},
                    new Tensor[] {self, src}, null,
                    wrt(SELF, NOTHING, c -> c.grad().mul(0.0)),
                    wrt(OTHER, NOTHING, c -> c.grad())));
        }
        return self;
    }

    /**
     * Whether an in-place write into self is recorded: grad mode is on, an operand requires grad, and
     * self's dtype can carry a gradient (writing a float result into an integer buffer cuts the graph,
     * as in PyTorch, where only floating dtypes are differentiable).
     */
    static boolean recordsInPlace(Tensor self, Tensor other) {
        return Autograd.isGradEnabled() && self.dtype().isFloatingPoint() && (self.requiresGrad() || other.requiresGrad());
    }

    /**
     * PyTorch's checks before an in-place write of {@code other} (or a function of it) into self:
     * autograd's leaf rules, then memory overlap — within self, or partly between self and other.
     */
    static void checkInPlace(Tensor self, Tensor other) {
        checkAutogradAllowsInPlace(self);
        if (Shapes.hasInternalOverlap(self.layout())) {
            throw new IllegalArgumentException("unsupported operation: more than one element of the written-to tensor refers "
                    + "to a single memory location. Please clone() the tensor before performing the operation.");
        }
        if (self.buffer() == other.buffer() && Shapes.overlap(self.layout(), other.layout()) == Shapes.Overlap.PARTIAL) {
            throw new IllegalArgumentException("unsupported operation: some elements of the input tensor and the written-to "
                    + "tensor refer to a single memory location. Please clone() the tensor before performing the operation.");
        }
    }

    /**
     * {@code src}, or a copy of it when it shares self's memory in a way the kernel must not see
     * (backends may read only exactly what they write): the overlaps PyTorch leaves undetected.
     */
    static Tensor readableBy(Tensor self, Tensor src) {
        boolean safe = self.buffer() != src.buffer() || self.layout().equals(src.layout())
                || Shapes.overlap(self.layout(), src.layout()) == Shapes.Overlap.NO;
        return safe ? src : copyOf(src);
    }

    static void checkAutogradAllowsInPlace(Tensor self) {
        if (Autograd.isGradEnabled()) {
            if (self.isLeaf() && self.requiresGradFlag()) {
                throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
            }
            Tensor base = self.base();
            if (base != null && base.isLeaf() && base.requiresGradFlag()) {
                throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an in-place operation.");
            }
        }
    }

    /**
     * Makes {@code fn} (whose edge 0 is self's old history) the history of self. For a view, the
     * base gets a CopySlices node that routes the gradient of the written region through fn, and
     * the view's own history becomes a view of the base's.
     */
    static void rebaseHistory(Tensor self, GradFn fn) {
        Tensor base = self.base();
        if (base == null) {
            self.setHistory(fn, 0);
            return;
        }
        GradFn.Edge baseEdge = base.gradientEdge();
        CopySlices cs = new CopySlices(baseEdge, new GradFn.InputMeta(base.layout().shape(), base.dtype()),
                self.viewFromBase(), fn);
        base.setHistory(cs, 0);
        base.bumpHistory();
        regenerateViewHistory(self);
    }

    /** Gives a view of a base whose history changed a view node on top of the base's new history. */
    static void regenerateViewHistory(Tensor view) {
        Tensor base = view.base();
        if (!base.requiresGrad()) {
            view.setHistory(null, 0);
            return;
        }
        int[] baseShape = base.layout().shape();
        UnaryOperator<Layout> fn = view.viewFromBase();
        Node n = node("AsStridedBackward0", new Tensor[] {base}, new GradFn.Edge[] {base.gradientEdge()},
                new Tensor[] {base}, null, wrt(SELF, NOTHING, c -> scatterView(c.grad(), baseShape, fn, "AsStridedBackward0")));
        view.setHistory(n, 0);
    }

    /** The gradient node of an in-place write through a view, named as PyTorch's. */
    static final class CopySlices extends GradFn {
        private final UnaryOperator<Layout> viewFn;
        private final GradFn fn;

        CopySlices(Edge baseEdge, InputMeta baseMeta, UnaryOperator<Layout> viewFn, GradFn fn) {
            super("CopySlices", concat(baseEdge, fn.next), concat(baseMeta, fn.inputMeta));
            this.viewFn = viewFn;
            this.fn = fn;
        }

        private static <T> T[] concat(T first, T[] rest) {
            T[] out = Arrays.copyOf(rest, rest.length);
            out[0] = first;
            return out;
        }

        @Override
        Tensor[] apply(Tensor[] gradOutputs) {
            Tensor[] out = new Tensor[next.length];
            Tensor g = gradOutputs[0];
            if (g == null) {
                return out;
            }
            Tensor result = Ops.clone(g, true);
            Tensor region = viewOp(result, "AsStridedBackward0", viewFn);
            Tensor[] res = fn.apply(new Tensor[] {region.clone()});
            if (res[0] != null) {
                region.copy_(res[0]);
            } else {
                region.zero_();
            }
            out[0] = result;
            System.arraycopy(res, 1, out, 1, res.length - 1);
            return out;
        }

        @Override
        void releaseSaved() {
            fn.releaseSaved();
        }
    }

    // =====================================================================================
    // Reductions
    // =====================================================================================

    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        DType out = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
        int[] shape = x.layout().shape();
        if (dims == null) {
            Tensor r = reduce(ReduceOp.SUM, castTo(x, out), allDims(x.dim()), false);
            return record(r, "SumBackward0", new Tensor[] {x}, null,
                    wrt(SELF, NOTHING, c -> c.grad().expand(Shapes.toLong(shape))));
        }
        boolean[] reduced = dimMask(dims, x.dim());
        Tensor r = reduce(ReduceOp.SUM, castTo(x, out), reduced, keepdim);
        return record(r, "SumBackward1", new Tensor[] {x}, null,
                wrt(SELF, NOTHING, c -> expandBack(c.grad(), shape, reduced, keepdim)));
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("mean(): could not infer output dtype. Input dtype must be either a floating "
                    + "point or complex dtype. Got: " + scalarName(x.dtype()));
        }
        int[] shape = x.layout().shape();
        boolean[] reduced = dims == null ? allDims(x.dim()) : dimMask(dims, x.dim());
        double count = countReduced(shape, reduced);
        Tensor s = reduce(ReduceOp.SUM, x, reduced, keepdim);
        Tensor r = binaryRaw(BinaryOp.DIV, s, Tensor.wrap(count), x.dtype(), x.dtype());
        if (dims == null) {
            return record(r, "MeanBackward0", new Tensor[] {x}, null,
                    wrt(SELF, NOTHING, c -> c.grad().expand(Shapes.toLong(shape)).div(count)));
        }
        return record(r, "MeanBackward1", new Tensor[] {x}, null,
                wrt(SELF, NOTHING, c -> expandBack(c.grad(), shape, reduced, keepdim).div(count)));
    }

    static Tensor prod(Tensor x) {
        DType out = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
        Tensor r = reduce(ReduceOp.PROD, castTo(x, out), allDims(x.dim()), false);
        return record(r, "ProdBackward0", new Tensor[] {x}, null,
                wrt(SELF, SELF | RESULT, c -> {
                    // Product of the others: result / x where x != 0; at a lone zero the product of the rest.
                    Tensor zero = c.self().eq(0.0);
                    Tensor nonzero = where(zero, c.self().onesLike(), c.self());
                    Tensor loneZero = zero.sum().eq(1.0).to(c.self().dtype());
                    return c.grad().mul(where(zero, nonzero.prod().mul(loneZero), c.result().div(nonzero)));
                }));
    }

    /** {@code max()} / {@code min()} of all elements; the gradient is shared evenly among ties. */
    static Tensor maxAll(Tensor x, boolean isMax) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException((isMax ? "max" : "min") + "(): Expected reduction dim to be specified for "
                    + "input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }
        Tensor r = reduce(isMax ? ReduceOp.MAX : ReduceOp.MIN, x, allDims(x.dim()), false);
        return record(r, isMax ? "MaxBackward1" : "MinBackward1", new Tensor[] {x}, null,
                wrt(SELF, SELF | RESULT, c -> evenlyDistribute(c.grad(), c.self(), c.result())));
    }

    private static Tensor evenlyDistribute(Tensor grad, Tensor x, Tensor value) {
        Tensor hit = value.ne(value).all().item() != 0 ? x.ne(x) : x.eq(value);
        Tensor mask = hit.to(grad.dtype());
        return mask.mul(grad.div(mask.sum()));
    }

    /** {@code amax}/{@code amin} over dims: gradient shared evenly among the ties of each slice. */
    static Tensor amax(Tensor x, int[] dims, boolean keepdim, boolean isMax) {
        int[] shape = x.layout().shape();
        boolean[] reduced = dimMask(dims, x.dim());
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
        Tensor r = reduce(isMax ? ReduceOp.MAX : ReduceOp.MIN, x, reduced, keepdim);
        return record(r, isMax ? "AmaxBackward0" : "AminBackward0", new Tensor[] {x}, null,
                wrt(SELF, SELF | RESULT, c -> {
                    Tensor value = expandBack(c.result(), shape, reduced, keepdim);
                    Tensor mask = c.self().eq(value).to(c.grad().dtype());
                    Tensor count = expandBack(mask.sum(dims, true), shape, reduced, true);
                    return expandBack(c.grad(), shape, reduced, keepdim).mul(mask).div(count);
                }));
    }

    /** {@code max(dim)} / {@code min(dim)}: values and int64 indices; the gradient goes to the index. */
    static Tensor.ValuesIndices maxDim(Tensor x, int dim, boolean keepdim, boolean isMax) {
        int d = Shapes.wrapDim(dim, x.dim());
        int[] shape = x.layout().shape();
        if (x.dim() > 0 && shape[d] == 0) {
            throw new IndexOutOfBoundsException((isMax ? "max" : "min") + "(): Expected reduction dim " + d
                    + " to have non-zero size.");
        }
        boolean[] reduced = x.dim() == 0 ? new boolean[0] : dimMask(new int[] {d}, x.dim());
        int[] order = keptThenReduced(reduced);
        Layout src = x.layout().permute(order);
        int[] outShape = keptShape(shape, reduced);
        Tensor values = Tensor.empty(x.dtype(), outShape);
        Tensor indices = Tensor.empty(DType.INT64, outShape);
        kernels().reduceWithIndex(isMax ? ReduceOp.MAX : ReduceOp.MIN, x.dtype(), x.buffer(), src, countTrue(reduced),
                values.buffer(), values.layout(), (long[]) indices.buffer(), indices.layout());
        if (keepdim && x.dim() > 0) {
            values = values.unsqueeze(d);
            indices = indices.unsqueeze(d);
        }
        Tensor idx = indices;
        int size = x.dim() == 0 ? 1 : shape[d];
        values = record(values, isMax ? "MaxBackward0" : "MinBackward0", new Tensor[] {x}, null,
                wrt(SELF, NOTHING, c -> {
                    if (shape.length == 0) {
                        return c.grad();
                    }
                    Tensor g = keepdim ? c.grad() : c.grad().unsqueeze(d);
                    Tensor i = keepdim ? idx : idx.unsqueeze(d);
                    long[] bshape = new long[shape.length];
                    Arrays.fill(bshape, 1);
                    bshape[d] = size;
                    Tensor hit = Tensor.arange((long) size).view(bshape).eq(i).to(g.dtype());
                    return hit.mul(g);
                }));
        return new Tensor.ValuesIndices(values, indices, isMax ? "max" : "min");
    }

    static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
                    + scalarName(x.dtype()));
        }
        int[] shape = x.layout().shape();
        boolean[] reduced = dims == null ? allDims(x.dim()) : dimMask(dims, x.dim());
        Tensor r;
        if (p == 2) {
            r = unaryRaw(UnaryOp.SQRT, reduce(ReduceOp.SUM_SQUARES, x, reduced, keepdim));
        } else if (Double.isInfinite(p)) {
            // Over no elements the infinity norms are 0, as in PyTorch: the sum of nothing gives that shape.
            ReduceOp extreme = countReduced(shape, reduced) == 0 ? ReduceOp.SUM : p > 0 ? ReduceOp.MAX : ReduceOp.MIN;
            r = reduce(extreme, unaryRaw(UnaryOp.ABS, x), reduced, keepdim);
        } else if (p == 0) {
            r = reduce(ReduceOp.SUM, compare(BinaryOp.NE, x, Tensor.wrap(0.0)).to(x.dtype()), reduced, keepdim);
        } else {
            Tensor powered = binaryRaw(BinaryOp.POW, unaryRaw(UnaryOp.ABS, x), Tensor.wrap(p), x.dtype(), x.dtype());
            r = binaryRaw(BinaryOp.POW, reduce(ReduceOp.SUM, powered, reduced, keepdim), Tensor.wrap(1 / p), x.dtype(), x.dtype());
        }
        return record(r, "NormBackward1", new Tensor[] {x}, null,
                wrt(SELF, SELF | RESULT, c -> {
                    Tensor g = expandBack(c.grad(), shape, reduced, keepdim);
                    Tensor n = expandBack(c.result(), shape, reduced, keepdim);
                    Tensor self = c.self();
                    if (p == 0) {
                        return g.mul(0.0);
                    }
                    if (p == 1) {
                        return g.mul(self.sign());
                    }
                    if (Double.isInfinite(p)) {
                        Tensor mask = self.abs().eq(n).to(g.dtype());
                        Tensor count = expandBack(mask.sum(dimsOf(reduced), true), shape, reduced, true);
                        return g.mul(self.sign()).mul(mask).div(count);
                    }
                    // Where the norm is 0 the gradient is 0 (PyTorch's choice), so divide by 1 there.
                    Tensor safe = n.add(n.eq(0.0).to(n.dtype()));
                    if (p == 2) {
                        return g.mul(self).div(safe);
                    }
                    return g.mul(self).mul(self.abs().pow(p - 2)).div(safe.pow(p - 1));
                }));
    }

    static Tensor allAny(Tensor x, int[] dims, boolean keepdim, boolean all) {
        Tensor b = x.dtype() == DType.BOOL ? x : compare(BinaryOp.NE, x, Tensor.wrap(0L));
        boolean[] reduced = dims == null ? allDims(x.dim()) : dimMask(dims, x.dim());
        return reduce(all ? ReduceOp.ALL : ReduceOp.ANY, b, reduced, keepdim);
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
        return Arrays.equals(r.layout().shape(), shape) ? r : r.reshape(Shapes.toLong(shape));
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
    static Tensor reduce(ReduceOp op, Tensor x, boolean[] reduced, boolean keepdim) {
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

    static boolean[] allDims(int rank) {
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

    // =====================================================================================
    // Products (matmul is composite, exactly as at::matmul, so grad_fn names follow from its parts)
    // =====================================================================================

    static Tensor dot(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + a.dim() + "D and " + b.dim() + "D tensors");
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("dot : expected both vectors to have same dtype, but found "
                    + scalarName(a.dtype()) + " and " + scalarName(b.dtype()));
        }
        if (a.numel() != b.numel()) {
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.numel() + "] and src ["
                    + b.numel() + "] to have the same number of elements, but got " + a.numel() + " and " + b.numel()
                    + " elements respectively");
        }
        Tensor r = Tensor.empty(a.dtype());
        kernels().dot(a.dtype(), a.buffer(), a.layout(), b.buffer(), b.layout(), r.buffer(), 0);
        return record(r, "DotBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, OTHER, c -> c.grad().mul(c.other())),
                wrt(OTHER, SELF, c -> c.grad().mul(c.self())));
    }

    static Tensor mv(Tensor m, Tensor v) {
        if (m.dim() != 2 || v.dim() != 1) {
            throw new IllegalArgumentException("vector + matrix @ vector expected, got 1, " + m.dim() + ", " + v.dim());
        }
        checkSameDtype(m, v);
        if (m.size(1) != v.size(0)) {
            throw new IllegalArgumentException("size mismatch, got " + m.size(0) + ", " + m.size(0) + "x" + m.size(1)
                    + "," + v.size(0));
        }
        Tensor r = matmulKernel(m.unsqueeze(0), v.unsqueeze(1).unsqueeze(0)).view(m.size(0));
        return record(Tensor.make(r.buffer(), r.dtype(), r.layout()), "MvBackward0", new Tensor[] {m, v}, null,
                wrt(SELF, OTHER, c -> c.grad().unsqueeze(1).mul(c.other().unsqueeze(0))),
                wrt(OTHER, SELF, c -> c.self().t().mv(c.grad())));
    }

    static Tensor mm(Tensor a, Tensor b) {
        if (a.dim() != 2) {
            throw new IllegalArgumentException("self must be a matrix");
        }
        if (b.dim() != 2) {
            throw new IllegalArgumentException("mat2 must be a matrix");
        }
        checkSameDtype(a, b);
        if (a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + a.size(0) + "x" + a.size(1)
                    + " and " + b.size(0) + "x" + b.size(1) + ")");
        }
        Tensor r = matmulKernel(a.unsqueeze(0), b.unsqueeze(0));
        r = Tensor.make(r.buffer(), r.dtype(), Layout.contiguous((int) a.size(0), (int) b.size(1)));
        return record(r, "MmBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, OTHER, c -> c.grad().mm(c.other().t())),
                wrt(OTHER, SELF, c -> c.self().t().mm(c.grad())));
    }

    static Tensor bmm(Tensor a, Tensor b) {
        if (a.dim() != 3) {
            throw new IllegalArgumentException("batch1 must be a 3D tensor");
        }
        if (b.dim() != 3) {
            throw new IllegalArgumentException("batch2 must be a 3D tensor");
        }
        checkSameDtype(a, b);
        if (a.size(0) != b.size(0) || a.size(2) != b.size(1)) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [" + a.size(0)
                    + ", " + a.size(2) + "] but got: [" + b.size(0) + ", " + b.size(1) + "].");
        }
        Tensor r = matmulKernel(a, b);
        return record(r, "BmmBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, OTHER, c -> c.grad().bmm(c.other().transpose(1, 2))),
                wrt(OTHER, SELF, c -> c.self().transpose(1, 2).bmm(c.grad())));
    }

    /** c = a @ b for rank-3 operands of one dtype, through the backend; no autograd. */
    private static Tensor matmulKernel(Tensor a, Tensor b) {
        int batch = (int) a.size(0);
        Tensor c = Tensor.empty(a.dtype(), batch, (int) a.size(1), (int) b.size(2));
        kernels().matmul(a.dtype(), a.buffer(), a.layout(), b.buffer(), b.layout(), c.buffer(), c.layout());
        return c;
    }

    static Tensor matmul(Tensor a, Tensor b) {
        int da = a.dim();
        int db = b.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are " + da + "D and "
                    + db + "D");
        }
        if (da == 1 && db == 1) {
            return dot(a, b);
        }
        if (da == 2 && db == 1) {
            return mv(a, b);
        }
        if (da == 1 && db == 2) {
            return squeezeInPlaceDim(mm(a.unsqueeze(0), b), 0);
        }
        if (da == 2 && db == 2) {
            return mm(a, b);
        }
        if (da >= 3 && (db == 1 || db == 2)) {
            // Fold a's batch dims into rows: one mm.
            long[] outShape = Arrays.copyOf(a.shape(), da - 1 + (db == 2 ? 1 : 0));
            if (db == 2) {
                outShape[da - 1] = b.size(1);
            }
            Tensor b2 = db == 1 ? b.unsqueeze(-1) : b;
            // Not reshape(-1, k): -1 is ambiguous when k is 0.
            Tensor folded = a.reshape(Shapes.numel(Arrays.copyOf(a.layout().shape(), da - 1)), a.size(-1));
            Tensor out = unsafeView(mm(folded, b2), db == 1 ? Arrays.copyOf(outShape, da - 1) : outShape);
            return out;
        }
        // Broadcast batched product through bmm.
        long n = a.size(da == 1 ? 0 : -2);
        long m1 = a.size(-1);
        long m2 = db == 1 ? b.size(0) : b.size(-2);
        long p = db == 1 ? 1 : b.size(-1);
        int[] batchA = Arrays.copyOf(a.layout().shape(), Math.max(da - 2, 0));
        int[] batchB = Arrays.copyOf(b.layout().shape(), Math.max(db - 2, 0));
        int[] batch = Shapes.broadcast(batchA, batchB);
        long batchN = Shapes.numel(batch);
        long[] aExp = concat(Shapes.toLong(batch), da == 1 ? new long[] {1, m1} : new long[] {n, m1});
        long[] bExp = concat(Shapes.toLong(batch), new long[] {m2, p});
        Tensor a3 = (da == 1 ? a.unsqueeze(0) : a).expand(aExp).reshape(batchN, da == 1 ? 1 : n, m1);
        Tensor b3 = (db == 1 ? b.unsqueeze(1) : b).expand(bExp).reshape(batchN, m2, p);
        long[] outShape = Shapes.toLong(batch);
        if (da > 1) {
            outShape = concat(outShape, new long[] {n});
        }
        if (db > 1) {
            outShape = concat(outShape, new long[] {p});
        }
        return unsafeView(bmm(a3, b3), outShape);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** PyTorch's {@code _unsafe_view}: reshape of a fresh result, recorded as UnsafeViewBackward0. */
    private static Tensor unsafeView(Tensor x, long[] shape) {
        int[] s = Shapes.inferSize(shape, x.numel());
        Tensor src = x.isContiguous() ? x : copyOf(x);
        Tensor r = Tensor.make(src.buffer(), src.dtype(), new Layout(src.layout().offset(), s, Layout.contiguousStrides(s)));
        int[] inShape = x.layout().shape();
        return record(r, "UnsafeViewBackward0", new Tensor[] {x}, null,
                wrt(SELF, NOTHING, c -> c.grad().reshape(Shapes.toLong(inShape))));
    }

    /** {@code squeeze_(dim)} applied to a fresh result (SqueezeBackward3), as matmul's 1-D @ 2-D does. */
    private static Tensor squeezeInPlaceDim(Tensor x, int dim) {
        int[] s = x.layout().shape();
        int[] ns = new int[s.length - 1];
        for (int i = 0, k = 0; i < s.length; i++) {
            if (i != dim) {
                ns[k++] = s[i];
            }
        }
        Tensor r = Tensor.make(x.buffer(), x.dtype(), Layout.contiguous(ns));
        return record(r, "SqueezeBackward3", new Tensor[] {x}, null,
                wrt(SELF, NOTHING, c -> c.grad().unsqueeze(dim)));
    }

    // =====================================================================================
    // Views: a layout function; the gradient scatters into zeros through the same function
    // =====================================================================================

    static Tensor view(Tensor x, long[] shape) {
        int[] s = Shapes.inferSize(shape, x.numel());
        if (Shapes.viewStrides(x.layout(), s) == null) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at least one "
                    + "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        return viewOp(x, "ViewBackward0", l -> Views.reshaped(l, s));
    }

    static Tensor reshape(Tensor x, long[] shape) {
        int[] s = Shapes.inferSize(shape, x.numel());
        if (Shapes.viewStrides(x.layout(), s) != null) {
            return viewOp(x, "ReshapeAliasBackward0", l -> Views.reshaped(l, s));
        }
        return unsafeView(clone(x, true), shape);
    }

    static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.dim() == 0) {
            return reshape(x, new long[] {1});
        }
        int s = Shapes.wrapDim(startDim, x.dim());
        int e = Shapes.wrapDim(endDim, x.dim());
        if (s > e) {
            throw new IllegalArgumentException("flatten() has invalid args: start_dim cannot come after end_dim");
        }
        if (s == e) {
            return x;
        }
        long[] shape = x.shape();
        long[] ns = new long[shape.length - (e - s)];
        long prod = 1;
        for (int d = s; d <= e; d++) {
            prod *= shape[d];
        }
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d < s || d > e) {
                ns[k++] = shape[d];
            } else if (d == s) {
                ns[k++] = prod;
            }
        }
        return reshape(x, ns);
    }

    static Tensor t(Tensor x) {
        if (x.dim() > 2) {
            throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + x.dim() + "D");
        }
        return viewOp(x, "TBackward0", l -> l.rank() < 2 ? l : l.permute(1, 0));
    }

    /** {@code x.T} of a matrix, which PyTorch records as a permute. */
    static Tensor transposeT(Tensor x) {
        return viewOp(x, "PermuteBackward0", l -> l.permute(1, 0));
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int a = Shapes.wrapDim(dim0, x.dim());
        int b = Shapes.wrapDim(dim1, x.dim());
        return viewOp(x, "TransposeBackward0", l -> l.rank() == 0 ? l : l.permute(Views.swap(l.rank(), a, b)));
    }

    static Tensor permute(Tensor x, int[] dims) {
        if (dims.length != x.dim()) {
            throw new IllegalArgumentException("permute(sparse_coo): number of dimensions in the tensor input does not match "
                    + "the length of the desired ordering of dimensions i.e. input.dim() = " + x.dim()
                    + " is not equal to len(dims) = " + dims.length);
        }
        int[] order = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            order[i] = Shapes.wrapDim(dims[i], x.dim());
            if (seen[order[i]]) {
                throw new IllegalArgumentException("permute(): duplicate dims are not allowed.");
            }
            seen[order[i]] = true;
        }
        return viewOp(x, "PermuteBackward0", l -> l.permute(order));
    }

    static Tensor select(Tensor x, int dim, long index) {
        return select(x, dim, index, -1);
    }

    /**
     * {@code select}; {@code reportedDim} (if not -1) is the dim named by an out-of-range error, as
     * {@code m[0, 5]} reports dim 1 of m although it selects along dim 0 of {@code m[0]}.
     */
    static Tensor select(Tensor x, int dim, long index, int reportedDim) {
        if (x.dim() == 0) {
            throw new IndexOutOfBoundsException("select() cannot be applied to a 0-dim tensor.");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.size(d);
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for dimension "
                    + (reportedDim < 0 ? d : reportedDim) + " with size " + size);
        }
        int i = (int) (index < 0 ? index + size : index);
        return viewOp(x, "SelectBackward0", l -> Views.select(l, d, i));
    }

    static Tensor narrow(Tensor x, int dim, long start, long length) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("narrow() cannot be applied to a 0-dim tensor.");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.size(d);
        if (start < -size || start > size) {
            throw new IndexOutOfBoundsException("start out of range (expected to be in range of [" + (-size) + ", " + size
                    + "], but got " + start + ")");
        }
        long s = start < 0 ? start + size : start;
        if (length < 0 || s + length > size) {
            throw new IllegalArgumentException("start (" + s + ") + length (" + length + ") exceeds dimension size (" + size + ").");
        }
        return slice(x, d, s, s + length, 1);
    }

    static Tensor slice(Tensor x, int dim, long start, long end, long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("step must be greater than zero");
        }
        if (x.dim() == 0) {
            throw new IndexOutOfBoundsException("slice() cannot be applied to a 0-dim tensor.");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.size(d);
        long s = clampIndex(start, size);
        long e = Math.max(clampIndex(end, size), s);
        int from = (int) s;
        int len = (int) ((e - s + step - 1) / step);
        int st = (int) step;
        return viewOp(x, "SliceBackward0", l -> Views.slice(l, d, from, len, st));
    }

    private static long clampIndex(long i, long size) {
        if (i < 0) {
            i += size;
        }
        return Math.max(0, Math.min(i, size));
    }

    static Tensor expand(Tensor x, long[] sizes) {
        if (sizes.length < x.dim()) {
            throw new IllegalArgumentException("expand(" + x.legacyTypeName() + "{" + Shapes.str(x.layout().shape())
                    + "}, size=" + Arrays.toString(sizes) + "): the number of sizes provided (" + sizes.length
                    + ") must be greater or equal to the number of dimensions in the tensor (" + x.dim() + ")");
        }
        int[] target = new int[sizes.length];
        int lead = sizes.length - x.dim();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1) {
                if (i < lead) {
                    throw new IllegalArgumentException("The expanded size of the tensor (-1) isn't allowed in a leading, "
                            + "non-existing dimension " + i);
                }
                target[i] = x.layout().shape(i - lead);
            } else {
                target[i] = (int) sizes[i];
            }
        }
        Shapes.expand(x.layout(), target);
        if (Arrays.equals(target, x.layout().shape())) {
            return viewOp(x, "ExpandBackward0", l -> l);
        }
        int[] inShape = x.layout().shape();
        Tensor v = x.view(l -> Shapes.expand(l, target));
        return record(v, "ExpandBackward0", new Tensor[] {x}, null, wrt(SELF, NOTHING, c -> sumTo(c.grad(), inShape)));
    }

    static Tensor squeeze(Tensor x, Integer dim) {
        if (dim == null) {
            return viewOp(x, "SqueezeBackward0", l -> Views.squeeze(l, -1));
        }
        int d = Shapes.wrapDim(dim, x.dim());
        return viewOp(x, "SqueezeBackward1", l -> Views.squeeze(l, l.rank() == 0 ? -2 : d));
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim() + 1);
        return viewOp(x, "UnsqueezeBackward0", l -> Views.unsqueeze(l, d));
    }

    /**
     * A view of x through the layout function {@code fn}, recorded as {@code name}. The gradient
     * formula is shared by every view: zeros of x's shape with {@code fn}'s region set to the gradient.
     */
    static Tensor viewOp(Tensor x, String name, UnaryOperator<Layout> fn) {
        Tensor v = x.view(fn);
        int[] inShape = x.layout().shape();
        return record(v, name, new Tensor[] {x}, null, wrt(SELF, NOTHING, c -> scatterView(c.grad(), inShape, fn, name)));
    }

    /** Zeros of {@code shape} with the region {@code fn} selects set to g: the adjoint of a view. */
    static Tensor scatterView(Tensor g, int[] shape, UnaryOperator<Layout> fn, String viewName) {
        Tensor out = Tensor.empty(g.dtype(), shape);
        kernels().copy(g.dtype(), g.buffer(), g.layout(), g.dtype(), out.buffer(), fn.apply(out.layout()));
        return record(out, viewName.replace("Backward0", "BackwardBackward0"), new Tensor[] {g}, null,
                wrt(SELF, NOTHING, c -> viewOp(c.grad().contiguous(), viewName, fn)));
    }

    static Tensor repeat(Tensor x, long[] repeats) {
        if (repeats.length < x.dim()) {
            throw new IllegalArgumentException("Number of dimensions of repeat dims can not be smaller than number of "
                    + "dimensions of tensor");
        }
        int n = repeats.length;
        int lead = n - x.dim();
        long[] padded = new long[n];
        long[] expanded = new long[2 * n];
        long[] outShape = new long[n];
        for (int i = 0; i < n; i++) {
            padded[i] = i < lead ? 1 : x.size(i - lead);
            expanded[2 * i] = repeats[i];
            expanded[2 * i + 1] = padded[i];
            outShape[i] = repeats[i] * padded[i];
        }
        Tensor src = x.reshape(padded);
        long[] interleaved = new long[2 * n];
        for (int i = 0; i < n; i++) {
            interleaved[2 * i] = 1;
            interleaved[2 * i + 1] = padded[i];
        }
        // Row-major, whatever x's strides: the tiles are then merged by a view.
        Tensor tiled = copyContiguous(src.detach().view(interleaved).expand(expanded)).view(outShape);
        Tensor r = Tensor.make(tiled.buffer(), tiled.dtype(), tiled.layout());
        int[] inShape = x.layout().shape();
        return record(r, "RepeatBackward0", new Tensor[] {x}, null,
                wrt(SELF, NOTHING, c -> {
                    int[] sumDims = new int[n];
                    for (int i = 0; i < n; i++) {
                        sumDims[i] = 2 * i;
                    }
                    return c.grad().reshape(expanded).sum(sumDims, false).reshape(Shapes.toLong(inShape));
                }));
    }

    static Tensor maskedSelect(Tensor x, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("masked_select: expected BoolTensor for mask");
        }
        int[] ms = mask.layout().shape();
        int[] xs = x.layout().shape();
        if (ms.length > xs.length) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension " + xs.length);
        }
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] != xs[i]) {
                throw new IndexOutOfBoundsException("The shape of the mask " + Shapes.str(ms) + " at index " + i
                        + " does not match the shape of the indexed tensor " + Shapes.str(xs) + " at index " + i);
            }
        }
        boolean[] m = mask.contiguous().toBooleanArray();
        int count = 0;
        for (boolean b : m) {
            count += b ? 1 : 0;
        }
        long[] idx = new long[count];
        for (int i = 0, k = 0; i < m.length; i++) {
            if (m[i]) {
                idx[k++] = i;
            }
        }
        // The mask covers the leading dims: flatten them into one and pick along it.
        long[] rows = new long[xs.length - ms.length + 1];
        rows[0] = m.length;
        for (int d = ms.length; d < xs.length; d++) {
            rows[d - ms.length + 1] = xs[d];
        }
        return indexSelect(x.reshape(rows), 0, idx, "IndexBackward0", null);
    }

    /**
     * {@code x[indices]} with an integer index tensor (advanced indexing along dim 0): negative
     * indices count from the end, and the result has shape {@code indices.shape + x.shape[1:]}.
     */
    static Tensor index(Tensor x, Tensor indices) {
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IndexOutOfBoundsException("tensors used as indices must be long, int, byte or bool tensors");
        }
        if (x.dim() == 0) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension 0");
        }
        long size = x.size(0);
        long[] idx = indexArray(indices);
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < -size || idx[i] >= size) {
                throw new IndexOutOfBoundsException("index " + idx[i] + " is out of bounds for dimension 0 with size " + size);
            }
            idx[i] = idx[i] < 0 ? idx[i] + size : idx[i];
        }
        int[] shape = new int[indices.dim() + x.dim() - 1];
        System.arraycopy(indices.layout().shape(), 0, shape, 0, indices.dim());
        System.arraycopy(x.layout().shape(), 1, shape, indices.dim(), x.dim() - 1);
        return indexSelect(x, 0, idx, "IndexBackward0", shape);
    }

    /** torch.index_select: non-negative indices only, as PyTorch. */
    static Tensor indexSelect(Tensor x, int dim, Tensor indices) {
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("index_select(): Expected dtype int32 or int64 for index");
        }
        if (indices.dim() > 1) {
            throw new IndexOutOfBoundsException("index_select(): Index is supposed to be a vector");
        }
        int d = Shapes.wrapDim(dim, Math.max(x.dim(), 1));
        long size = x.dim() == 0 ? 1 : x.size(d);
        long[] idx = indexArray(indices);
        for (long i : idx) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index out of range in self");
            }
        }
        return indexSelect(x, d, idx, "IndexSelectBackward0", null);
    }

    /**
     * Slices {@code idx} (in range) of x along d, as a tensor of {@code resultShape} when it is not
     * null (the same elements, as advanced indexing with a multi-dim index shapes them). The gradient
     * is an index_add of the output's gradient into zeros, itself differentiable, so repeated indices
     * accumulate at every order. A 0-dim x gives one 0-dim copy of itself, as PyTorch's does (and an
     * empty 1-D result for no indices, where PyTorch's is undefined).
     */
    private static Tensor indexSelect(Tensor x, int d, long[] idx, String name, int[] resultShape) {
        if (x.dim() == 0) {
            Tensor r = idx.length == 0 ? Tensor.empty(x.dtype(), 0) : copyOf(x);
            return record(r, name, new Tensor[] {x}, null,
                    wrt(SELF, NOTHING, c -> idx.length == 0 ? Tensor.zeros(c.grad().dtype()) : c.grad()));
        }
        int[] shape = x.layout().shape();
        shape[d] = idx.length;
        Tensor picked = Tensor.empty(x.dtype(), shape);
        kernels().indexSelect(x.dtype(), x.buffer(), x.layout(), d, idx, picked.buffer(), picked.layout());
        Tensor r = resultShape == null ? picked : Tensor.make(picked.buffer(), x.dtype(), Layout.contiguous(resultShape));
        long[] inShape = x.shape();
        long[] pickedShape = Shapes.toLong(shape);
        return record(r, name, new Tensor[] {x}, null,
                wrt(SELF, NOTHING, c -> indexAdd(Tensor.zeros(c.grad().dtype(), inShape), d, idx, c.grad().reshape(pickedShape))));
    }

    /** torch.index_add: a copy of self with {@code source}'s slices added at {@code indices} along dim. */
    static Tensor indexAdd(Tensor self, int dim, Tensor indices, Tensor source) {
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("index_add_(): Expected dtype int32/int64 for index but got: " + scalarName(indices.dtype()));
        }
        if (indices.dim() > 1) {
            throw new IndexOutOfBoundsException("index_add_(): Index is supposed to be a vector, but got dim: " + indices.dim()
                    + " with type: " + scalarName(indices.dtype()) + " and size: " + Shapes.str(indices.layout().shape()));
        }
        if (self.dtype() != source.dtype()) {
            throw new IllegalArgumentException("index_add_(): self (" + scalarName(self.dtype()) + ") and source ("
                    + scalarName(source.dtype()) + ") must have the same scalar type");
        }
        int rank = Math.max(self.dim(), 1);
        int d = Shapes.wrapDim(dim, rank);
        long[] idx = indexArray(indices);
        int sourceRank = Math.max(source.dim(), 1);
        if (sourceRank != rank) {
            throw new IllegalArgumentException("index_add_(): source " + Shapes.str(source.layout().shape()) + " and self "
                    + Shapes.str(self.layout().shape()) + " must have the same number of dimensions");
        }
        long n = source.dim() == 0 ? 1 : source.size(d);
        if (n != idx.length) {
            throw new IllegalArgumentException("index_add_(): Number of indices (" + idx.length + ") should be equal to source.size(dim): ("
                    + n + "), for dim: " + d);
        }
        long size = self.dim() == 0 ? 1 : self.size(d);
        for (long i : idx) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index out of range in self");
            }
        }
        for (int k = 0; k < rank; k++) {
            if (k != d && self.size(k) != source.size(k)) {
                throw new IllegalArgumentException("index_add_(): source " + Shapes.str(source.layout().shape()) + " and self "
                        + Shapes.str(self.layout().shape()) + " must have the same size except at dim " + d);
            }
        }
        return indexAdd(self, d, idx, source);
    }

    /** The checked index_add; its source gradient picks the same slices back. */
    private static Tensor indexAdd(Tensor self, int d, long[] idx, Tensor source) {
        Tensor r = copyContiguous(self);
        kernels().indexAdd(r.dtype(), r.buffer(), atLeast1d(r.layout()), d, idx, source.buffer(), atLeast1d(source.layout()));
        return record(r, "IndexAddBackward0", new Tensor[] {self, source}, null,
                wrt(SELF, NOTHING, c -> c.grad()),
                wrt(OTHER, NOTHING, c -> indexSelect(c.grad().dim() == 0 ? c.grad().reshape(1) : c.grad(), d, idx, "IndexSelectBackward0", null)
                        .reshape(source.shape())));
    }

    private static Layout atLeast1d(Layout l) {
        return l.rank() == 0 ? Views.unsqueeze(l, 0) : l;
    }

    private static long[] indexArray(Tensor indices) {
        return indices.to(DType.INT64).contiguous().toLongArray();
    }

    static Tensor stack(Tensor[] tensors, int dim) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack expects a non-empty TensorList");
        }
        int d = Shapes.wrapDim(dim, tensors[0].dim() + 1);
        Tensor[] parts = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].layout().shape(), tensors[0].layout().shape())) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                        + Shapes.str(tensors[0].layout().shape()) + " at entry 0 and " + Shapes.str(tensors[i].layout().shape())
                        + " at entry " + i);
            }
            parts[i] = tensors[i].unsqueeze(d);
        }
        return cat(parts, d);
    }

    static Tensor cat(Tensor[] tensors, int dim) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("torch.cat(): expected a non-empty list of Tensors");
        }
        int rank = tensors[0].dim();
        if (rank == 0) {
            throw new IllegalArgumentException("zero-dimensional tensor (at position 0) cannot be concatenated");
        }
        int d = Shapes.wrapDim(dim, rank);
        DType t = tensors[0].dtype();
        int total = 0;
        for (int i = 0; i < tensors.length; i++) {
            t = DType.promote(t, tensors[i].dtype());
            for (int k = 0; k < rank; k++) {
                if (k != d && tensors[i].layout().shape(k) != tensors[0].layout().shape(k)) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + d
                            + ". Expected size " + tensors[0].layout().shape(k) + " but got size "
                            + tensors[i].layout().shape(k) + " for tensor number " + i + " in the list.");
                }
            }
            total += tensors[i].layout().shape(d);
        }
        int[] shape = tensors[0].layout().shape();
        shape[d] = total;
        Tensor r = Tensor.empty(t, shape);
        int[] starts = new int[tensors.length];
        int[] lengths = new int[tensors.length];
        int at = 0;
        for (int i = 0; i < tensors.length; i++) {
            int len = tensors[i].layout().shape(d);
            starts[i] = at;
            lengths[i] = len;
            kernels().copy(tensors[i].dtype(), tensors[i].buffer(), tensors[i].layout(), t, r.buffer(),
                    Views.slice(r.layout(), d, at, len, 1));
            at += len;
        }
        Wrt[] grads = new Wrt[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            int start = starts[i];
            int len = lengths[i];
            grads[i] = new Wrt(i, NOTHING, c -> c.grad().narrow(d, start, len));
        }
        return record(r, "CatBackward0", tensors, null, grads);
    }

    // =====================================================================================
    // Copies and casts
    // =====================================================================================

    /** {@code clone()} (keeps a dense layout's strides) or {@code contiguous()} (row-major). */
    static Tensor clone(Tensor x, boolean contiguous) {
        Tensor r = contiguous ? copyContiguous(x) : copyOf(x);
        return record(r, "CloneBackward0", new Tensor[] {x}, null, wrt(SELF, NOTHING, c -> c.grad()));
    }

    static Tensor to(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor r = castTo(x, dtype);
        return record(r, "ToCopyBackward0", new Tensor[] {x}, null, wrt(SELF, NOTHING, c -> c.grad().to(x.dtype())));
    }

    /** A gradient with the given strides, as the engine stores into a leaf's grad. */
    static Tensor cloneWithStrides(Tensor g, int[] strides) {
        Tensor r = Tensor.empty(g.dtype(), g.layout().shape(), strides);
        kernels().copy(g.dtype(), g.buffer(), g.layout(), g.dtype(), r.buffer(), r.layout());
        return r;
    }

    /** An untracked copy that keeps a dense layout's strides (PyTorch's preserve_format). */
    static Tensor copyOf(Tensor x) {
        return cloneWithStrides(x, Shapes.preservedStrides(x.layout()));
    }

    static Tensor copyContiguous(Tensor x) {
        return cloneWithStrides(x, Layout.contiguousStrides(x.layout().shape()));
    }

    /** x converted to dtype without recording (the input of a kernel); x itself if it already is. */
    static Tensor castTo(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Layout l = x.layout();
        Tensor r = Tensor.empty(dtype, l.shape(), Shapes.preservedStrides(l));
        kernels().copy(x.dtype(), x.buffer(), l, dtype, r.buffer(), r.layout());
        return r;
    }

    // =====================================================================================
    // Plumbing: promotion, kernel calls, recording
    // =====================================================================================

    /** PyTorch's result_type: dimensioned tensors outrank 0-dim ones, which outrank Java numbers, within a category. */
    static DType resultType(Tensor a, Tensor b) {
        DType dim = null;
        DType zero = null;
        DType wrapped = null;
        for (Tensor t : new Tensor[] {a, b}) {
            if (t.isWrappedNumber()) {
                DType w = t.dtype().isFloatingPoint() ? DType.FLOAT32 : t.dtype();
                wrapped = wrapped == null ? w : DType.promote(wrapped, w);
            } else if (t.dim() == 0) {
                zero = zero == null ? t.dtype() : DType.promote(zero, t.dtype());
            } else {
                dim = dim == null ? t.dtype() : DType.promote(dim, t.dtype());
            }
        }
        return combine(dim, combine(zero, wrapped));
    }

    private static DType combine(DType higher, DType lower) {
        if (higher == null) {
            return lower;
        }
        if (lower == null || higher.isFloatingPoint()) {
            return higher;
        }
        if (higher == DType.BOOL || lower.isFloatingPoint()) {
            return DType.promote(higher, lower);
        }
        return higher;
    }

    static void checkCast(DType from, DType to) {
        boolean ok = !(from.isFloatingPoint() && !to.isFloatingPoint()) && !(from != DType.BOOL && to == DType.BOOL);
        if (!ok) {
            throw new IllegalArgumentException("result type " + scalarName(from) + " can't be cast to the desired output type "
                    + scalarName(to));
        }
    }

    private static void checkSameDtype(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("expected scalar type " + scalarName(a.dtype()) + " but found "
                    + scalarName(b.dtype()));
        }
    }

    private static void checkNotBoolSub(Tensor a, Tensor b) {
        if (a.dtype() == DType.BOOL && b.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. Use "
                    + "the `^` or `logical_xor()` operator instead.");
        }
    }

    static String scalarName(DType d) {
        return Tensor.scalarTypeName(d);
    }

    /**
     * {@code op(x)} and its node. Formulas come as suppliers (non-capturing lambdas, so constants),
     * built with the inputs array only when a node is recorded: the common call on tensors that do
     * not require grad allocates nothing for autograd. {@link #binary} does the same.
     */
    private static Tensor unary(UnaryOp op, Tensor x, String name, Supplier<Wrt> formula) {
        Tensor r = unaryRaw(op, x);
        return recorded(r, x.requiresGrad()) ? record(r, name, new Tensor[] {x}, null, formula.get()) : r;
    }

    /** op(x) into a fresh tensor laid out like x; float-only ops promote integers to float32. */
    static Tensor unaryRaw(UnaryOp op, Tensor x) {
        DType out = op.isFloatOnly() && !x.dtype().isFloatingPoint() ? DType.FLOAT32 : x.dtype();
        Tensor src = castTo(x, out);
        Tensor r = Tensor.empty(out, Shapes.denseLayoutLike(src.layout(), src.layout()));   // one operand, as both
        kernels().unary(op, out, src.buffer(), src.layout(), r.buffer(), r.layout());
        return r;
    }

    /** {@code op(a, b)} in the promoted type (integer division in float32) and its node; see {@link #unary}. */
    private static Tensor binary(BinaryOp op, Tensor a, Tensor b, String name,
                                 Supplier<Wrt> wrtSelf, Supplier<Wrt> wrtOther) {
        DType common = resultType(a, b);
        if (op == BinaryOp.DIV && !common.isFloatingPoint()) {
            common = DType.FLOAT32;
        }
        Tensor r = binaryRaw(op, a, b, common, common);
        return recorded(r, a.requiresGrad() || b.requiresGrad())
                ? record(r, name, new Tensor[] {a, b}, null, wrtSelf.get(), wrtOther.get()) : r;
    }

    /** op(a, b) computed in {@code compute}, broadcast, into a fresh tensor laid out like the operands. */
    static Tensor binaryRaw(BinaryOp op, Tensor a, Tensor b, DType compute, DType out) {
        Tensor ac = castTo(a, compute);
        Tensor bc = castTo(b, compute);
        Layout al = ac.layout();
        Layout bl = bc.layout();
        if (!al.hasSameShape(bl)) {
            int[] shape = Shapes.broadcast(al.shape(), bl.shape());
            al = Shapes.expand(al, shape);
            bl = Shapes.expand(bl, shape);
        }
        Tensor r = Tensor.empty(out, Shapes.denseLayoutLike(al, bl));
        kernels().binary(op, compute, ac.buffer(), al, bc.buffer(), bl, r.buffer(), r.layout());
        return r;
    }

    /**
     * Records {@code result} as the output of a node {@code name} over {@code inputs} when grad mode
     * is on and some input requires grad. Only the formulas of inputs that require grad are kept, and
     * only the tensors those formulas declare are saved.
     */
    static Tensor record(Tensor result, String name, Tensor[] inputs, Tensor[] savedInputs, Wrt... formulas) {
        boolean any = false;
        for (Tensor t : inputs) {
            any |= t.requiresGrad();
        }
        if (!recorded(result, any)) {
            return result;
        }
        GradFn.Edge[] edges = new GradFn.Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            edges[i] = inputs[i].gradientEdge();
        }
        Node n = node(name, inputs, edges, savedInputs == null ? inputs : savedInputs, result, formulas);
        result.setHistory(n, 0);
        return result;
    }

    /**
     * Whether an op's result gets a node: some input requires grad (asked first: a field or two,
     * where grad mode is a thread-local lookup), the result is floating point, grad mode is on.
     */
    private static boolean recorded(Tensor result, boolean someInputRequiresGrad) {
        return someInputRequiresGrad && result.dtype().isFloatingPoint() && Autograd.isGradEnabled();
    }

    static Node node(String name, Tensor[] inputs, GradFn.Edge[] edges, Tensor[] saveFrom, Tensor result, Wrt... formulas) {
        GradFn.InputMeta[] meta = new GradFn.InputMeta[inputs.length];
        Derivative.Formula[] f = new Derivative.Formula[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            meta[i] = new GradFn.InputMeta(inputs[i].layout().shape(), inputs[i].dtype());
        }
        int saves = 0;
        for (Wrt w : formulas) {
            if (edges[w.input()].function() != null) {
                f[w.input()] = w.formula();
                saves |= w.saves();
            }
        }
        Node n = new Node(name, edges, meta, f);
        for (int i = 0; i < inputs.length; i++) {
            if ((saves & Derivative.input(i)) != 0) {
                n.save(i, saveFrom[i]);
            }
        }
        if ((saves & RESULT) != 0) {
            n.save(Node.RESULT_SLOT, result);
        }
        return n;
    }
}
