package org.vectorgrad.backend;

/**
 * Elementwise maps of two operands of one dtype. Arithmetic writes that dtype; comparisons write
 * {@code boolean[]}. For float types the results are those of Java's IEEE 754 operators and
 * {@link Math#pow}; integer division is not asked of a backend (the ops layer promotes it to float).
 * Each op declares its {@link #weight()} here, as {@link UnaryOp} does.
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD(1),
    /** {@code a - b}. */
    SUB(1),
    /** {@code a * b}. */
    MUL(1),
    /** {@code a / b} (float types). */
    DIV(1),
    /** {@code a ** b}: {@link Math#pow} for float types, the exact power wrapping on overflow for integers. */
    POW(8),
    /**
     * Python's {@code //} as PyTorch computes it: {@code floor(a / b)} from {@code (a - fmod(a, b)) / b},
     * each step rounded to the dtype; integer division by zero is an {@link IllegalArgumentException}
     * with PyTorch's message, "ZeroDivisionError" (PyTorch raises a RuntimeError).
     */
    FLOOR_DIVIDE(2),
    /** PyTorch's {@code maximum}: NaN if either operand is NaN. */
    MAXIMUM(1),
    /** PyTorch's {@code minimum}: NaN if either operand is NaN. */
    MINIMUM(1),
    /** {@code a == b}. */
    EQ(1),
    /** {@code a != b}. */
    NE(1),
    /** {@code a < b}. */
    LT(1),
    /** {@code a <= b}. */
    LE(1),
    /** {@code a > b}. */
    GT(1),
    /** {@code a >= b}. */
    GE(1);

    private final int weight;

    BinaryOp(int weight) {
        this.weight = weight;
    }

    /** EQ, NE, LT, LE, GT, GE: the ops that write {@code boolean[]}. */
    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }

    /** Work per element relative to an add, as {@link UnaryOp#weight()}. */
    public int weight() {
        return weight;
    }
}
