package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.CrossEntropyLoss}: {@code nll_loss(log_softmax(input, 1), target)} for class
 * indices (int64), with class weights, an ignored index (-100 by default) and label smoothing;
 * or, for a floating target of the input's shape, the cross entropy with class probabilities.
 *
 * <pre>{@code
 * Tensor loss = new CrossEntropyLoss().forward(logits, Tensor.of(1L, 0L, 4L));   // grad_fn=<NllLossBackward0>
 * }</pre>
 */
public class CrossEntropyLoss extends Loss {
    public final Tensor weight;
    public final long ignoreIndex;
    public final double labelSmoothing;

    public CrossEntropyLoss() {
        this(null, -100, "mean", 0);
    }

    public CrossEntropyLoss(String reduction) {
        this(null, -100, reduction, 0);
    }

    /** weight may be null; it is registered as a buffer, as in PyTorch. */
    public CrossEntropyLoss(Tensor weight, long ignoreIndex, String reduction, double labelSmoothing) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }
}
