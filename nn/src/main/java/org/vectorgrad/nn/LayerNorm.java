package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True)}: normalises
 * over the trailing dims (biased variance), then scales by weight (ones) and shifts by bias (zeros).
 */
public class LayerNorm extends Module {
    public final long[] normalizedShape;
    public final double eps;
    /** Null without elementwise affine. */
    public final Tensor weight;
    public final Tensor bias;

    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = registerParameter("weight", elementwiseAffine ? Parameter.of(Tensor.ones(normalizedShape)) : null);
        this.bias = registerParameter("bias", elementwiseAffine ? Parameter.of(Tensor.zeros(normalizedShape)) : null);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder("(");
        for (long n : normalizedShape) {
            s.append(n).append(normalizedShape.length == 1 ? "," : ", ");
        }
        String shape = normalizedShape.length > 1 ? s.substring(0, s.length() - 2) : s.toString();
        return shape + "), eps=" + Py.num(eps) + ", elementwise_affine=" + (weight != null ? "True" : "False");
    }
}
