package org.vectorgrad;

import static org.vectorgrad.Derivative.OTHER;
import static org.vectorgrad.Derivative.RESULT;
import static org.vectorgrad.Derivative.SELF;
import static org.vectorgrad.Derivative.input;
import static org.vectorgrad.Derivative.saves;
import static org.vectorgrad.Derivative.wrt;
import static org.vectorgrad.OpSupport.binary;
import static org.vectorgrad.OpSupport.binaryRaw;
import static org.vectorgrad.OpSupport.castTo;
import static org.vectorgrad.OpSupport.kernels;
import static org.vectorgrad.OpSupport.record;
import static org.vectorgrad.OpSupport.recorded;
import static org.vectorgrad.OpSupport.resultType;
import static org.vectorgrad.OpSupport.scalarName;
import static org.vectorgrad.OpSupport.unary;

import org.vectorgrad.Derivative.Wrt;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.TernaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * Elementwise operations: one row each — the kernel, PyTorch's node name, and the gradient of each
 * operand (what it saves, then the formula) — as in PyTorch's derivatives.yaml. Rows with checks or
 * several kernel calls follow the two tables; helpers of the formulas come last.
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    /**
     * The arithmetic rows, shared by the out-of-place ops and their in-place forms
     * ({@link InPlaceOps#arithmetic_}), which reuse these formulas.
     */
    enum Arithmetic {
        ADD(BinaryOp.ADD, "AddBackward0", wrt(SELF, saves(), c -> c.grad()),
                                          wrt(OTHER, saves(), c -> c.grad())),
        SUB(BinaryOp.SUB, "SubBackward0", wrt(SELF, saves(), c -> c.grad()),
                                          wrt(OTHER, saves(), c -> c.grad().neg())),
        MUL(BinaryOp.MUL, "MulBackward0", wrt(SELF, saves(OTHER), c -> c.timesSummed(c.grad(), c.other())),
                                          wrt(OTHER, saves(SELF), c -> c.timesSummed(c.grad(), c.self()))),
        DIV(BinaryOp.DIV, "DivBackward0", wrt(SELF, saves(OTHER), c -> c.grad().div(c.other())),
                                          wrt(OTHER, saves(SELF, OTHER), ElementwiseOps::divisorGrad));

        final BinaryOp kernel;
        final String node;
        final Wrt wrtSelf;
        final Wrt wrtOther;

        Arithmetic(BinaryOp kernel, String node, Wrt wrtSelf, Wrt wrtOther) {
            this.kernel = kernel;
            this.node = node;
            this.wrtSelf = wrtSelf;
            this.wrtOther = wrtOther;
        }
    }

    /** {@code a op b}: the arithmetic table. */
    static Tensor arithmetic(Arithmetic op, Tensor a, Tensor b) {
        checkOperands(op, a, b);
        return binary(op.kernel, a, b, op.node, op.wrtSelf, op.wrtOther);
    }

    /**
     * {@code op(x)}: the unary table, one row per {@link UnaryOp} (the switch is exhaustive, so a new
     * kernel does not compile without its row).
     */
    static Tensor apply(UnaryOp op, Tensor x) {
        return switch (op) {
            case NEG -> unary(op, notBool(x), "NegBackward0", () -> wrt(SELF, saves(), c -> c.grad().neg()));
            case ABS -> unary(op, x, "AbsBackward0", () -> wrt(SELF, saves(SELF), c -> times(c, c.self().sign())));
            case SIGN -> unary(op, x, "SignBackward0", () -> wrt(SELF, saves(), c -> c.grad().mul(0.0)));
            case SQRT -> unary(op, x, "SqrtBackward0", () -> wrt(SELF, saves(RESULT), c -> {
                Tensor twice = c.result().mul(2.0);
                return c.over(twice, Arithmetic.DIV, c.grad(), twice);
            }));
            case EXP -> unary(op, x, "ExpBackward0", () -> wrt(SELF, saves(RESULT), c -> c.grad().mul(c.result())));
            case LOG -> unary(op, x, "LogBackward0", () -> wrt(SELF, saves(SELF), c -> c.grad().div(c.self())));
            case SIN -> unary(op, x, "SinBackward0", () -> wrt(SELF, saves(SELF), c -> times(c, c.self().cos())));
            case COS -> unary(op, x, "CosBackward0", () -> wrt(SELF, saves(SELF), c -> {
                Tensor sin = c.self().sin();
                return times(c, c.over(sin, Arithmetic.MUL, sin, -1.0));
            }));
            // derivatives.yaml's grad * (1 + result^2) and grad * (1 - result^2), in one new array
            case TAN -> unary(op, x, "TanBackward0", () -> wrt(SELF, saves(RESULT), c -> {
                Tensor t = c.result().mul(c.result());
                return times(c, c.over(t, Arithmetic.ADD, t, 1.0));
            }));
            case TANH -> unary(op, x, "TanhBackward0", () -> wrt(SELF, saves(RESULT), c -> {
                Tensor t = c.result().mul(c.result());
                return times(c, c.over(t, Arithmetic.SUB, Tensor.wrap(1.0), t));
            }));
            case SIGMOID -> unary(op, x, "SigmoidBackward0", () -> wrt(SELF, saves(RESULT), ElementwiseOps::sigmoidBackward));
            // derivatives.yaml's order: 2 / sqrt(pi) * exp(-(self^2)) * grad
            case ERF -> unary(op, x, "ErfBackward0",
                    () -> wrt(SELF, saves(SELF), c -> c.self().pow(2).neg().exp().mul(2 / Math.sqrt(Math.PI)).mul(c.grad())));
            case RELU -> unary(op, x, "ReluBackward0",   // PyTorch's threshold_backward(grad, result, 0): a select, no multiply
                    () -> wrt(SELF, saves(RESULT), c -> thresholdBackward(c.grad(), c.result(), 0.0)));
            // derivatives.yaml's -grad * (result * result)
            case RECIPROCAL -> unary(op, x, "ReciprocalBackward0", () -> wrt(SELF, saves(RESULT), c -> {
                Tensor t = times(c, c.result().mul(c.result()));
                return c.over(t, Arithmetic.MUL, t, -1.0);
            }));
        };
    }

    static Tensor maximum(Tensor a, Tensor b) {
        return binary(BinaryOp.MAXIMUM, a, b, "MaximumBackward0",
                () -> wrt(SELF, saves(SELF, OTHER), c -> splitTies(c, c.self().lt(c.other()))),
                () -> wrt(OTHER, saves(SELF, OTHER), c -> splitTies(c, c.self().gt(c.other()))));
    }

    static Tensor minimum(Tensor a, Tensor b) {
        return binary(BinaryOp.MINIMUM, a, b, "MinimumBackward0",
                () -> wrt(SELF, saves(SELF, OTHER), c -> splitTies(c, c.self().gt(c.other()))),
                () -> wrt(OTHER, saves(SELF, OTHER), c -> splitTies(c, c.self().lt(c.other()))));
    }

    /** {@code torch.add(a, b, alpha=alpha)}: {@code a + alpha * b}, one AddBackward0 node. */
    static Tensor add(Tensor a, Tensor b, double alpha) {
        if (alpha == 1) {
            return arithmetic(Arithmetic.ADD, a, b);
        }
        return record(scaledArithmetic(Arithmetic.ADD, a, b, alpha), "AddBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, saves(), c -> c.grad()),
                wrt(OTHER, saves(), c -> c.grad().mul(alpha)));
    }

    /** {@code torch.sub(a, b, alpha=alpha)}: {@code a - alpha * b}, one SubBackward0 node. */
    static Tensor sub(Tensor a, Tensor b, double alpha) {
        if (alpha == 1) {
            return arithmetic(Arithmetic.SUB, a, b);
        }
        return record(scaledArithmetic(Arithmetic.SUB, a, b, alpha), "SubBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, saves(), c -> c.grad()),
                wrt(OTHER, saves(), c -> c.grad().mul(-alpha)));
    }

    /** {@code b - a} with a Java number b: PyTorch's {@code rsub} (node of the tensor only). */
    static Tensor rsub(Tensor a, Tensor b) {
        checkOperands(Arithmetic.SUB, a, b);
        return record(binaryRaw(BinaryOp.SUB, b, a, resultType(a, b), resultType(a, b)), "RsubBackward1", new Tensor[] {a}, null,
                wrt(SELF, saves(), c -> c.grad().neg()));
    }

    /** {@code x ** e} with a Java number e. */
    static Tensor powScalar(Tensor x, Tensor e) {
        double p = e.item();
        if (!x.dtype().isFloatingPoint() && !e.dtype().isFloatingPoint() && p < 0) {
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
        }
        Tensor r = powKernel(x, e);
        return !recorded(r, x.requiresGrad()) ? r : record(r, "PowBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF), c -> p == 0 ? c.grad().mul(0.0) : times(c, powTimesExponent(c, p))));
    }

    /** {@code x ** y} with a tensor exponent (also {@code 2 ** y}, where x is a wrapped number). */
    static Tensor pow(Tensor x, Tensor y) {
        return record(powKernel(x, y), "PowBackward1", new Tensor[] {x, y}, null,
                wrt(SELF, saves(SELF, OTHER), c -> where(c.other().eq(0.0), zerosLikeGrad(c),
                        c.grad().mul(c.other()).mul(c.self().pow(c.other().sub(1.0))))),
                wrt(OTHER, saves(SELF, OTHER, RESULT), c -> c.grad().mul(where(c.self().eq(0.0).logicalAnd(c.other().ge(0.0)),
                        zerosLikeGrad(c), c.result().mul(c.self().log())))));
    }

    /** PyTorch's clamp_backward: a select, not a multiply, so an infinite gradient outside the range gives 0. */
    static Tensor clamp(Tensor x, double min, double max) {
        return record(clampKernel(x, min, max), "ClampBackward1", new Tensor[] {x}, null,
                wrt(SELF, saves(SELF), c -> gradWhere(c, c.self().ge(min).logicalAnd(c.self().le(max)))));
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return record(whereKernel(cond, a, b), "WhereBackward0", new Tensor[] {cond, a, b}, null,
                wrt(input(1), saves(input(0)), c -> gradWhere(c, c.input(0))),
                wrt(input(2), saves(input(0)), c -> where(c.input(0), Tensor.zeros(c.grad().dtype()), c.grad())));
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
                wrt(SELF, saves(), notImplemented), wrt(OTHER, saves(), notImplemented));
    }

    // ---------------------------------------------------------------- not differentiable: bool results

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

    // ---------------------------------------------------------------- forward helpers of the rows

    /** PyTorch's operand checks of an arithmetic op, in place or not. */
    static void checkOperands(Arithmetic op, Tensor a, Tensor b) {
        if (op == Arithmetic.SUB && a.dtype() == DType.BOOL && b.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. Use "
                    + "the `^` or `logical_xor()` operator instead.");
        }
    }

    private static Tensor notBool(Tensor x) {
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported. If you are "
                    + "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
        return x;
    }

    /**
     * {@code a op alpha * b} (op add or sub) with {@code alpha * b} rounded first in the result type, unrecorded. Floats
     * take one pass, addcmul's {@code a + (±alpha * b) * 1}: multiplying by 1 is exact, and {@code a - y}
     * is {@code a + (-y)} in IEEE arithmetic, so the bits of the two passes (a multiply into the result,
     * then the add or subtract over it), without the second read and write of every element. The result
     * is laid out from a and b as a binary op's (addcmul's third operand, the 1, would change how
     * TensorIterator lays out a result with dims of size 1).
     */
    private static Tensor scaledArithmetic(Arithmetic op, Tensor a, Tensor b, double alpha) {
        checkOperands(op, a, b);
        DType common = resultType(a, b);
        if (common.isFloatingPoint()) {
            Tensor ac = castTo(a, common);
            Tensor bc = castTo(b, common);
            int[] shape = Shapes.broadcast(ac.layout().shape(), bc.layout().shape());
            Layout out = Shapes.denseLayoutLike(Shapes.expand(ac.layout(), shape), Shapes.expand(bc.layout(), shape));
            return OpSupport.ternaryRaw(TernaryOp.ADDCMUL, op == Arithmetic.ADD ? alpha : -alpha, ac, bc,
                    castTo(Tensor.wrap(1.0), common), Tensor.emptyOverwritten(common, out));
        }
        if (alpha != Math.rint(alpha)) {
            throw new IllegalArgumentException("For integral input tensors, argument alpha must not be a floating point number.");
        }
        Tensor scaled = binaryRaw(BinaryOp.MUL, b, Tensor.wrap(alpha), common, common);
        return OpSupport.binaryOver(scaled, op.kernel, a, scaled, common);
    }

    /**
     * {@code p * x^(p-1)} of pow's gradient (PyTorch's pow_backward), in one new array: for p = 2
     * {@code x * 2} (x^1 is x, bit for bit, without computing it).
     */
    private static Tensor powTimesExponent(Derivative.Ctx c, double p) {
        if (p == 2) {
            return c.self().mul(p);
        }
        Tensor t = c.self().pow(p - 1);
        return c.over(t, Arithmetic.MUL, t, p);
    }

    private static Tensor powKernel(Tensor x, Tensor y) {
        DType t = resultType(x, y);
        return binaryRaw(BinaryOp.POW, x, y, t, t);
    }

    private static Tensor clampKernel(Tensor x, double min, double max) {
        if (x.dtype().isFloatingPoint()) {
            return clampFloats(x, min, max, null);
        }
        Tensor low = binaryRaw(BinaryOp.MAXIMUM, x, Tensor.wrap(min), x.dtype(), x.dtype());
        return OpSupport.binaryOver(low, BinaryOp.MINIMUM, low, Tensor.wrap(max), x.dtype());
    }

    /**
     * A float clamp in one pass, as ATen's clamp kernels ({@link TernaryOp#CLAMP}: x kept where it equals a
     * bound, NaN where a bound is NaN; an infinite bound for clamp_min and clamp_max), into {@code out}
     * when given (self of clamp_min_), else into a fresh tensor; the bounds rounded to x's dtype as the
     * binary ops round them.
     */
    static Tensor clampFloats(Tensor x, double min, double max, Tensor out) {
        DType t = x.dtype();
        return OpSupport.ternaryRaw(TernaryOp.CLAMP, 0, x, castTo(Tensor.wrap(min), t), castTo(Tensor.wrap(max), t), out);
    }

    private static Tensor whereKernel(Tensor cond, Tensor a, Tensor b) {
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
        return r;
    }

    // ---------------------------------------------------------------- helpers of the formulas

    /**
     * An operand's gradient of maximum/minimum, as derivatives.yaml: {@code where(self == other, grad / 2,
     * grad).masked_fill_(loses, 0)} — half on ties, none where it loses, all otherwise (so a NaN operand,
     * which neither wins nor loses, passes the gradient to both); a select, so an infinite gradient
     * gives 0 where the operand loses.
     */
    private static Tensor splitTies(Derivative.Ctx c, Tensor loses) {
        Tensor g = c.grad();
        Tensor shared = where(c.self().eq(c.other()), g.div(2.0), g);
        return where(loses, Tensor.zeros(g.dtype()), shared);
    }

    /**
     * The gradient where {@code mask} holds, 0 elsewhere: a select, as PyTorch's threshold and clamp
     * backwards, so an infinite or NaN gradient where the mask is false gives 0, not NaN.
     */
    static Tensor gradWhere(Derivative.Ctx c, Tensor mask) {
        return where(mask, c.grad(), Tensor.zeros(c.grad().dtype()));
    }

    /**
     * PyTorch's {@code threshold_backward(grad, self, threshold)}: 0 where {@code self <= threshold}, the
     * gradient elsewhere (also where self is NaN), a select: one fused pass without a mask
     * ({@link TernaryOp#THRESHOLD_BACKWARD}) where the operands allow. Its node is PyTorch's
     * ThresholdBackwardBackward0 (relu's second derivative), with derivatives.yaml's formulas: the same
     * select of the gradient for grad, zeros for self.
     */
    static Tensor thresholdBackward(Tensor grad, Tensor self, double threshold) {
        Tensor t = castTo(Tensor.wrap(threshold), self.dtype());
        Tensor r = OpSupport.isTernary(grad, self, t) && grad.layout().hasSameShape(self.layout())
                ? OpSupport.ternaryRaw(TernaryOp.THRESHOLD_BACKWARD, 0, grad, self, t, null)
                : whereKernel(self.le(threshold), Tensor.zeros(grad.dtype()), grad);
        return record(r, "ThresholdBackwardBackward0", new Tensor[] {grad, self}, null,
                wrt(SELF, saves(OTHER), c -> thresholdBackward(c.grad(), c.other(), threshold)),
                wrt(OTHER, saves(), ElementwiseOps::zerosLikeGrad));
    }

    /**
     * ATen's {@code sigmoid_backward}: {@code (grad * (1 - y)) * y}. One fused pass
     * ({@link TernaryOp#SIGMOID_BACKWARD}) when no graph of the backward is being built; the same steps
     * as Tensor ops, recorded, under create_graph. The same bits either way.
     */
    private static Tensor sigmoidBackward(Derivative.Ctx c) {
        Tensor g = c.grad();
        Tensor y = c.result();
        if (!Autograd.isGradEnabled() && OpSupport.isTernary(g, y, y) && g.layout().hasSameShape(y.layout())) {
            return OpSupport.ternaryRaw(TernaryOp.SIGMOID_BACKWARD, 0, g, y, y, null);
        }
        Tensor t = times(c, y.rsub(1.0));
        return c.over(t, Arithmetic.MUL, t, y);
    }

    /** PyTorch's {@code -grad * ((self / other) / other)}, its rounding, in one new array ({@code -(a * b)} is {@code (-a) * b}). */
    private static Tensor divisorGrad(Derivative.Ctx c) {
        Tensor q = c.self().div(c.other());
        q = c.over(q, Arithmetic.DIV, q, c.other());
        q = times(c, q);
        return c.over(q, Arithmetic.MUL, q, -1.0);
    }

    /** {@code grad * t} for a temporary t of the formula, written over t (see {@link Derivative.Ctx#over}). */
    private static Tensor times(Derivative.Ctx c, Tensor t) {
        return c.over(t, Arithmetic.MUL, c.grad(), t);
    }

    static Tensor zerosLikeGrad(Derivative.Ctx c) {
        return Tensor.zeros(c.grad().dtype(), c.grad().shape());
    }
}
