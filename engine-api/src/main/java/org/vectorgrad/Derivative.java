package org.vectorgrad;

import java.util.Arrays;
import org.vectorgrad.backend.Layout;

/**
 * The pieces a derivative declaration is made of, in the spirit of PyTorch's derivatives.yaml: for
 * each differentiable input, what the formula needs saved and the formula itself, written with
 * {@link Tensor} operations so that it is differentiable in turn.
 *
 * <pre>{@code
 * wrt(SELF, saves(OTHER), c -> c.grad().mul(c.other()))     // d(a*b)/da needs b saved
 * }</pre>
 */
final class Derivative {
    private Derivative() {
    }

    /** Bits naming input 0, input 1 and the operation's result (RESULT is the highest bit). */
    static final int SELF = 1;
    static final int OTHER = 1 << 1;
    static final int RESULT = 1 << 30;

    /** The bit of input {@code i}. */
    static int input(int i) {
        return 1 << i;
    }

    /** What a formula needs saved: nothing. */
    static int saves() {
        return 0;
    }

    /** What a formula needs saved, e.g. {@code saves(OTHER)}; several as {@code saves(SELF, RESULT)}. */
    static int saves(int what) {
        return what;
    }

    static int saves(int what, int also) {
        return what | also;
    }

    static int saves(int what, int also, int andAlso) {
        return what | also | andAlso;
    }

    @FunctionalInterface
    interface Formula {
        Tensor apply(Ctx c);
    }

    /** The gradient formula for input number {@code input}, which needs the tensors in {@code saves} (a mask). */
    record Wrt(int input, int saves, Formula formula) {
    }

    /** The gradient wrt the input of bit {@code inputBit}; {@code saves} from {@link #saves}. */
    static Wrt wrt(int inputBit, int saves, Formula formula) {
        return new Wrt(Integer.numberOfTrailingZeros(inputBit), saves, formula);
    }

    /** What a formula sees: the incoming gradient and the saved tensors. */
    static final class Ctx {
        private final Tensor grad;
        private final Node node;
        /** The input whose formula is being applied. */
        private int input;

        Ctx(Tensor grad, Node node) {
            this.grad = grad;
            this.node = node;
        }

        Tensor grad() {
            return grad;
        }

        Tensor self() {
            return node.saved(SELF);
        }

        Tensor other() {
            return node.saved(OTHER);
        }

        Tensor input(int i) {
            return node.saved(Derivative.input(i));
        }

        Tensor result() {
            return node.saved(RESULT);
        }

        /**
         * {@code a op b} where {@code temp}, one of a and b, is this formula's own temporary (the fresh
         * result of an op it called, which nothing else holds): written over temp when no graph of the
         * backward is being built, so that a formula of several steps fills one new array, as ATen's
         * fused backward kernels do; recorded and out of place under create_graph, so the formula stays
         * differentiable. {@code c.over(t, MUL, c.grad(), t)} is {@code c.grad().mul(t)}, bit for bit.
         */
        Tensor over(Tensor temp, ElementwiseOps.Arithmetic op, Tensor a, Tensor b) {
            if (Autograd.isGradEnabled()) {
                return ElementwiseOps.arithmetic(op, a, b);
            }
            return OpSupport.binaryOver(temp, op.kernel, a, b, OpSupport.computeType(op.kernel, a, b));
        }

        /**
         * {@code a * b}, the gradient of a product's operand before the engine sums it to that operand's
         * shape: when the operand is one element broadcast over a and b ({@code x * s} with a 0-dim s)
         * and no graph of the backward is being built, that sum is one dot product over a and b laid
         * out alike, without the product array (ATen writes the product, then sums it). Otherwise
         * {@code a.mul(b)}, recorded under create_graph.
         */
        Tensor timesSummed(Tensor a, Tensor b) {
            int[] shape = node.inputMeta[input].shape();
            if (Autograd.isGradEnabled() || Shapes.numel(shape) != 1 || a.numel() < 2 || a.dtype() != b.dtype()
                    || !a.dtype().isFloatingPoint() || !denseAlike(a.layout(), b.layout())) {
                return a.mul(b);
            }
            Tensor r = Tensor.empty(a.dtype(), shape);
            int[] n = {a.layout().size()};
            int[] unit = {1};
            OpSupport.kernels().dot(a.dtype(), a.buffer(), new Layout(a.layout().offset(), n, unit),
                    b.buffer(), new Layout(b.layout().offset(), n, unit), r.buffer(), r.layout().offset());
            return r;
        }

        /** Two layouts of one shape over gap-free blocks, element i at the same place of each block. */
        private static boolean denseAlike(Layout a, Layout b) {
            if (!a.hasSameShape(b) || !a.isNonOverlappingAndDense() || !b.isNonOverlappingAndDense()) {
                return false;
            }
            for (int d = 0; d < a.rank(); d++) {
                if (a.shape(d) > 1 && a.stride(d) != b.stride(d)) {
                    return false;
                }
            }
            return true;
        }

        /** {@code op(temp)}, written over this formula's own temporary as {@link #over} (the unary table's row under create_graph). */
        Tensor over(Tensor temp, org.vectorgrad.backend.UnaryOp op) {
            if (Autograd.isGradEnabled()) {
                return ElementwiseOps.apply(op, temp);
            }
            return OpSupport.unaryOver(temp, op, temp);
        }

        /** {@link #over} with a Java number as b. */
        Tensor over(Tensor temp, ElementwiseOps.Arithmetic op, Tensor a, double b) {
            return over(temp, op, a, Tensor.wrap(b));
        }
    }

    /**
     * A graph node whose gradients come from declared formulas. It holds one saved tensor per bit of
     * its save mask, in bit order (so the result, the highest bit, comes last).
     */
    static final class Node extends GradFn {
        private static final SavedTensor[] NONE = {};
        private final Formula[] formulas;
        private final int savedMask;
        private final SavedTensor[] saved;

        /** {@code savedMask}: the bits of what {@link #save} will be given, from {@link #saves}. */
        Node(String name, Edge[] next, InputMeta[] meta, Formula[] formulas, int savedMask) {
            super(name, next, meta);
            this.formulas = formulas;
            this.savedMask = savedMask;
            this.saved = savedMask == 0 ? NONE : new SavedTensor[Integer.bitCount(savedMask)];
        }

        /** Saves {@code t} as what {@code bit} names (an input's bit or RESULT). */
        void save(int bit, Tensor t) {
            saved[slot(bit)] = new SavedTensor(t, bit == RESULT);
        }

        private int slot(int bit) {
            return Integer.bitCount(savedMask & (bit - 1));
        }

        Tensor saved(int bit) {
            if ((savedMask & bit) == 0) {
                throw new IllegalStateException(name() + " did not save " + (bit == RESULT ? "its result" : "input "
                        + Integer.numberOfTrailingZeros(bit)) + " (declaration error)");
            }
            return saved[slot(bit)].unpack(this);
        }

        @Override
        Tensor[] apply(Tensor[] gradOutputs) {
            Tensor g = gradOutputs[0];
            Tensor[] out = new Tensor[next.length];
            if (g == null) {
                return out;
            }
            Ctx c = new Ctx(g, this);
            // The gradients of broadcast inputs first, each summed down to its input's shape at once: without
            // a graph of the backward their full-size temporaries are then dead, and the engine hands their
            // arrays to the other formulas' results (y's product in x * row, before x's gradient g * row).
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < next.length; i++) {
                    if (next[i] != null && next[i].function() != null && formulas[i] != null && (pass == 0) == isBroadcast(i, g)) {
                        c.input = i;
                        out[i] = pass == 0 ? summedDown(formulas[i].apply(c), inputMeta[i].shape()) : formulas[i].apply(c);
                    }
                }
            }
            return out;
        }

        /** Whether input i has fewer elements than the incoming gradient: its gradient is summed down. */
        private boolean isBroadcast(int i, Tensor g) {
            return Shapes.numel(inputMeta[i].shape()) < g.numel();
        }

        /**
         * A broadcast input's gradient summed to its shape, as the engine would; the unreduced tensor,
         * when it is this formula's own array (not a gradient the engine handed out), is released to the
         * running pass. Under create_graph nothing is released: the graph may hold it.
         */
        private static Tensor summedDown(Tensor grad, int[] shape) {
            if (Arrays.equals(grad.layout().shape(), shape) || !ReductionOps.expandableTo(shape, grad.layout().shape())) {
                return grad;   // an invalid shape is the engine's to report
            }
            Tensor r = ReductionOps.sumTo(grad, shape);
            if (!Autograd.isGradEnabled() && r.buffer() != grad.buffer()) {
                Engine.release(grad);
            }
            return r;
        }

        @Override
        void releaseSaved() {
            for (SavedTensor s : saved) {
                if (s != null) {
                    s.release();
                }
            }
        }
    }
}
