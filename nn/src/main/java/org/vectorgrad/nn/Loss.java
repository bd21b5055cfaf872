package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/**
 * The base of the loss modules (PyTorch's {@code _Loss}): a reduction, {@code "mean"} by default,
 * and {@link #forward(Tensor, Tensor)} of an input and a target.
 */
public abstract class Loss extends Module {
    public final String reduction;

    protected Loss(String reduction) {
        F.reductionCode(reduction);
        this.reduction = reduction;
    }

    /** {@code loss_fn(input, target)}. */
    public abstract Tensor forward(Tensor input, Tensor target);
}
