package org.vectorgrad.backend;

/**
 * Reductions. Input and output share a dtype, except that {@link #ALL} and {@link #ANY} read and
 * write {@code boolean[]}. MAX and MIN propagate NaN; over zero elements SUM gives 0, PROD 1,
 * SUM_SQUARES 0, ALL true, ANY false (MAX and MIN of nothing are rejected before the backend).
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
    /** Whether every element is true. */
    ALL,
    /** Whether any element is true. */
    ANY
}
