package org.vectorgrad.backend;

/**
 * Elementwise maps of one operand. Input and output share a dtype; the transcendental ones
 * ({@link #isFloatOnly()}) are only asked of float32 and float64 buffers.
 */
public enum UnaryOp {
    NEG(false),
    ABS(false),
    /** -1, 0 or +1; +0 for both zeros and for NaN, as PyTorch's {@code sign}. */
    SIGN(false),
    SQRT(true),
    EXP(true),
    LOG(true),
    SIN(true),
    COS(true),
    TANH(true),
    SIGMOID(true),
    /** max(x, 0), NaN propagates. */
    RELU(false),
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
