package org.vectorgrad;

import static org.vectorgrad.Derivative.RESULT;

import java.util.function.Supplier;
import org.vectorgrad.Derivative.Node;
import org.vectorgrad.Derivative.Wrt;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.TernaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * What every op table uses: PyTorch's type promotion and dtype checks, output allocation around a
 * kernel call ({@link #unary}, {@link #binary}, their unrecorded {@code Raw} forms, untracked copies
 * and casts), and recording a node ({@link #record}) with only what its formulas need saved.
 */
final class OpSupport {
    private OpSupport() {
    }

    /** The backend of this thread, which runs every kernel. */
    static Backend kernels() {
        return Backends.current();
    }

    // ---------------------------------------------------------------- promotion and dtype checks

    /** PyTorch's result_type: dimensioned tensors outrank 0-dim ones, which outrank Java numbers, within a category. */
    static DType resultType(Tensor a, Tensor b) {
        if (a.dtype() == b.dtype() && !(a.isWrappedNumber() && b.isWrappedNumber())) {
            return a.dtype();   // one dtype in every category, or a number meeting a tensor of its own dtype
        }
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

    static void checkSameDtype(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("expected scalar type " + scalarName(a.dtype()) + " but found "
                    + scalarName(b.dtype()));
        }
    }

    /**
     * {@code value} as a fill of {@code dtype} (full, full_like, fill_), checked as PyTorch converts its
     * Scalar (c10's checked_convert): beyond the dtype's range is an error, NaN and the infinities too for
     * integers; floats take NaN and the infinities, and bool any value (nonzero is true). 2^63, which
     * PyTorch lets through to a cast whose result is undefined, is refused for int64 as well.
     */
    static double checkFill(DType dtype, double value) {
        String type = switch (dtype) {
            case BOOL, FLOAT64 -> null;
            case FLOAT32 -> Double.isInfinite(value) || !(Math.abs(value) > Float.MAX_VALUE) ? null : "float";
            case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? null : "int";
            case INT64 -> value >= -0x1p63 && value < 0x1p63 ? null : "int64_t";
        };
        if (type != null) {
            throw new IllegalArgumentException("value cannot be converted to type " + type + " without overflow");
        }
        return value;
    }

    static String scalarName(DType d) {
        return Tensor.scalarTypeName(d);
    }

    // ---------------------------------------------------------------- output allocation around a kernel call

    /**
     * {@code op(x)} and its node. Formulas come as suppliers (non-capturing lambdas, so constants),
     * built with the inputs array only when a node is recorded: the common call on tensors that do
     * not require grad allocates nothing for autograd. {@link #binary} does the same.
     */
    static Tensor unary(UnaryOp op, Tensor x, String name, Supplier<Wrt> formula) {
        Tensor r = unaryRaw(op, x);
        return recorded(r, x.requiresGrad()) ? record(r, name, new Tensor[] {x}, null, formula.get()) : r;
    }

    /**
     * {@code op(x, a, b)} of three floating operands of one dtype ({@link #isTernary}), broadcast, by one
     * backend pass into {@code out} when given (self of an in-place op, already of the broadcast shape),
     * else into a fresh tensor laid out like the operands.
     */
    static Tensor ternaryRaw(TernaryOp op, double value, Tensor x, Tensor a, Tensor b, Tensor out) {
        int[] shape = out != null ? out.layout().shape()
                : Shapes.broadcast(Shapes.broadcast(x.layout().shape(), a.layout().shape()), b.layout().shape());
        Layout xl = Shapes.expand(x.layout(), shape);
        Layout al = Shapes.expand(a.layout(), shape);
        Layout bl = Shapes.expand(b.layout(), shape);
        Tensor r = out != null ? out : Tensor.emptyOverwritten(x.dtype(), shape, Shapes.denseStridesLike(shape, xl, al, bl));
        kernels().ternary(op, x.dtype(), value, x.buffer(), xl, a.buffer(), al, b.buffer(), bl, r.buffer(), r.layout());
        return r;
    }

    /** Whether {@link #ternaryRaw} computes over these operands: one floating dtype (else the ops it fuses). */
    static boolean isTernary(Tensor x, Tensor a, Tensor b) {
        return x.dtype().isFloatingPoint() && a.dtype() == x.dtype() && b.dtype() == x.dtype();
    }

    /** op(x) into a fresh tensor laid out like x; float-only ops promote integers to float32. */
    static Tensor unaryRaw(UnaryOp op, Tensor x) {
        return unaryOver(null, op, x);
    }

    /**
     * op(x) as {@link #unaryRaw} computes it, written over x when x is {@code scratch} (a fresh
     * temporary only the caller holds) and has the result's dtype and layout, as {@link #binaryOver}.
     */
    static Tensor unaryOver(Tensor scratch, UnaryOp op, Tensor x) {
        DType out = op.isFloatOnly() && !x.dtype().isFloatingPoint() ? DType.FLOAT32 : x.dtype();
        Tensor src = castTo(x, out);
        Layout dense = Shapes.denseLayoutLike(src.layout(), src.layout());   // one operand, as both
        Tensor r = scratch != null && scratch == x && x.dtype() == out && dense.equals(x.layout())
                ? scratch : Tensor.emptyOverwritten(out, dense);
        kernels().unary(op, out, src.buffer(), src.layout(), r.buffer(), r.layout());
        return r;
    }

    /** {@code op(a, b)} in {@link #computeType} and its node; see {@link #unary}. */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b, String name, Supplier<Wrt> wrtSelf, Supplier<Wrt> wrtOther) {
        DType common = computeType(op, a, b);
        Tensor r = binaryRaw(op, a, b, common, common);
        return recorded(r, a.requiresGrad() || b.requiresGrad())
                ? record(r, name, new Tensor[] {a, b}, null, wrtSelf.get(), wrtOther.get()) : r;
    }

    /** {@link #binary} with formulas that are constants already (a table's enum rows). */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b, String name, Wrt wrtSelf, Wrt wrtOther) {
        DType common = computeType(op, a, b);
        Tensor r = binaryRaw(op, a, b, common, common);
        return recorded(r, a.requiresGrad() || b.requiresGrad())
                ? record(r, name, new Tensor[] {a, b}, null, wrtSelf, wrtOther) : r;
    }

    /** The dtype {@code op(a, b)} computes in: the promoted type, except true division of integers in float32. */
    static DType computeType(BinaryOp op, Tensor a, Tensor b) {
        DType common = resultType(a, b);
        return op == BinaryOp.DIV && !common.isFloatingPoint() ? DType.FLOAT32 : common;
    }

    /** op(a, b) computed in {@code compute}, broadcast, into a fresh tensor laid out like the operands. */
    static Tensor binaryRaw(BinaryOp op, Tensor a, Tensor b, DType compute, DType out) {
        return binaryOver(null, op, a, b, compute, out);
    }

    /**
     * op(a, b) as {@link #binaryRaw} computes it, written over {@code scratch} — a fresh temporary
     * that only the caller holds, one of the operands — when it has the result's dtype and layout:
     * the second step of a two-step kernel (clamp, add with alpha, addcmul_) then needs no second
     * array, as ATen's fused kernels need none. Elementwise kernels read each element before writing
     * it, so the output may be an input. Otherwise a fresh result, as binaryRaw.
     */
    static Tensor binaryOver(Tensor scratch, BinaryOp op, Tensor a, Tensor b, DType compute) {
        return binaryOver(scratch, op, a, b, compute, compute);
    }

    private static Tensor binaryOver(Tensor scratch, BinaryOp op, Tensor a, Tensor b, DType compute, DType out) {
        Tensor ac = castTo(a, compute);
        Tensor bc = castTo(b, compute);
        Layout al = ac.layout();
        Layout bl = bc.layout();
        if (bl.rank() == 0) {
            bl = Layout.repeated(bl.offset(), al);   // x.mul(2.0), x.pow(2): the number at every position of x
        } else if (al.rank() == 0) {
            al = Layout.repeated(al.offset(), bl);   // w.mul(x) with a 0-dim w
        } else if (!al.hasSameShape(bl)) {
            int[] shape = Shapes.broadcast(al.shape(), bl.shape());
            al = Shapes.expand(al, shape);
            bl = Shapes.expand(bl, shape);
        }
        Layout dense = Shapes.denseLayoutLike(al, bl);
        Tensor r = scratch != null && (scratch == a || scratch == b) && scratch.dtype() == out && dense.equals(scratch.layout())
                ? scratch : Tensor.emptyOverwritten(out, dense);
        kernels().binary(op, compute, ac.buffer(), al, bc.buffer(), bl, r.buffer(), r.layout());
        return r;
    }

    // ---------------------------------------------------------------- recording

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
    static boolean recorded(Tensor result, boolean someInputRequiresGrad) {
        return someInputRequiresGrad && result.dtype().isFloatingPoint() && Autograd.isGradEnabled();
    }

    /**
     * A node over {@code inputs} with the given edges; {@code saveFrom[i]} is what is saved for
     * input i (an in-place op saves a copy of self's old value), {@code result} for {@code RESULT}.
     */
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
        Node n = new Node(name, edges, meta, f, saves);
        for (int i = 0; i < inputs.length; i++) {
            if ((saves & Derivative.input(i)) != 0) {
                n.save(Derivative.input(i), saveFrom[i]);
            }
        }
        if ((saves & RESULT) != 0) {
            n.save(RESULT, result);
        }
        return n;
    }

    // ---------------------------------------------------------------- untracked copies and casts

    /** A gradient with the given strides, as the engine stores into a leaf's grad. */
    static Tensor cloneWithStrides(Tensor g, int[] strides) {
        Tensor r = Tensor.emptyOverwritten(g.dtype(), g.layout().shape(), strides);
        kernels().copy(g.dtype(), g.buffer(), g.layout(), g.dtype(), r.buffer(), r.layout());
        return r;
    }

    /** An untracked copy that keeps a dense layout's strides (PyTorch's preserve_format). */
    static Tensor copyOf(Tensor x) {
        return cloneWithStrides(x, Shapes.preservedStrides(x.layout()));
    }

    /** An untracked row-major copy. */
    static Tensor copyContiguous(Tensor x) {
        return cloneWithStrides(x, Layout.contiguousStrides(x.layout().shape()));
    }

    /** x converted to dtype without recording (the input of a kernel); x itself if it already is. */
    static Tensor castTo(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Layout l = x.layout();
        if (l.rank() == 0 && dtype.isFloatingPoint()) {
            // A wrapped Java number meeting a float tensor (x.mul(0.01), x.pow(2)): one Java cast, as the
            // backends' copy rounds (an int64 straight from long), instead of a kernel call whose setup
            // is all of its cost.
            int o = l.offset();
            boolean f32 = dtype == DType.FLOAT32;
            Object one = switch (x.buffer()) {
                case float[] v -> f32 ? new float[] {v[o]} : new double[] {v[o]};
                case double[] v -> f32 ? new float[] {(float) v[o]} : new double[] {v[o]};
                case long[] v -> f32 ? new float[] {(float) v[o]} : new double[] {(double) v[o]};
                default -> null;
            };
            if (one != null) {
                return Tensor.make(one, dtype, Layout.contiguous());
            }
        }
        Tensor r = Tensor.emptyOverwritten(dtype, l.shape(), Shapes.preservedStrides(l));
        kernels().copy(x.dtype(), x.buffer(), l, dtype, r.buffer(), r.layout());
        return r;
    }
}
