package org.vectorgrad;

/**
 * The pieces a derivative declaration is made of, in the spirit of PyTorch's derivatives.yaml: for
 * each differentiable input, what the formula needs saved and the formula itself, written with
 * {@link Tensor} operations so that it is differentiable in turn.
 *
 * <pre>{@code
 * wrt(SELF, OTHER, c -> c.grad().mul(c.other()))     // d(a*b)/da needs b saved
 * }</pre>
 */
final class Derivative {
    private Derivative() {
    }

    /** Save-mask bits: input 0, input 1, and the operation's result. */
    static final int NOTHING = 0;
    static final int SELF = 1;
    static final int OTHER = 1 << 1;
    static final int RESULT = 1 << 30;

    /** Save-mask bit for input {@code i}. */
    static int input(int i) {
        return 1 << i;
    }

    @FunctionalInterface
    interface Formula {
        Tensor apply(Ctx c);
    }

    /** The gradient formula for input {@code input}, which needs the tensors in {@code saves}. */
    record Wrt(int input, int saves, Formula formula) {
    }

    static Wrt wrt(int inputBit, int saves, Formula formula) {
        return new Wrt(Integer.numberOfTrailingZeros(inputBit), saves, formula);
    }

    /** What a formula sees: the incoming gradient and the saved tensors. */
    static final class Ctx {
        private final Tensor grad;
        private final Node node;

        Ctx(Tensor grad, Node node) {
            this.grad = grad;
            this.node = node;
        }

        Tensor grad() {
            return grad;
        }

        Tensor self() {
            return node.saved(0);
        }

        Tensor other() {
            return node.saved(1);
        }

        Tensor input(int i) {
            return node.saved(i);
        }

        Tensor result() {
            return node.saved(Node.RESULT_SLOT);
        }
    }

    /** A graph node whose gradients come from declared formulas. */
    static final class Node extends GradFn {
        static final int RESULT_SLOT = 30;
        private final Formula[] formulas;
        private final SavedTensor[] saved = new SavedTensor[31];

        Node(String name, Edge[] next, InputMeta[] meta, Formula[] formulas) {
            super(name, next, meta);
            this.formulas = formulas;
        }

        void save(int slot, Tensor t) {
            saved[slot] = new SavedTensor(t, slot == RESULT_SLOT);
        }

        Tensor saved(int slot) {
            SavedTensor s = saved[slot];
            if (s == null) {
                throw new IllegalStateException(name() + " did not save input " + slot + " (declaration error)");
            }
            return s.unpack(this);
        }

        @Override
        Tensor[] apply(Tensor[] gradOutputs) {
            Tensor g = gradOutputs[0];
            Tensor[] out = new Tensor[next.length];
            if (g == null) {
                return out;
            }
            Ctx c = new Ctx(g, this);
            for (int i = 0; i < next.length; i++) {
                if (next[i] != null && next[i].function() != null && formulas[i] != null) {
                    out[i] = formulas[i].apply(c);
                }
            }
            return out;
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
