package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.GELU(approximate="tanh")}: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}.
 * PyTorch's default, the exact {@code x * Phi(x)}, needs an erf kernel that the backends do not
 * have yet, so the approximation must be asked for by name.
 */
public class GELU extends Module {
    public final String approximate;

    public GELU(String approximate) {
        F.gelu(Tensor.zeros(0), approximate);   // rejects what forward would
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.gelu(input, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
