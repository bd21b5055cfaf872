package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.MSELoss}: squared differences, reduced ({@code "mean"}, {@code "sum"}, {@code "none"}). */
public class MSELoss extends Loss {
    public MSELoss() {
        this("mean");
    }

    public MSELoss(String reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.mseLoss(input, target, reduction);
    }
}
