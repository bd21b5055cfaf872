package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.Identity}: returns its input. */
public class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
