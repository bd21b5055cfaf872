package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.ReLU}: {@code max(x, 0)}. */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
