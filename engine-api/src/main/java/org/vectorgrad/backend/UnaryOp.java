package org.vectorgrad.backend;

/**
 * Elementwise maps of one operand. Input and output share a dtype; the transcendental ones
 * ({@link #isFloatOnly()}) are only asked of float32 and float64 buffers.
 */
public enum UnaryOp {
    /** {@code -x}. */
    NEG(false),
    /** {@code |x|}. */
    ABS(false),
    /** -1, 0 or +1; +0 for both zeros and for NaN, as PyTorch's {@code sign}. */
    SIGN(false),
    /** Square root. */
    SQRT(true),
    /** {@code e^x}. */
    EXP(true),
    /** Natural logarithm. */
    LOG(true),
    /** Sine. */
    SIN(true),
    /** Cosine. */
    COS(true),
    /** Hyperbolic tangent. */
    TANH(true),
    /** {@code 1 / (1 + e^-x)}. */
    SIGMOID(true),
    /** max(x, 0), NaN propagates. */
    RELU(false),
    /** {@code 1 / x}. */
    RECIPROCAL(true);

    private final boolean floatOnly;

    UnaryOp(boolean floatOnly) {
        this.floatOnly = floatOnly;
    }

    /** Whether the op is only asked of float32 and float64 buffers (integers are promoted first). */
    public boolean isFloatOnly() {
        return floatOnly;
    }
}
