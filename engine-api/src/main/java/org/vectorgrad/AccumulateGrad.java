package org.vectorgrad;

/**
 * The graph node of a leaf that requires grad: adds the gradient that reaches it into the leaf's
 * {@code grad}. The first gradient is adopted without a copy when nothing else can see it.
 *
 * <p>A leaf has one accumulator, and accumulation holds its lock, as PyTorch's AccumulateGrad holds
 * its node mutex: backward passes running in several threads into one shared leaf (Hogwild-style
 * training, several losses over shared weights) add every gradient, none is lost to a race.
 */
final class AccumulateGrad extends GradFn {
    final Tensor variable;

    AccumulateGrad(Tensor variable) {
        super("AccumulateGrad", new Edge[0], new InputMeta[0]);
        this.variable = variable;
    }

    @Override
    public Tensor variable() {
        return variable;
    }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) {
        throw new IllegalStateException("AccumulateGrad is applied by the engine through accumulate()");
    }

    /**
     * Adds {@code g} into the leaf's grad; {@code owned} says the engine holds the only reference to g
     * and no other leaf's grad covers its storage (it may be a view: then the grad is too). Returns
     * whether the grad is now g itself (adopted); otherwise g was copied or added, and this leaf keeps
     * no reference to it.
     */
    synchronized boolean accumulate(Tensor g, boolean owned, boolean createGraph) {
        Tensor old = variable.gradRaw();
        if (old == null) {
            boolean layoutOk = java.util.Arrays.equals(g.layout().strides(), gradStrides());
            boolean adopt = owned && layoutOk && !createGraph && !g.requiresGrad();
            variable.setGradRaw(adopt ? g : createGraph ? copyObeyingContract(g) : OpSupport.cloneWithStrides(g, gradStrides()));
            return adopt;
        } else if (createGraph || old.requiresGrad()) {
            variable.setGradRaw(old.add(g));
        } else {
            try (var ignored = Autograd.noGrad()) {
                old.add_(g);
            }
        }
        return false;
    }

    /**
     * PyTorch's clone_obey_contract under createGraph: for a dense leaf a tensor with the leaf's strides
     * filled by copy_ (so the grad's history is CopyBackwards), else a contiguous clone. Without a
     * graph the same layout is one untracked copy ({@code gradStrides}), without copy_'s checks.
     */
    private Tensor copyObeyingContract(Tensor g) {
        var l = variable.layout();
        if (l.isNonOverlappingAndDense()) {
            return Tensor.empty(g.dtype(), l.shape(), l.strides()).copy_(g);
        }
        return ViewOps.clone(g, true);
    }

    /** PyTorch's layout contract: a dense leaf's grad has the leaf's strides, others are contiguous. */
    private int[] gradStrides() {
        var l = variable.layout();
        return l.isNonOverlappingAndDense() ? l.strides() : org.vectorgrad.backend.Layout.contiguousStrides(l.shape());
    }
}
