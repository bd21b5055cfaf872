package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.NLLLoss}: the negative log-likelihood of log-probabilities at class indices. */
public class NLLLoss extends Loss {
    public final Tensor weight;
    public final long ignoreIndex;

    public NLLLoss() {
        this(null, -100, "mean");
    }

    public NLLLoss(Tensor weight, long ignoreIndex, String reduction) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, weight, ignoreIndex, reduction);
    }
}
