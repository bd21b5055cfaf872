package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.Linear}: {@code y = x W^T + b}, W of shape (out, in). Initialised as PyTorch
 * does, so {@code Tensor.manualSeed(0); new Linear(4, 3)} has PyTorch's exact weights: W from
 * {@code kaiming_uniform_(a=sqrt(5))}, b uniform on +-1/sqrt(in).
 *
 * <pre>{@code
 * Linear fc = new Linear(4, 3);
 * Tensor y = fc.forward(Tensor.randn(2, 4));   // shape (2, 3), grad_fn=<AddmmBackward0>
 * }</pre>
 */
public class Linear extends Module {
    public final long inFeatures;
    public final long outFeatures;
    public final Tensor weight;
    /** Null when made with {@code bias=false}. */
    public final Tensor bias;

    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(long inFeatures, long outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Parameter.of(Tensor.zeros(outFeatures, inFeatures)));
        this.bias = registerParameter("bias", bias ? Parameter.of(Tensor.zeros(outFeatures)) : null);
        resetParameters();
    }

    /** PyTorch's {@code reset_parameters()}: the default initialisation, drawn from the global generator. */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            long fanIn = Init.fanIn(weight);
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
