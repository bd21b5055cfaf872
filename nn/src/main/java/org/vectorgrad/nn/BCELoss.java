package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.BCELoss}: binary cross entropy of probabilities (logs clamped at -100, as PyTorch). */
public class BCELoss extends Loss {
    public BCELoss() {
        this("mean");
    }

    public BCELoss(String reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, null, reduction);
    }
}
