package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/** {@code torch.nn.SiLU}: {@code x * sigmoid(x)}. */
public class SiLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.silu(input);
    }
}
