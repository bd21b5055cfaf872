package org.vectorgrad;

/**
 * The autograd state of one tensor, made the first time it is needed (PyTorch's AutogradMeta):
 * most tensors never require grad, never get a node and never get a gradient, so they carry one
 * null reference instead of these fields.
 */
final class AutogradMeta {
    /** Set by {@code requiresGrad_} on a leaf; a tensor with a {@link #gradFn} requires grad anyway. */
    boolean requiresGrad;
    /** The node that made the tensor, null for a leaf. */
    GradFn gradFn;
    /** Which output of {@link #gradFn} the tensor is. */
    int outputNr;
    /** The accumulated gradient ({@code x.grad}). */
    Tensor grad;
    boolean retainsGrad;
    /** A leaf's node, made on its first use in a graph and kept, so that every edge to the leaf is the same node. */
    AccumulateGrad accumulator;
    /** For a base: bumped when an in-place write through a view rebases the base's history. */
    int historyVersion;
    /** For a view: the base's {@link #historyVersion} its gradFn was made for. */
    int baseHistorySeen;
}
