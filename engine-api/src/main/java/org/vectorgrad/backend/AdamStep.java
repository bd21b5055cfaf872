package org.vectorgrad.backend;

/**
 * The numbers of one {@code torch.optim.Adam} / {@code AdamW} step for {@link Backend#adamStep}: the
 * group's options and this step's bias corrections. A backend rounds each to the parameters' dtype
 * before use, as the tensor ops of PyTorch's single-tensor Adam do with their scalar arguments.
 *
 * @param beta1 decay of the first moment ({@code exp_avg})
 * @param beta2 decay of the second moment ({@code exp_avg_sq})
 * @param eps added to the denominator
 * @param lr the learning rate (used by decoupled weight decay: {@code p *= 1 - lr * weightDecay})
 * @param weightDecay L2 penalty added to the gradient (Adam) or decoupled (AdamW); 0 for none
 * @param decoupled whether weight decay is AdamW's
 * @param stepSize {@code lr / (1 - beta1^step)}
 * @param biasCorrection2Sqrt {@code sqrt(1 - beta2^step)}
 * @param amsgrad whether the denominator uses the running maximum of {@code exp_avg_sq}
 * @param maximize whether to ascend (the gradient negated)
 */
public record AdamStep(double beta1, double beta2, double eps, double lr, double weightDecay, boolean decoupled,
                       double stepSize, double biasCorrection2Sqrt, boolean amsgrad, boolean maximize) {
}
