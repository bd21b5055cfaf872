package org.vectorgrad.props;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.vectorgrad.Tensor;

/**
 * A differentiable computation to check: float64 operands, the function of them (an operation with
 * its parameters, or a composition), and whether it is smooth enough for second derivatives.
 *
 * <p>{@code leavesAreViews} picks where gradients land: on the operands in their layouts (strided
 * leaves), or on the storage the layouts are cut from, with the view operations part of the graph.
 */
record GradCase(String op, List<Operand> inputs, Function<Tensor[], Tensor> fn, boolean smooth, boolean leavesAreViews) {

    GradCase withLeavesAsViews(boolean views) {
        return new GradCase(op, inputs, fn, smooth, views);
    }

    @Override
    public String toString() {
        String operands = IntStream.range(0, inputs.size())
                .mapToObj(i -> "x" + i + " = " + inputs.get(i))
                .collect(Collectors.joining("; "));
        return op + " with " + operands + (leavesAreViews ? " (leaves: the views)" : " (leaves: their storage)");
    }
}
