package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.Flatten(start_dim=1, end_dim=-1)}: keeps the batch dim, flattens the rest. */
public class Flatten extends Module {
    public final int startDim;
    public final int endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
