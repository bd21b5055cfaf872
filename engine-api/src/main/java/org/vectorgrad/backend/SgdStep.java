package org.vectorgrad.backend;

/**
 * The numbers of one {@code torch.optim.SGD} step for {@link Backend#sgdStep}. A backend rounds each
 * to the parameters' dtype before use, as the tensor ops of PyTorch's single-tensor SGD do.
 *
 * @param lr the learning rate
 * @param momentum 0 for plain SGD (no buffer)
 * @param dampening the momentum buffer takes {@code (1 - dampening)} of the gradient
 * @param weightDecay L2 penalty added to the gradient; 0 for none
 * @param nesterov whether the step is {@code d + momentum * buf} instead of {@code buf}
 * @param maximize whether to ascend (the gradient negated)
 * @param firstStep whether the momentum buffer is new: it becomes the gradient, as PyTorch's clone
 */
public record SgdStep(double lr, double momentum, double dampening, double weightDecay, boolean nesterov,
                      boolean maximize, boolean firstStep) {
}
