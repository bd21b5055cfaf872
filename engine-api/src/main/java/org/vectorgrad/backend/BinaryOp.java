package org.vectorgrad.backend;

/**
 * Elementwise maps of two operands of one dtype. Arithmetic writes that dtype; comparisons write
 * {@code boolean[]}. For float types the results are those of Java's IEEE 754 operators and
 * {@link Math#pow}; integer division is not asked of a backend (the ops layer promotes it to float).
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b} (float types). */
    DIV,
    /** {@code a ** b}: {@link Math#pow} for float types, the exact power wrapping on overflow for integers. */
    POW,
    /**
     * Python's {@code //} as PyTorch computes it: {@code floor(a / b)} from {@code (a - fmod(a, b)) / b},
     * each step rounded to the dtype; integer division by zero is an {@link IllegalArgumentException}
     * with PyTorch's message, "ZeroDivisionError" (PyTorch raises a RuntimeError).
     */
    FLOOR_DIVIDE,
    /** PyTorch's {@code maximum}: NaN if either operand is NaN. */
    MAXIMUM,
    /** PyTorch's {@code minimum}: NaN if either operand is NaN. */
    MINIMUM,
    /** {@code a == b}. */
    EQ,
    /** {@code a != b}. */
    NE,
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE;

    /** EQ, NE, LT, LE, GT, GE: the ops that write {@code boolean[]}. */
    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }
}
