package org.vectorgrad.backend;

/**
 * Reductions. Input and output share a dtype, except that {@link #ALL} and {@link #ANY} read and
 * write {@code boolean[]}. MAX and MIN propagate NaN; over zero elements SUM gives 0, PROD 1,
 * SUM_SQUARES and SUM_ABS 0, ALL true, ANY false (MAX and MIN of nothing are rejected before the backend).
 */
public enum ReduceOp {
    /** Sum of the elements. */
    SUM,
    /** Product of the elements. */
    PROD,
    /** Largest element. */
    MAX,
    /** Smallest element. */
    MIN,
    /** Sum of squares, the core of the 2-norm. */
    SUM_SQUARES,
    /** Sum of absolute values, the 1-norm: one pass, where abs then SUM would write a whole copy first. */
    SUM_ABS,
    /** Whether every element is true. */
    ALL,
    /** Whether any element is true. */
    ANY
}
