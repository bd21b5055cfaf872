package org.vectorgrad;

import static org.vectorgrad.Derivative.OTHER;
import static org.vectorgrad.Derivative.SELF;
import static org.vectorgrad.Derivative.saves;
import static org.vectorgrad.Derivative.wrt;
import static org.vectorgrad.OpSupport.binaryRaw;
import static org.vectorgrad.OpSupport.castTo;
import static org.vectorgrad.OpSupport.checkCast;
import static org.vectorgrad.OpSupport.computeType;
import static org.vectorgrad.OpSupport.copyOf;
import static org.vectorgrad.OpSupport.kernels;
import static org.vectorgrad.OpSupport.node;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.vectorgrad.Derivative.Node;
import org.vectorgrad.ElementwiseOps.Arithmetic;
import org.vectorgrad.backend.Layout;

/**
 * In-place operations: the kernel writes into self, the version counter is bumped, and self's
 * history is rebased onto the new node — for a view, through a {@code CopySlices} node on its base,
 * as PyTorch does. The arithmetic ones reuse the rows of {@link ElementwiseOps.Arithmetic}.
 */
final class InPlaceOps {
    private InPlaceOps() {
    }

    /** {@code self op= other}: {@code add_}, {@code sub_}, {@code mul_}, {@code div_}. */
    static Tensor arithmetic_(Arithmetic op, Tensor self, Tensor other) {
        return write(self, other, op);
    }

    /** Fills self; unlike the other in-place ops it may write an expanded tensor, as in PyTorch. */
    static Tensor fill_(Tensor self, Tensor value) {
        checkAutogradAllowsInPlace(self);
        boolean record = recordsInPlace(self, value);
        GradFn.Edge oldEdge = record ? self.gradientEdge() : null;
        kernels().fill(self.dtype(), self.buffer(), Shapes.distinct(self.layout()), OpSupport.checkFill(self.dtype(), value.item()));
        self.versionCounter().bump();
        if (record) {
            rebaseHistory(self, node("FillBackward0", new Tensor[] {self}, new GradFn.Edge[] {oldEdge},
                    new Tensor[] {self}, null, wrt(SELF, saves(), c -> c.grad().mul(0.0))));
        }
        return self;
    }

    static Tensor copy_(Tensor self, Tensor src) {
        checkInPlace(self, src);
        Layout sl = Shapes.expand(src.layout(), self.layout().shape());
        boolean record = recordsInPlace(self, src);
        GradFn.Edge oldEdge = record ? self.gradientEdge() : null;
        copyInto(self, src, sl);
        if (record) {
            rebaseHistory(self, node("CopyBackwards", new Tensor[] {self, src}, new GradFn.Edge[] {oldEdge, src.gradientEdge()},
                    new Tensor[] {self, src}, null,
                    wrt(SELF, saves(), c -> c.grad().mul(0.0)),
                    wrt(OTHER, saves(), c -> c.grad())));
        }
        return self;
    }

    // ---------------------------------------------------------------- the write and its checks

    /**
     * {@code self op= other} with the row's formulas. Self's value from before the write is copied
     * only when a formula that will run reads it (mul_ and div_ for other's gradient).
     */
    private static Tensor write(Tensor self, Tensor other, Arithmetic op) {
        ElementwiseOps.checkOperands(op, self, other);
        checkInPlace(self, other);
        DType common = computeType(op.kernel, self, other);
        checkCast(common, self.dtype());
        int[] shape = self.layout().shape();
        int[] bshape = Shapes.broadcast(shape, other.layout().shape());
        if (!Arrays.equals(shape, bshape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(shape)
                    + " doesn't match the broadcast shape " + Shapes.str(bshape));
        }
        boolean record = recordsInPlace(self, other);
        boolean readsOldSelf = (op.wrtOther.saves() & SELF) != 0 && other.requiresGrad()
                || (op.wrtSelf.saves() & SELF) != 0 && self.requiresGrad();
        Tensor oldSelf = record && readsOldSelf ? copyOf(self) : self;
        GradFn.Edge oldEdge = record ? self.gradientEdge() : null;
        binaryInto(self, other, op, common, shape);
        if (record) {
            Node node = node(op.node, new Tensor[] {self, other}, new GradFn.Edge[] {oldEdge, other.gradientEdge()},
                    new Tensor[] {oldSelf, other}, null, op.wrtSelf, op.wrtOther);
            rebaseHistory(self, node);
        }
        return self;
    }

    /** The kernel call of {@link #write}; bumps self's version. */
    private static void binaryInto(Tensor self, Tensor other, Arithmetic op, DType common, int[] shape) {
        Tensor o = castTo(readableBy(self, other), common);
        Layout ol = Shapes.expand(o.layout(), shape);
        if (common == self.dtype()) {
            kernels().binary(op.kernel, common, self.buffer(), self.layout(), o.buffer(), ol, self.buffer(), self.layout());
        } else {
            Tensor tmp = binaryRaw(op.kernel, castTo(self, common), o, common, common);
            kernels().copy(common, tmp.buffer(), tmp.layout(), self.dtype(), self.buffer(), self.layout());
        }
        self.versionCounter().bump();
    }

    /** The kernel call of {@link #copy_}; bumps self's version. */
    private static void copyInto(Tensor self, Tensor src, Layout srcExpanded) {
        Tensor from = readableBy(self, src);
        Layout sl = from == src ? srcExpanded : Shapes.expand(from.layout(), self.layout().shape());
        kernels().copy(from.dtype(), from.buffer(), sl, self.dtype(), self.buffer(), self.layout());
        self.versionCounter().bump();
    }

    /**
     * Whether an in-place write into self is recorded: grad mode is on, an operand requires grad, and
     * self's dtype can carry a gradient (writing a float result into an integer buffer cuts the graph,
     * as in PyTorch, where only floating dtypes are differentiable).
     */
    private static boolean recordsInPlace(Tensor self, Tensor other) {
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

    /** A Variable is a Tensor; a leaf is updated in place where autograd does not record (an SGD step). */
    private static final String LEAF_IN_PLACE_REMEDY = "a Variable is a Tensor; update a leaf inside "
            + "try (var g = Autograd.noGrad()) { ... }, or through x.data()";

    private static void checkAutogradAllowsInPlace(Tensor self) {
        if (Autograd.isGradEnabled()) {
            if (self.isLeaf() && self.requiresGradFlag()) {
                throw new IllegalStateException(Messages.withJava("a leaf Variable that requires grad is being used in an "
                        + "in-place operation.", LEAF_IN_PLACE_REMEDY));
            }
            Tensor base = self.base();
            if (base != null && base.isLeaf() && base.requiresGradFlag()) {
                throw new IllegalStateException(Messages.withJava("a view of a leaf Variable that requires grad is being used "
                        + "in an in-place operation.", LEAF_IN_PLACE_REMEDY));
            }
        }
    }

    // ---------------------------------------------------------------- rebasing history (CopySlices)

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
                new Tensor[] {base}, null, wrt(SELF, saves(), c -> ViewOps.scatterView(c.grad(), baseShape, fn, "AsStridedBackward0")));
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
            Tensor result = ViewOps.clone(g, true);
            Tensor region = ViewOps.viewOp(result, "AsStridedBackward0", viewFn);
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
}
