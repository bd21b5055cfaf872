package org.vectorgrad.spark;

import java.io.Serializable;

/**
 * What {@code treeAggregate} carries: the weighted gradients of all parameters flattened into one
 * float array (absent until a partition contributes, so the zero value shipped with every task is a
 * few bytes), the weighted loss and the example count. Java serialization writes the array as raw
 * bytes: 4 bytes per parameter.
 */
final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    float[] grad;
    double loss;
    long examples;

    /** Adds {@code other} into this (Spark allows combOp to modify and return its first argument). */
    GradientSum merge(GradientSum other) {
        if (other.grad != null) {
            if (grad == null) {
                grad = other.grad;
            } else {
                float[] g = grad;
                float[] o = other.grad;
                for (int i = 0; i < g.length; i++) {
                    g[i] += o[i];
                }
            }
        }
        loss += other.loss;
        examples += other.examples;
        return this;
    }
}
