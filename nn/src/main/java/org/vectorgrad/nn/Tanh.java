package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.Tanh}. */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
