package org.vectorgrad.backend;

/**
 * Elementwise maps of one operand. Input and output share a dtype; the transcendental ones
 * ({@link #isFloatOnly()}) are only asked of float32 and float64 buffers. Each op declares its
 * {@link #weight()} here, so that no backend prices a new op by a default.
 */
public enum UnaryOp {
    /** {@code -x}. */
    NEG(false, 1),
    /** {@code |x|}. */
    ABS(false, 1),
    /** -1, 0 or +1; +0 for both zeros and for NaN, as PyTorch's {@code sign}. */
    SIGN(false, 1),
    /** Square root. */
    SQRT(true, 2),
    /** {@code e^x}. */
    EXP(true, 8),
    /** Natural logarithm. */
    LOG(true, 8),
    /** Sine. */
    SIN(true, 8),
    /** Cosine. */
    COS(true, 8),
    /** Tangent. */
    TAN(true, 8),
    /** Hyperbolic tangent. */
    TANH(true, 8),
    /** {@code 1 / (1 + e^-x)}. */
    SIGMOID(true, 8),
    /** The error function {@code 2/sqrt(pi) * integral_0^x e^(-t^2) dt}. */
    ERF(true, 8),
    /** max(x, 0), NaN propagates. */
    RELU(false, 1),
    /** {@code 1 / x}. */
    RECIPROCAL(true, 2);

    private final boolean floatOnly;
    private final int weight;

    UnaryOp(boolean floatOnly, int weight) {
        this.floatOnly = floatOnly;
        this.weight = weight;
    }

    /** Whether the op is only asked of float32 and float64 buffers (integers are promoted first). */
    public boolean isFloatOnly() {
        return floatOnly;
    }

    /**
     * Work per element relative to an add (1: a few instructions, 2: a division or square root,
     * 8: a transcendental), which a backend may use to decide when splitting a job across threads
     * pays.
     */
    public int weight() {
        return weight;
    }
}
