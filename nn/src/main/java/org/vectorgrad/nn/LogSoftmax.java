package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.LogSoftmax(dim)}: {@code x.logSoftmax(dim)}. */
public class LogSoftmax extends Module {
    public final int dim;

    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
