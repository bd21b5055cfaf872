package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.GELU()}: {@code x * Phi(x) = x * 0.5 * (1 + erf(x / sqrt(2)))}; with
 * {@code approximate="tanh"}, {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}.
 *
 * <pre>{@code
 * Module act = new GELU();   // prints GELU(approximate='none')
 * }</pre>
 */
public class GELU extends Module {
    public final String approximate;

    public GELU() {
        this("none");
    }

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
