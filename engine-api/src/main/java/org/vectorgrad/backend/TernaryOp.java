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
    /** {@code clamp} with both bounds: {@code minimum(maximum(x, a), b)}, NaN if any operand is NaN; value unused. */
    CLAMP(2),
    /**
     * {@code threshold_backward}: {@code a <= b ? 0 : x}, with x relu's incoming gradient, a its result
     * and b the threshold; a select, so an infinite or NaN x is dropped whole where {@code a <= b}, and a NaN
     * a passes x, as PyTorch's kernel; value unused.
     */
    THRESHOLD_BACKWARD(1);

    private final int weight;

    TernaryOp(int weight) {
        this.weight = weight;
    }

    /** Work per element relative to an add, as {@link UnaryOp#weight()}. */
    public int weight() {
        return weight;
    }
}
