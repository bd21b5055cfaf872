package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.BCEWithLogitsLoss}: sigmoid and binary cross entropy in one stable formula. */
public class BCEWithLogitsLoss extends Loss {
    public final Tensor weight;
    public final Tensor posWeight;

    public BCEWithLogitsLoss() {
        this(null, "mean", null);
    }

    /** weight and posWeight may be null; both are buffers, as in PyTorch. */
    public BCEWithLogitsLoss(Tensor weight, String reduction, Tensor posWeight) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
        this.posWeight = registerBuffer("pos_weight", posWeight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }
}
