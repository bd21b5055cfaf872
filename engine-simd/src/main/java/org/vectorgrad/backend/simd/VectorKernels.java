package org.vectorgrad.backend.simd;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-type half of {@link SimdLinalg}'s memory-bound kernels: strided copies (packing),
 * zeroing, dot and axpy on {@code float[]} or {@code double[]} buffers passed as {@code Object}, so
 * that the loops around them are written once.
 */
abstract sealed class VectorKernels permits VectorKernels.F32, VectorKernels.F64 {

    static final VectorKernels FLOAT32 = new F32();
    static final VectorKernels FLOAT64 = new F64();

    /** A new zeroed buffer of {@code n} elements. */
    abstract Object newBuffer(int n);

    /** Elements a buffer made by {@link #newBuffer} holds. */
    abstract int length(Object buffer);

    /** {@code dst[dstPos + i*dstStride] = src[srcPos + i*srcStride]} for {@code i < n}. */
    final void copy(Object src, int srcPos, int srcStride, Object dst, int dstPos, int dstStride, int n) {
        if (srcStride == 1 && dstStride == 1) {
            System.arraycopy(src, srcPos, dst, dstPos, n);
        } else {
            copyStrided(src, srcPos, srcStride, dst, dstPos, dstStride, n);
        }
    }

    abstract void copyStrided(Object src, int srcPos, int srcStride, Object dst, int dstPos, int dstStride, int n);

    /**
     * Packs one GEMM micro-panel: {@code dst[dstPos + p*width + r] = src[pos + r*rs + p*ks]} for
     * {@code r < w, p < kc}, and zero for {@code w <= r < width}. With {@code rs == 1} each of the
     * kc rows is a contiguous run (a row-major B or a column-major A); otherwise the w sources are
     * read side by side, one element each per step.
     */
    abstract void packPanel(Object src, int pos, int rs, int ks, int w, int width, int kc, Object dst, int dstPos);

    /** Sets {@code n} elements from {@code pos} with the given stride to zero. */
    abstract void zero(Object dst, int pos, int stride, int n);

    /** {@code sum(a[ao + i*as] * b[bo + i*bs])} for {@code i < n}, with four vector accumulators. */
    abstract double dot(Object a, int ao, int as, Object b, int bo, int bs, int n);

    /** {@code y[yo + i] += alpha * x[xo + i]} for {@code i < n}; both contiguous. */
    abstract void axpy(double alpha, Object x, int xo, Object y, int yo, int n);

    /** Stores {@code value}, rounded to the element type, at {@code out[pos]}. */
    abstract void set(Object out, int pos, double value);

    /** The element at {@code buf[pos]}, widened to double. */
    abstract double get(Object buf, int pos);

    /** Index map {@code {0, s, 2s, ...}} of {@code lanes} entries, for gathers with stride s. */
    static int[] strideMap(int lanes, int stride) {
        int[] map = new int[lanes];
        for (int i = 0; i < lanes; i++) {
            map[i] = i * stride;
        }
        return map;
    }

    static final class F32 extends VectorKernels {
        private static final VectorSpecies<Float> S = Widths.FLOATS;
        private static final int V = S.length();

        @Override
        Object newBuffer(int n) {
            return new float[n];
        }

        @Override
        int length(Object buffer) {
            return ((float[]) buffer).length;
        }

        @Override
        void copyStrided(Object src, int srcPos, int srcStride, Object dst, int dstPos, int dstStride, int n) {
            float[] s = (float[]) src;
            float[] d = (float[]) dst;
            for (int i = 0; i < n; i++) {
                d[dstPos + i * dstStride] = s[srcPos + i * srcStride];
            }
        }

        @Override
        void packPanel(Object src, int pos, int rs, int ks, int w, int width, int kc, Object dst, int dstPos) {
            float[] s = (float[]) src;
            float[] d = (float[]) dst;
            if (rs == 1 && w == width && width % V == 0) {
                for (int p = 0; p < kc; p++) {
                    for (int r = 0; r < width; r += V) {
                        FloatVector.fromArray(S, s, pos + p * ks + r).intoArray(d, dstPos + p * width + r);
                    }
                }
                return;
            }
            for (int p = 0; p < kc; p++) {
                int dp = dstPos + p * width;
                int sp = pos + p * ks;
                for (int r = 0; r < w; r++) {
                    d[dp + r] = s[sp + r * rs];
                }
                for (int r = w; r < width; r++) {
                    d[dp + r] = 0;
                }
            }
        }

        @Override
        void zero(Object dst, int pos, int stride, int n) {
            float[] d = (float[]) dst;
            if (stride == 1) {
                Arrays.fill(d, pos, pos + n, 0f);
                return;
            }
            for (int i = 0; i < n; i++) {
                d[pos + i * stride] = 0f;
            }
        }

        @Override
        void set(Object out, int pos, double value) {
            ((float[]) out)[pos] = (float) value;
        }

        @Override
        double get(Object buf, int pos) {
            return ((float[]) buf)[pos];
        }

        @Override
        double dot(Object a, int ao, int as, Object b, int bo, int bs, int n) {
            float[] x = (float[]) a;
            float[] y = (float[]) b;
            if (as == 1 && bs == 1) {
                return dotContiguous(x, ao, y, bo, n);
            }
            return dotGather(x, ao, as, y, bo, bs, n);
        }

        private static float dotContiguous(float[] x, int xo, float[] y, int yo, int n) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            int i = 0;
            for (; i <= n - 4 * V; i += 4 * V) {
                s0 = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), s0);
                s1 = FloatVector.fromArray(S, x, xo + i + V).fma(FloatVector.fromArray(S, y, yo + i + V), s1);
                s2 = FloatVector.fromArray(S, x, xo + i + 2 * V).fma(FloatVector.fromArray(S, y, yo + i + 2 * V), s2);
                s3 = FloatVector.fromArray(S, x, xo + i + 3 * V).fma(FloatVector.fromArray(S, y, yo + i + 3 * V), s3);
            }
            for (; i <= n - V; i += V) {
                s0 = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), s0);
            }
            float sum = Lanes.sum(s0.add(s1).add(s2.add(s3)));
            for (; i < n; i++) {
                sum = Math.fma(x[xo + i], y[yo + i], sum);
            }
            return sum;
        }

        /** Strided operands are gathered V lanes at a time; a stride of 0 broadcasts. */
        private static float dotGather(float[] x, int xo, int xs, float[] y, int yo, int ys, int n) {
            int[] xm = strideMap(V, xs);
            int[] ym = strideMap(V, ys);
            FloatVector s0 = FloatVector.zero(S), s1 = s0;
            int i = 0;
            for (; i <= n - 2 * V; i += 2 * V) {
                s0 = FloatVector.fromArray(S, x, xo + i * xs, xm, 0)
                        .fma(FloatVector.fromArray(S, y, yo + i * ys, ym, 0), s0);
                s1 = FloatVector.fromArray(S, x, xo + (i + V) * xs, xm, 0)
                        .fma(FloatVector.fromArray(S, y, yo + (i + V) * ys, ym, 0), s1);
            }
            float sum = Lanes.sum(s0.add(s1));
            for (; i < n; i++) {
                sum = Math.fma(x[xo + i * xs], y[yo + i * ys], sum);
            }
            return sum;
        }

        @Override
        void axpy(double alpha, Object x, int xo, Object y, int yo, int n) {
            float[] s = (float[]) x;
            float[] d = (float[]) y;
            float a = (float) alpha;
            FloatVector va = FloatVector.broadcast(S, a);
            int i = 0;
            for (; i <= n - V; i += V) {
                va.fma(FloatVector.fromArray(S, s, xo + i), FloatVector.fromArray(S, d, yo + i)).intoArray(d, yo + i);
            }
            for (; i < n; i++) {
                d[yo + i] = Math.fma(a, s[xo + i], d[yo + i]);
            }
        }
    }

    static final class F64 extends VectorKernels {
        private static final VectorSpecies<Double> S = Widths.DOUBLES;
        private static final int V = S.length();

        @Override
        Object newBuffer(int n) {
            return new double[n];
        }

        @Override
        int length(Object buffer) {
            return ((double[]) buffer).length;
        }

        @Override
        void copyStrided(Object src, int srcPos, int srcStride, Object dst, int dstPos, int dstStride, int n) {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int i = 0; i < n; i++) {
                d[dstPos + i * dstStride] = s[srcPos + i * srcStride];
            }
        }

        @Override
        void packPanel(Object src, int pos, int rs, int ks, int w, int width, int kc, Object dst, int dstPos) {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            if (rs == 1 && w == width && width % V == 0) {
                for (int p = 0; p < kc; p++) {
                    for (int r = 0; r < width; r += V) {
                        DoubleVector.fromArray(S, s, pos + p * ks + r).intoArray(d, dstPos + p * width + r);
                    }
                }
                return;
            }
            for (int p = 0; p < kc; p++) {
                int dp = dstPos + p * width;
                int sp = pos + p * ks;
                for (int r = 0; r < w; r++) {
                    d[dp + r] = s[sp + r * rs];
                }
                for (int r = w; r < width; r++) {
                    d[dp + r] = 0;
                }
            }
        }

        @Override
        void zero(Object dst, int pos, int stride, int n) {
            double[] d = (double[]) dst;
            if (stride == 1) {
                Arrays.fill(d, pos, pos + n, 0d);
                return;
            }
            for (int i = 0; i < n; i++) {
                d[pos + i * stride] = 0d;
            }
        }

        @Override
        void set(Object out, int pos, double value) {
            ((double[]) out)[pos] = value;
        }

        @Override
        double get(Object buf, int pos) {
            return ((double[]) buf)[pos];
        }

        @Override
        double dot(Object a, int ao, int as, Object b, int bo, int bs, int n) {
            double[] x = (double[]) a;
            double[] y = (double[]) b;
            if (as == 1 && bs == 1) {
                return dotContiguous(x, ao, y, bo, n);
            }
            return dotGather(x, ao, as, y, bo, bs, n);
        }

        private static double dotContiguous(double[] x, int xo, double[] y, int yo, int n) {
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            int i = 0;
            for (; i <= n - 4 * V; i += 4 * V) {
                s0 = DoubleVector.fromArray(S, x, xo + i).fma(DoubleVector.fromArray(S, y, yo + i), s0);
                s1 = DoubleVector.fromArray(S, x, xo + i + V).fma(DoubleVector.fromArray(S, y, yo + i + V), s1);
                s2 = DoubleVector.fromArray(S, x, xo + i + 2 * V).fma(DoubleVector.fromArray(S, y, yo + i + 2 * V), s2);
                s3 = DoubleVector.fromArray(S, x, xo + i + 3 * V).fma(DoubleVector.fromArray(S, y, yo + i + 3 * V), s3);
            }
            for (; i <= n - V; i += V) {
                s0 = DoubleVector.fromArray(S, x, xo + i).fma(DoubleVector.fromArray(S, y, yo + i), s0);
            }
            double sum = Lanes.sum(s0.add(s1).add(s2.add(s3)));
            for (; i < n; i++) {
                sum = Math.fma(x[xo + i], y[yo + i], sum);
            }
            return sum;
        }

        private static double dotGather(double[] x, int xo, int xs, double[] y, int yo, int ys, int n) {
            int[] xm = strideMap(V, xs);
            int[] ym = strideMap(V, ys);
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0;
            int i = 0;
            for (; i <= n - 2 * V; i += 2 * V) {
                s0 = DoubleVector.fromArray(S, x, xo + i * xs, xm, 0)
                        .fma(DoubleVector.fromArray(S, y, yo + i * ys, ym, 0), s0);
                s1 = DoubleVector.fromArray(S, x, xo + (i + V) * xs, xm, 0)
                        .fma(DoubleVector.fromArray(S, y, yo + (i + V) * ys, ym, 0), s1);
            }
            double sum = Lanes.sum(s0.add(s1));
            for (; i < n; i++) {
                sum = Math.fma(x[xo + i * xs], y[yo + i * ys], sum);
            }
            return sum;
        }

        @Override
        void axpy(double alpha, Object x, int xo, Object y, int yo, int n) {
            double[] s = (double[]) x;
            double[] d = (double[]) y;
            DoubleVector va = DoubleVector.broadcast(S, alpha);
            int i = 0;
            for (; i <= n - V; i += V) {
                va.fma(DoubleVector.fromArray(S, s, xo + i), DoubleVector.fromArray(S, d, yo + i)).intoArray(d, yo + i);
            }
            for (; i < n; i++) {
                d[yo + i] = Math.fma(alpha, s[xo + i], d[yo + i]);
            }
        }
    }
}
