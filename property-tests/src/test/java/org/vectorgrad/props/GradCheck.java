package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.Function;
import net.jqwik.api.Assume;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * PyTorch's gradcheck and gradgradcheck for a {@link GradCase}: analytical vector-Jacobian products
 * from the autograd engine against central finite differences in float64, with PyTorch's tolerances.
 *
 * <p>For a random output gradient {@code v}, element {@code i} of {@code backward(v)}'s gradient must
 * equal {@code sum_k v_k (f_k(x + eps e_i) - f_k(x - eps e_i)) / (2 eps)} within
 * {@code atol + rtol * |numerical|}.
 */
final class GradCheck {
    static final double EPS = 1e-6;
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-3;

    private GradCheck() {
    }

    /** Where one operand's gradient lands and how its input is rebuilt from perturbed values. */
    private record Leaf(Operand operand, boolean isView) {
        Leaf {
            isView &= operand.recipe().nonOverlapping();
        }

        /** The leaf's own values, row-major (storage values, NaN-padded, for a storage leaf). */
        double[] data() {
            return isView ? operand.values().clone() : operand.storageValues(operand.values());
        }

        Tensor leaf(double[] data) {
            return isView ? operand.recipe().view(operand.storage(operand.storageValues(data)), operand.shape())
                    : operand.storage(data);
        }

        Tensor input(Tensor leaf) {
            return isView ? leaf : operand.recipe().view(leaf, operand.shape());
        }
    }

    private static Leaf[] leaves(GradCase c) {
        return c.inputs().stream().map(o -> new Leaf(o, c.leavesAreViews())).toArray(Leaf[]::new);
    }

    private static Tensor[] build(Leaf[] leaves, double[][] data, boolean requiresGrad) {
        Tensor[] t = new Tensor[leaves.length];
        for (int i = 0; i < leaves.length; i++) {
            t[i] = leaves[i].leaf(data[i]);
            if (requiresGrad) {
                t[i].requiresGrad_(true);
            }
        }
        return t;
    }

    private static Tensor[] inputs(Leaf[] leaves, Tensor[] leafTensors) {
        Tensor[] in = new Tensor[leaves.length];
        for (int i = 0; i < leaves.length; i++) {
            in[i] = leaves[i].input(leafTensors[i]);
        }
        return in;
    }

    private static double[][] data(Leaf[] leaves) {
        return Arrays.stream(leaves).map(Leaf::data).toArray(double[][]::new);
    }

    /** {@code v} repeated to {@code n} elements. */
    static double[] cycle(double[] v, int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = v[i % v.length];
        }
        return r;
    }

    /** The case's output computed from leaves that require grad, as {@link #gradcheck} records it. */
    static Tensor recordedOutput(GradCase c) {
        Leaf[] leaves = leaves(c);
        return c.fn().apply(inputs(leaves, build(leaves, data(leaves), true)));
    }

    /** First-order check: backward's vector-Jacobian product against finite differences. */
    static void gradcheck(GradCase c, double[] v) {
        Leaf[] leaves = leaves(c);
        double[][] x = data(leaves);
        assumeFinite(c, leaves, x);
        Tensor[] leafTensors = build(leaves, x, true);
        Tensor out = c.fn().apply(inputs(leaves, leafTensors));
        assertTrue(out.requiresGrad(), () -> c.op() + ": the output does not require grad");
        int[] outShape = Shapes.toInt(out.shape());
        double[] vv = cycle(v, Shapes.numel(outShape));
        out.backward(Tensor.from(vv.clone(), Shapes.toLong(outShape)));
        double[][] analytic = new double[leaves.length][];
        for (int i = 0; i < leaves.length; i++) {
            Tensor g = leafTensors[i].grad();
            analytic[i] = g == null ? new double[x[i].length] : values(g, leafTensors[i]);
        }
        compare(c, "gradient", x, analytic, data -> forward(c, leaves, data), vv);
    }

    /**
     * Second-order check: the gradient computed with {@code createGraph}, contracted with a random
     * {@code w}, differentiated again by the engine and by finite differences of the first-order
     * gradient.
     */
    static void gradgradcheck(GradCase c, double[] v, double[] w) {
        Leaf[] leaves = leaves(c);
        double[][] x = data(leaves);
        assumeFinite(c, leaves, x);
        Tensor[] leafTensors = build(leaves, x, true);
        Tensor out = c.fn().apply(inputs(leaves, leafTensors));
        double[] vv = cycle(v, (int) out.numel());
        Tensor vT = Tensor.from(vv.clone(), out.shape());
        Tensor[] g = Autograd.grad(new Tensor[] {out}, leafTensors, new Tensor[] {vT}, true, true, true);
        double[][] ww = new double[leaves.length][];
        Tensor s = null;
        int used = 0;
        for (int i = 0; i < leaves.length; i++) {
            ww[i] = Arrays.copyOfRange(cycle(w, used + x[i].length), used, used + x[i].length);
            used += x[i].length;
            if (g[i] != null) {
                Tensor term = g[i].mul(Tensor.from(ww[i].clone(), leafTensors[i].shape())).sum();
                s = s == null ? term : s.add(term);
            }
        }
        double[][] analytic = new double[leaves.length][];
        Tensor[] gg = s == null || !s.requiresGrad() ? new Tensor[leaves.length]
                : Autograd.grad(new Tensor[] {s}, leafTensors, null, false, false, true);
        for (int i = 0; i < leaves.length; i++) {
            analytic[i] = gg[i] == null ? new double[x[i].length] : values(gg[i], leafTensors[i]);
        }
        double[] wAll = Arrays.stream(ww).flatMapToDouble(Arrays::stream).toArray();
        compare(c, "gradient of the gradient", x, analytic, data -> {
            Tensor[] t = build(leaves, data, true);
            Tensor o = c.fn().apply(inputs(leaves, t));
            Tensor[] first = Autograd.grad(new Tensor[] {o}, t, new Tensor[] {Tensor.from(vv.clone(), o.shape())}, false, false, true);
            double[] all = new double[wAll.length];
            for (int i = 0, at = 0; i < first.length; at += x[i].length, i++) {
                if (first[i] != null) {
                    System.arraycopy(first[i].toDoubleArray(), 0, all, at, x[i].length);
                }
            }
            return all;
        }, wAll);
    }

    private static double[] values(Tensor grad, Tensor leaf) {
        assertArrayEquals(leaf.shape(), grad.shape(), "gradient shape");
        assertTrue(grad.dtype() == DType.FLOAT64, "gradient dtype " + grad.dtype());
        return grad.toDoubleArray();
    }

    /**
     * Where f is NaN or infinite (the mean of no elements, say) it has no derivative to check: jqwik
     * counts such a try as rejected.
     */
    private static void assumeFinite(GradCase c, Leaf[] leaves, double[][] x) {
        Assume.that(Arrays.stream(forward(c, leaves, x)).allMatch(Double::isFinite));
    }

    private static double[] forward(GradCase c, Leaf[] leaves, double[][] data) {
        try (var noGrad = Autograd.noGrad()) {
            return c.fn().apply(inputs(leaves, build(leaves, data, false))).toDoubleArray();
        }
    }

    /**
     * The analytical gradient against central differences, element by element. Like PyTorch's
     * Jacobian columns, each output is differenced on its own and only then weighted by {@code v}, so
     * large outputs elsewhere add no cancellation error to small derivatives.
     */
    private static void compare(GradCase c, String what, double[][] x, double[][] analytic,
                                Function<double[][], double[]> f, double[] v) {
        for (int i = 0; i < x.length; i++) {
            double[] numerical = numerical(x, i, f, v);
            for (int j = 0; j < x[i].length; j++) {
                double a = analytic[i][j];
                if (Double.isNaN(x[i][j])) {
                    if (a != 0) {
                        fail(c.op() + ": " + what + " of x" + i + " is " + a + " at storage element " + j
                                + ", which the view does not read");
                    }
                    continue;
                }
                double n = numerical[j];
                if (!(Math.abs(a - n) <= ATOL + RTOL * Math.abs(n))) {
                    fail(c.op() + ": " + what + " of x" + i + " differs at element " + j + ": analytical " + a
                            + ", numerical " + n + " (output gradient v = " + Arrays.toString(Arrays.copyOf(v, Math.min(v.length, 8)))
                            + ")\n  analytical " + Arrays.toString(analytic[i]) + "\n  numerical  " + Arrays.toString(numerical));
                }
            }
        }
    }

    /** d(v . f(x)) / dx_i by central differences, one element of input i at a time. */
    private static double[] numerical(double[][] x, int i, Function<double[][], double[]> f, double[] v) {
        double[] n = new double[x[i].length];
        for (int j = 0; j < n.length; j++) {
            if (Double.isNaN(x[i][j])) {
                continue;
            }
            double[][] plus = copy(x);
            double[][] minus = copy(x);
            plus[i][j] += EPS;
            minus[i][j] -= EPS;
            double[] up = f.apply(plus);
            double[] down = f.apply(minus);
            double d = 0;
            for (int k = 0; k < up.length; k++) {
                d += v[k] * ((up[k] - down[k]) / (2 * EPS));
            }
            n[j] = d;
        }
        return n;
    }

    private static double[][] copy(double[][] x) {
        return Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
    }
}
