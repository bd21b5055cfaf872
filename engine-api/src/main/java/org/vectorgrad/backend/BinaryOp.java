package org.vectorgrad.backend;

/**
 * Elementwise maps of two operands of one dtype. Arithmetic writes that dtype; comparisons write
 * {@code boolean[]}. For float types the results are those of Java's IEEE 754 operators and
 * {@link Math#pow}; integer division is not asked of a backend (the ops layer promotes it to float).
 * Each op declares its {@link #weight()} here, as {@link UnaryOp} does.
 */
public enum BinaryOp {
    ADD(1), SUB(1), MUL(1), DIV(1), POW(8),
    /**
     * Python's {@code //} as PyTorch computes it: {@code floor(a / b)} from {@code (a - fmod(a, b)) / b},
     * each step rounded to the dtype; integer division by zero is an {@link ArithmeticException}.
     */
    FLOOR_DIVIDE(2),
    /** PyTorch's {@code maximum}: NaN if either operand is NaN. */
    MAXIMUM(1),
    /** PyTorch's {@code minimum}: NaN if either operand is NaN. */
    MINIMUM(1),
    EQ(1), NE(1), LT(1), LE(1), GT(1), GE(1);

    private final int weight;

    BinaryOp(int weight) {
        this.weight = weight;
    }

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }

    /** Work per element relative to an add, as {@link UnaryOp#weight()}. */
    public int weight() {
        return weight;
    }
}
