package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.L1Loss}: absolute differences, reduced. */
public class L1Loss extends Loss {
    public L1Loss() {
        this("mean");
    }

    public L1Loss(String reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.l1Loss(input, target, reduction);
    }
}
