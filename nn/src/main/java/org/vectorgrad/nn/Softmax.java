package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.Softmax(dim)}: {@code x.softmax(dim)}. */
public class Softmax extends Module {
    public final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
