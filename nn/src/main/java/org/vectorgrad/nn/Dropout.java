package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.Dropout(p)}: in training mode zeroes each element with probability p and scales
 * the rest by {@code 1 / (1 - p)} (the mask drawn from the global generator as PyTorch's CPU
 * kernel draws it); in eval mode the identity.
 */
public class Dropout extends Module {
    public final double p;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        F.checkDropout(p);
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, isTraining());
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.num(p) + ", inplace=False";
    }
}
