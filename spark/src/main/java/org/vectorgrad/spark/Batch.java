package org.vectorgrad.spark;

import org.vectorgrad.Tensor;

/** One mini-batch: the model's input and the loss's target, both with the batch as dim 0. */
public record Batch(Tensor input, Tensor target) {
}
