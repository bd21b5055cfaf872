package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * softmax and log_softmax along rows, as ATen's vectorised {@code _vec_softmax_lastdim}: three passes
 * over a row that stays in L1 (its maximum; exp(x - max) with its sum, stored for softmax; the scale,
 * times 1 / sum as ATen's, or the shift) instead of five whole-tensor ops with their temporaries.
 * float32 rows use {@link ExpLog#exp(FloatVector)} inline, the sum in vector lanes added in {@link
 * Lanes}' fixed order, and a row's tail as one more vector whose lanes past the row add +0 (as exp(-inf)
 * would), so the bits depend on the row only.
 * A row whose elements are not contiguous is gathered into a scratch row and written back. Rows are
 * split across threads by the work of an exp map of the same size.
 */
final class Softmax {
    private Softmax() {
    }

    /** {@link org.vectorgrad.backend.Backend#softmax} for float32 ({@code float[]}) or float64 buffers. */
    static void rows(boolean log, Object src, Layout srcLayout, Object dst, Layout dstLayout) {
        int rank = srcLayout.rank();
        int row = rank == 0 ? 1 : srcLayout.shape(rank - 1);
        int size = srcLayout.size();
        if (row == 0 || size == 0) {
            return;
        }
        int xs = rank == 0 || row == 1 ? 1 : srcLayout.stride(rank - 1);
        int ys = rank == 0 || row == 1 ? 1 : dstLayout.stride(rank - 1);
        boolean f32 = src instanceof float[];
        int rows = size / row;
        // rows split across threads as an exp map of the same size would be: each row's bits are its own
        int parts = Parallel.parts((long) size * UnaryOp.EXP.weight(), rows);
        Parallel.run(parts, p -> {
            Object xRow = xs == 1 ? null : Elementwise.newArrayLike(src, row);
            Object yRow = ys == 1 ? null : Elementwise.newArrayLike(src, row);
            Object scratch = f32 ? null : Elementwise.newArrayLike(src, row);
            for (int r = Parallel.split(rows, parts, p); r < Parallel.split(rows, parts, p + 1); r++) {
                int at = r * row;
                int xo = rowStart(srcLayout, at);
                int yo = rowStart(dstLayout, at);
                Object x = src;
                Object y = yRow == null ? dst : yRow;
                if (xRow != null) {
                    gather(src, xo, xs, xRow, row);
                    x = xRow;
                    xo = 0;
                }
                int o = yRow == null ? yo : 0;
                if (f32) {
                    rowF(log, (float[]) x, xo, (float[]) y, o, row);
                } else {
                    rowD(log, (double[]) x, xo, (double[]) y, o, row, (double[]) scratch);
                }
                if (yRow != null) {
                    scatter(yRow, dst, yo, ys, row);
                }
            }
        });
    }

    /**
     * {@link org.vectorgrad.backend.Backend#softmaxBackward}: each row by {@link FusedKernels}' row kernel,
     * rows whose elements are not contiguous gathered into scratch rows (the result scattered back).
     */
    static void backwardRows(boolean log, Object grad, Layout gradLayout, Object out, Layout outLayout, Object dst, Layout dstLayout) {
        int rank = gradLayout.rank();
        int row = rank == 0 ? 1 : gradLayout.shape(rank - 1);
        int size = gradLayout.size();
        if (row == 0 || size == 0) {
            return;
        }
        int gs = rank == 0 || row == 1 ? 1 : gradLayout.stride(rank - 1);
        int ys = rank == 0 || row == 1 ? 1 : outLayout.stride(rank - 1);
        int ds = rank == 0 || row == 1 ? 1 : dstLayout.stride(rank - 1);
        boolean f32 = grad instanceof float[];
        Object gRow = gs == 1 ? null : Elementwise.newArrayLike(grad, row);
        Object yRow = ys == 1 ? null : Elementwise.newArrayLike(grad, row);
        Object dRow = ds == 1 ? null : Elementwise.newArrayLike(grad, row);
        Object scratch = log ? Elementwise.newArrayLike(grad, Math.max(row, f32 ? FL : ElementwiseKernels.DL)) : null;
        for (int at = 0; at < size; at += row) {
            int go = rowStart(gradLayout, at);
            int yo = rowStart(outLayout, at);
            int dOff = rowStart(dstLayout, at);
            Object g = grad;
            Object y = out;
            if (gRow != null) {
                gather(grad, go, gs, gRow, row);
                g = gRow;
                go = 0;
            }
            if (yRow != null) {
                gather(out, yo, ys, yRow, row);
                y = yRow;
                yo = 0;
            }
            Object d = dRow == null ? dst : dRow;
            int o = dRow == null ? dOff : 0;
            if (f32) {
                FusedKernels.softmaxBackwardF(log, (float[]) g, go, (float[]) y, yo, (float[]) d, o, row, (float[]) scratch);
            } else {
                FusedKernels.softmaxBackwardD(log, (double[]) g, go, (double[]) y, yo, (double[]) d, o, row, (double[]) scratch);
            }
            if (dRow != null) {
                scatter(dRow, dst, dOff, ds, row);
            }
        }
    }

    /**
     * {@link org.vectorgrad.backend.Backend#logsumexpRows}: per row its maximum m (0 where infinite, as
     * ATen's masked_fill of the maxes) and sum(exp(x - m)), computed in a scratch row by the kernels the
     * whole-tensor ops run (the max and sum row reductions, the exp map), so the bits of {@code amax},
     * {@code sub}, {@code exp_} and {@code sum} without their tensor-sized temporary and its three passes
     * through memory. Rows are split across threads. False (nothing done) unless src is contiguous and
     * the sum would reduce each row whole ({@link Reductions#wholeRows}).
     */
    static boolean logsumexpRows(Object src, Layout srcLayout, Object max, Object sum) {
        int rank = srcLayout.rank();
        int size = srcLayout.size();
        int row = rank == 0 ? 1 : srcLayout.shape(rank - 1);
        if (!srcLayout.isContiguous() || size == 0 || row == 0 || !Reductions.wholeRows(size / row, row)) {
            return false;
        }
        int rows = size / row;
        int base = srcLayout.offset();
        int parts = Parallel.parts((long) size * UnaryOp.EXP.weight(), rows);
        Parallel.run(parts, p -> {
            Object e = Elementwise.newArrayLike(src, row);
            for (int r = Parallel.split(rows, parts, p); r < Parallel.split(rows, parts, p + 1); r++) {
                if (src instanceof float[] x) {
                    logsumexpRowF(x, base + r * row, row, (float[]) e, (float[]) max, (float[]) sum, r);
                } else {
                    logsumexpRowD((double[]) src, base + r * row, row, (double[]) e, (double[]) max, (double[]) sum, r);
                }
            }
        });
        return true;
    }

    /** The float32 row: x - m and its exp in one vector pass, with {@link ExpLog#exp(FloatVector)} as the exp kernel. */
    private static void logsumexpRowF(float[] x, int xo, int n, float[] e, float[] max, float[] sum, int r) {
        float m = ReductionKernels.reduce(ReduceOp.MAX, x, xo, n);
        m = Float.isInfinite(m) ? 0f : m;
        FloatVector vm = FloatVector.broadcast(FS, m);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            ExpLog.exp(FloatVector.fromArray(FS, x, xo + i).sub(vm)).intoArray(e, i);
        }
        if (main < n) {
            VectorMask<Float> in = FS.indexInRange(main, n);
            ExpLog.exp(FloatVector.fromArray(FS, x, xo + main, in).sub(vm)).intoArray(e, main, in);
        }
        max[r] = m;
        sum[r] = ReductionKernels.reduce(ReduceOp.SUM, e, 0, n);
    }

    private static void logsumexpRowD(double[] x, int xo, int n, double[] e, double[] max, double[] sum, int r) {
        double m = ReductionKernels.reduce(ReduceOp.MAX, x, xo, n);
        m = Double.isInfinite(m) ? 0 : m;
        for (int i = 0; i < n; i++) {
            e[i] = x[xo + i] - m;
        }
        ElementwiseKernels.run(ElementwiseKernels.unaryD(UnaryOp.EXP), e, 0, e, 0, n);
        max[r] = m;
        sum[r] = ReductionKernels.reduce(ReduceOp.SUM, e, 0, n);
    }

    /** One float32 row: x[xo ..] to y[yo ..], n elements. */
    static void rowF(boolean log, float[] x, int xo, float[] y, int yo, int n) {
        if (log) {
            logSoftmaxRowF(x, xo, y, yo, n);
        } else {
            softmaxRowF(x, xo, y, yo, n);
        }
    }

    /*
     * softmax and log_softmax rows have loops of their own, not one loop testing a flag: C2 compiled
     * a shared loop for both once a program had run both, and it ran a 256 x 256 softmax in 84 us
     * against 60 for a loop of its own (same bits). The row max is amax's kernel (compare and
     * blend); its value is the max the lanewise MAX gave, and where a zero's sign could differ
     * (+0 and -0 in one row) the sum is at least 2, so no result changes.
     */

    /** softmax of one float32 row: exp(x - max) stored and summed, then times 1 / sum, as ATen's _vec_softmax_lastdim. */
    private static void softmaxRowF(float[] x, int xo, float[] y, int yo, int n) {
        float m = ReductionKernels.reduce(ReduceOp.MAX, x, xo, n);
        float inv = 1f / expSumF(x, xo, n, m, y, yo);
        FloatVector vs = FloatVector.broadcast(FS, inv);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector.fromArray(FS, y, yo + i).mul(vs).intoArray(y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = y[yo + i] * inv;
        }
    }

    /** log_softmax of one float32 row: x - max - log(sum of exp(x - max)). */
    private static void logSoftmaxRowF(float[] x, int xo, float[] y, int yo, int n) {
        float m = ReductionKernels.reduce(ReduceOp.MAX, x, xo, n);
        float ls = (float) StrictMath.log(expSumF(x, xo, n, m));
        FloatVector vm = FloatVector.broadcast(FS, m);
        FloatVector vls = FloatVector.broadcast(FS, ls);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector.fromArray(FS, x, xo + i).sub(vm).sub(vls).intoArray(y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = x[xo + i] - m - ls;
        }
    }

    /**
     * The sum of exp(x - m) over a row, each exp also stored to y: one vector accumulator in row
     * order, then {@link Lanes#sum}; a row's tail is one more vector whose lanes past the row are the
     * max (exp(0), exp's common path) and add +0, as exp(-inf) would.
     */
    private static float expSumF(float[] x, int xo, int n, float m, float[] y, int yo) {
        FloatVector vm = FloatVector.broadcast(FS, m);
        FloatVector acc = FloatVector.zero(FS);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector e = ExpLog.exp(FloatVector.fromArray(FS, x, xo + i).sub(vm));
            e.intoArray(y, yo + i);
            acc = acc.add(e);
        }
        if (main < n) {
            VectorMask<Float> in = FS.indexInRange(main, n);
            FloatVector e = ExpLog.exp(FloatVector.fromArray(FS, x, xo + main, in).blend(vm, in.not()).sub(vm))
                    .blend(0f, in.not());
            acc = acc.add(e);
            e.intoArray(y, yo + main, in);
        }
        return Lanes.sum(acc);
    }

    /** {@link #expSumF(float[], int, int, float, float[], int)} without storing the exps (log_softmax's). */
    private static float expSumF(float[] x, int xo, int n, float m) {
        FloatVector vm = FloatVector.broadcast(FS, m);
        FloatVector acc = FloatVector.zero(FS);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            acc = acc.add(ExpLog.exp(FloatVector.fromArray(FS, x, xo + i).sub(vm)));
        }
        if (main < n) {
            VectorMask<Float> in = FS.indexInRange(main, n);
            acc = acc.add(ExpLog.exp(FloatVector.fromArray(FS, x, xo + main, in).blend(vm, in.not()).sub(vm))
                    .blend(0f, in.not()));
        }
        return Lanes.sum(acc);
    }

    /** One float64 row through the exp and sum kernels (e holds n doubles). */
    static void rowD(boolean log, double[] x, int xo, double[] y, int yo, int n, double[] e) {
        double m = ReductionKernels.reduce(ReduceOp.MAX, x, xo, n);
        for (int i = 0; i < n; i++) {
            y[yo + i] = x[xo + i] - m;
        }
        ElementwiseKernels.run(ElementwiseKernels.unaryD(UnaryOp.EXP), y, yo, e, 0, n);
        double s = ReductionKernels.reduce(ReduceOp.SUM, e, 0, n);
        double ls = StrictMath.log(s);
        double inv = 1 / s;
        for (int i = 0; i < n; i++) {
            y[yo + i] = log ? y[yo + i] - ls : e[i] * inv;
        }
    }

    /**
     * Where the row holding flat element {@code at} starts: a contiguous layout's offset plus
     * {@code at}, without {@link Layout#indexOfFlat}'s division per dimension (four per row of a
     * softmax otherwise).
     */
    private static int rowStart(Layout l, int at) {
        return l.isContiguous() ? l.offset() + at : l.indexOfFlat(at);
    }

    /** {@code row[i] = src[off + i * step]}; the dtype is decided once, not per element. */
    private static void gather(Object src, int off, int step, Object row, int n) {
        if (src instanceof float[] f) {
            float[] r = (float[]) row;
            for (int i = 0; i < n; i++) {
                r[i] = f[off + i * step];
            }
        } else {
            double[] d = (double[]) src;
            double[] r = (double[]) row;
            for (int i = 0; i < n; i++) {
                r[i] = d[off + i * step];
            }
        }
    }

    /** {@code dst[off + i * step] = row[i]}. */
    private static void scatter(Object row, Object dst, int off, int step, int n) {
        if (dst instanceof float[] f) {
            float[] r = (float[]) row;
            for (int i = 0; i < n; i++) {
                f[off + i * step] = r[i];
            }
        } else {
            double[] d = (double[]) dst;
            double[] r = (double[]) row;
            for (int i = 0; i < n; i++) {
                d[off + i * step] = r[i];
            }
        }
    }
}
