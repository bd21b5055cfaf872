package org.vectorgrad.bench;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.vectorgrad.backend.Layout;

/**
 * The "plain Java loop" peer: the loops a user writes by hand for one operation on arrays they
 * know the layout of — a flat loop over contiguous data, a row loop with a unit inner stride for a
 * sliced matrix, index arithmetic for a transposed one. No Vector API, no unrolling, strict
 * left-to-right accumulation as Java semantics require.
 *
 * <p>The operation is passed as a lambda; each JMH fork runs one operation, so the call site sees
 * one lambda and HotSpot inlines it, compiling the same code as a loop with the operator written in
 * place (C2 still auto-vectorizes the contiguous {@code add}/{@code mul} loops).
 *
 * <p>Matrix operands are rank 2; results are written contiguously.
 */
final class PlainLoops {
    private PlainLoops() {
    }

    /** {@code float} twin of {@link DoubleBinaryOperator}. */
    @FunctionalInterface
    interface FloatBinary {
        float apply(float x, float y);
    }

    /** {@code float} twin of {@link DoubleUnaryOperator}. */
    @FunctionalInterface
    interface FloatUnary {
        float apply(float x);
    }

    static void map(float[] a, Layout la, float[] b, Layout lb, float[] out, FloatBinary f) {
        int rows = la.shape(0);
        int cols = la.shape(1);
        int oa = la.offset();
        int ob = lb.offset();
        if (la.isContiguous() && lb.isContiguous()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.apply(a[oa + i], b[ob + i]);
            }
        } else if (la.stride(1) == 1 && lb.stride(1) == 1) {
            for (int r = 0; r < rows; r++) {
                int pa = oa + r * la.stride(0);
                int pb = ob + r * lb.stride(0);
                int po = r * cols;
                for (int j = 0; j < cols; j++) {
                    out[po + j] = f.apply(a[pa + j], b[pb + j]);
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    out[r * cols + j] = f.apply(a[oa + r * la.stride(0) + j * la.stride(1)],
                            b[ob + r * lb.stride(0) + j * lb.stride(1)]);
                }
            }
        }
    }

    static void map(double[] a, Layout la, double[] b, Layout lb, double[] out, DoubleBinaryOperator f) {
        int rows = la.shape(0);
        int cols = la.shape(1);
        int oa = la.offset();
        int ob = lb.offset();
        if (la.isContiguous() && lb.isContiguous()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(a[oa + i], b[ob + i]);
            }
        } else if (la.stride(1) == 1 && lb.stride(1) == 1) {
            for (int r = 0; r < rows; r++) {
                int pa = oa + r * la.stride(0);
                int pb = ob + r * lb.stride(0);
                int po = r * cols;
                for (int j = 0; j < cols; j++) {
                    out[po + j] = f.applyAsDouble(a[pa + j], b[pb + j]);
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    out[r * cols + j] = f.applyAsDouble(a[oa + r * la.stride(0) + j * la.stride(1)],
                            b[ob + r * lb.stride(0) + j * lb.stride(1)]);
                }
            }
        }
    }

    static void map(float[] a, Layout la, float[] out, FloatUnary f) {
        int rows = la.shape(0);
        int cols = la.shape(1);
        int oa = la.offset();
        if (la.isContiguous()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.apply(a[oa + i]);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int pa = oa + r * la.stride(0);
                int sa = la.stride(1);
                for (int j = 0; j < cols; j++) {
                    out[r * cols + j] = f.apply(a[pa + j * sa]);
                }
            }
        }
    }

    static void map(double[] a, Layout la, double[] out, DoubleUnaryOperator f) {
        int rows = la.shape(0);
        int cols = la.shape(1);
        int oa = la.offset();
        if (la.isContiguous()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(a[oa + i]);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int pa = oa + r * la.stride(0);
                int sa = la.stride(1);
                for (int j = 0; j < cols; j++) {
                    out[r * cols + j] = f.applyAsDouble(a[pa + j * sa]);
                }
            }
        }
    }

    /** {@code acc = f(acc, x)} over every element in row-major order, starting from {@code init}. */
    static float fold(float[] a, Layout la, float init, FloatBinary f) {
        float acc = init;
        int oa = la.offset();
        if (la.isContiguous()) {
            for (int i = 0; i < la.size(); i++) {
                acc = f.apply(acc, a[oa + i]);
            }
        } else {
            for (int r = 0; r < la.shape(0); r++) {
                int pa = oa + r * la.stride(0);
                int sa = la.stride(1);
                for (int j = 0; j < la.shape(1); j++) {
                    acc = f.apply(acc, a[pa + j * sa]);
                }
            }
        }
        return acc;
    }

    static double fold(double[] a, Layout la, double init, DoubleBinaryOperator f) {
        double acc = init;
        int oa = la.offset();
        if (la.isContiguous()) {
            for (int i = 0; i < la.size(); i++) {
                acc = f.applyAsDouble(acc, a[oa + i]);
            }
        } else {
            for (int r = 0; r < la.shape(0); r++) {
                int pa = oa + r * la.stride(0);
                int sa = la.stride(1);
                for (int j = 0; j < la.shape(1); j++) {
                    acc = f.applyAsDouble(acc, a[pa + j * sa]);
                }
            }
        }
        return acc;
    }

    /** {@code sum(a[i] * b[i])} over two rank-1 layouts. */
    static float dot(float[] a, Layout la, float[] b, Layout lb) {
        float s = 0f;
        int n = la.shape(0);
        int oa = la.offset();
        int ob = lb.offset();
        if (la.stride(0) == 1 && lb.stride(0) == 1) {
            for (int i = 0; i < n; i++) {
                s += a[oa + i] * b[ob + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                s += a[oa + i * la.stride(0)] * b[ob + i * lb.stride(0)];
            }
        }
        return s;
    }

    static double dot(double[] a, Layout la, double[] b, Layout lb) {
        double s = 0;
        int n = la.shape(0);
        int oa = la.offset();
        int ob = lb.offset();
        if (la.stride(0) == 1 && lb.stride(0) == 1) {
            for (int i = 0; i < n; i++) {
                s += a[oa + i] * b[ob + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                s += a[oa + i * la.stride(0)] * b[ob + i * lb.stride(0)];
            }
        }
        return s;
    }

    /**
     * {@code c = a @ b} for rank-2 layouts {@code a [m, k]}, {@code b [k, n]}, in the textbook
     * cache-friendly i-k-j order ({@code c[i, :] += a[i, p] * b[p, :]}), which C2 vectorizes when b's
     * rows are contiguous.
     */
    static void matmul(float[] a, Layout la, float[] b, Layout lb, float[] c) {
        int m = la.shape(0);
        int k = la.shape(1);
        int n = lb.shape(1);
        java.util.Arrays.fill(c, 0f);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[la.offset() + i * la.stride(0) + p * la.stride(1)];
                int bp = lb.offset() + p * lb.stride(0);
                if (lb.stride(1) == 1) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                } else {
                    int sb = lb.stride(1);
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j * sb];
                    }
                }
            }
        }
    }

    static void matmul(double[] a, Layout la, double[] b, Layout lb, double[] c) {
        int m = la.shape(0);
        int k = la.shape(1);
        int n = lb.shape(1);
        java.util.Arrays.fill(c, 0);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[la.offset() + i * la.stride(0) + p * la.stride(1)];
                int bp = lb.offset() + p * lb.stride(0);
                if (lb.stride(1) == 1) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                } else {
                    int sb = lb.stride(1);
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j * sb];
                    }
                }
            }
        }
    }
}
