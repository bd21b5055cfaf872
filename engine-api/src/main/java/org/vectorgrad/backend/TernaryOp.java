package org.vectorgrad.backend;

/**
 * Elementwise maps of three float operands in one pass ({@link Backend#ternary}), where the same
 * ops written as binary kernels would make two or three passes and a temporary. Each is PyTorch's
 * CPU kernel formula, in its order, every step rounded to the dtype, so the bits are those of the
 * binary ops it replaces. {@code value} is the op's scalar (rounded to the dtype first).
 */
public enum TernaryOp {
    /** {@code addcmul}: {@code x + (value * a) * b}. */
    ADDCMUL(3),
    /** {@code addcdiv}: {@code x + (value * a) / b}. */
    ADDCDIV(3),
    /**
     * {@code clamp}: {@code x < a ? a : x}, then {@code > b ? b : it}, so x is kept where it equals a
     * bound (-0.0 stays -0.0 against 0.0) and where it is NaN; NaN where a bound is NaN; value unused.
     */
    CLAMP(2),
    /**
     * {@code threshold_backward}: {@code a <= b ? 0 : x}, with x relu's incoming gradient, a its result
     * and b the threshold; a select, so an infinite or NaN x is dropped whole where {@code a <= b}, and a NaN
     * a passes x, as PyTorch's kernel; value unused.
     */
    THRESHOLD_BACKWARD(1),
    /**
     * {@code sigmoid_backward}: {@code (x * (1 - a)) * b}, with x sigmoid's incoming gradient and a, b its
     * result (the same tensor twice), ATen's kernel in its order; value unused.
     */
    SIGMOID_BACKWARD(3);

    private final int weight;

    TernaryOp(int weight) {
        this.weight = weight;
    }

    /** Work per element relative to an add, as {@link UnaryOp#weight()}. */
    public int weight() {
        return weight;
    }
}
