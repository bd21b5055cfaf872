package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.Sigmoid}: {@code 1 / (1 + exp(-x))}. */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
