package org.vectorgrad;

import org.vectorgrad.backend.AdamStep;
import org.vectorgrad.backend.SgdStep;

/**
 * The differentiable primitives behind {@code torch.nn.functional} that are single nodes in
 * PyTorch's graph ({@code torch._C._nn}): each gives its result the node name PyTorch prints
 * ({@code MseLossBackward0}, {@code NllLossBackward0}, ...). Users call them through
 * {@code org.vectorgrad.nn.F}, which adds PyTorch's argument handling; the formulas live in
 * {@code NnOps}. Reductions are PyTorch's strings: {@code "mean"}, {@code "sum"}, {@code "none"}.
 *
 * <pre>{@code
 * Tensor loss = Functional.mseLoss(prediction, target, "mean");   // grad_fn=<MseLossBackward0>
 * }</pre>
 */
public final class Functional {
    private Functional() {
    }

    /** {@code mse_loss}: squared differences (broadcast), reduced. */
    public static Tensor mseLoss(Tensor input, Tensor target, String reduction) {
        return NnOps.mseLoss(input, target, reduction);
    }

    /**
     * {@code nll_loss}: input (N, C, d1, ...) or (C) of log-probabilities, int64 target (N, d1, ...)
     * or (); weight (C) or null; targets equal to ignoreIndex count for nothing.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        return NnOps.nllLoss(input, target, weight, ignoreIndex, reduction);
    }

    /** {@code binary_cross_entropy}: input probabilities, target of the same shape, weight broadcast or null. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) {
        return NnOps.binaryCrossEntropy(input, target, weight, reduction);
    }

    /** {@code binary_cross_entropy_with_logits}: stable for any logit; weight and posWeight may be null. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      String reduction) {
        return NnOps.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }

    /** {@code layer_norm} over the trailing dims {@code normalizedShape}; weight and bias may be null. */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return NnOps.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /** {@code embedding}: rows of weight picked by integer indices; a negative paddingIdx for none. */
    public static Tensor embedding(Tensor weight, Tensor indices, long paddingIdx) {
        return NnOps.embedding(weight, indices, paddingIdx);
    }

    /** {@code gelu(x, approximate)}: "none" (the erf form) or "tanh" (see {@code NnOps.gelu}). */
    public static Tensor gelu(Tensor input, String approximate) {
        return NnOps.gelu(input, approximate);
    }

    /** {@code silu}: {@code x * sigmoid(x)}. */
    public static Tensor silu(Tensor input) {
        return NnOps.silu(input);
    }

    /**
     * {@code at::div(Tensor, Scalar)}: x divided by a number, recorded as DivBackward1, the node
     * PyTorch's C++ composites (such as cross entropy with probabilities) leave; Python's
     * {@code x / 2}, {@link Tensor#div(double)}, records DivBackward0.
     */
    public static Tensor divScalar(Tensor x, double divisor) {
        return NnOps.divScalar(x, divisor);
    }

    /**
     * One Adam or AdamW step of a parameter, in place and in one pass over param, grad and state (as
     * PyTorch's fused/foreach paths), giving the bits of the single-tensor sequence of ops; not recorded
     * by autograd (call it under no_grad, as optimizers do), versions of the written tensors bumped.
     * {@code maxExpAvgSq} is null unless {@code step.amsgrad()}.
     *
     * <pre>{@code
     * Functional.adamStep_(p, p.grad(), expAvg, expAvgSq, null,
     *         new AdamStep(0.9, 0.999, 1e-8, lr, 0, false, lr / (1 - Math.pow(0.9, t)), Math.sqrt(1 - Math.pow(0.999, t)), false, false));
     * }</pre>
     */
    public static void adamStep_(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq, AdamStep step) {
        NnOps.adamStep_(param, grad, expAvg, expAvgSq, maxExpAvgSq, step);
    }

    /**
     * One SGD step of a parameter, in place and in one pass (see {@link #adamStep_}); the momentum buffer
     * is null when momentum is 0, and is overwritten with the gradient when {@code step.firstStep()}.
     */
    public static void sgdStep_(Tensor param, Tensor grad, Tensor momentumBuffer, SgdStep step) {
        NnOps.sgdStep_(param, grad, momentumBuffer, step);
    }

    /**
     * {@code torch.nn.Parameter(data, requires_grad)}: a leaf sharing data's storage, printed with
     * PyTorch's "Parameter containing:" line.
     */
    public static Tensor parameter(Tensor data, boolean requiresGrad) {
        Tensor p = data.detach();
        p.markParameter();
        return p.requiresGrad_(requiresGrad);
    }

    /** Whether t was made by {@link #parameter}. */
    public static boolean isParameter(Tensor t) {
        return t.isParameter();
    }
}
