package org.vectorgrad.backend.scalar;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

import org.vectorgrad.DType;
import org.vectorgrad.backend.AdamStep;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BoxMuller;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.FloorDivision;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.SgdStep;
import org.vectorgrad.backend.TernaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * The reference backend: plain loops that other backends and the tests are checked against, written
 * to be read rather than to be fast.
 *
 * <p>Every kernel has the same shape: gather each operand into a dense row-major array of widened
 * values ({@code double[]} for float32 and float64, {@code long[]} for bool, int32 and int64), compute
 * on those arrays, and scatter the result into the output, converting it to the output dtype. Layouts
 * (contiguous, transposed, sliced, broadcast) therefore matter only in {@link Dense}; in-place
 * operations work because every input is read before the output is written.
 *
 * <p>Numerics, which other backends must match within the bounds of {@link Backend}:
 * <ul>
 *   <li>float32 is computed in double and rounded once on store (see {@link DoubleMath}): add, sub,
 *       mul, div, neg, abs, sqrt and reciprocal are bit-identical to Java's float operators, the
 *       transcendental maps and pow are within 1 ulp.</li>
 *   <li>SUM, SUM_SQUARES, SUM_ABS and dot sum pairwise in double (float32 products and squares are exact in
 *       double), so float32 sums are all but correctly rounded; PROD multiplies left to right in double.
 *       matmul accumulates each output element left to right over k in double.</li>
 *   <li>MAX and MIN reductions return the first NaN, else the first extreme element (so the max of
 *       {@code [-0.0, 0.0]} is {@code -0.0}, as {@code torch.max} gives); the elementwise MAXIMUM and
 *       MINIMUM are {@link Math#max}/{@link Math#min}.</li>
 *   <li>Integers wrap around like Java's (and PyTorch's C++) two's complement arithmetic.</li>
 * </ul>
 *
 * <pre>{@code
 * Backend b = new ScalarBackend();
 * float[] x = {1, 4, 9}, y = new float[3];
 * b.unary(UnaryOp.SQRT, DType.FLOAT32, x, Layout.contiguous(3), y, Layout.contiguous(3));  // y = {1, 2, 3}
 * }</pre>
 */
public final class ScalarBackend implements Backend {
    static final String NAME = "scalar";

    /** A stateless backend; usually obtained through {@code Backends.get("scalar")}. */
    public ScalarBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void unary(UnaryOp op, DType dtype, Object src, Layout srcLayout, Object dst, Layout dstLayout) {
        requireSameShape("unary " + op, dstLayout, srcLayout);
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, src, srcLayout);
            boolean floatErf = op == UnaryOp.ERF && dtype == DType.FLOAT32;   // its own float steps (Erf), as the SIMD lanes
            for (int i = 0; i < x.length; i++) {
                x[i] = floatErf ? Erf.erf((float) x[i]) : DoubleMath.unary(op, x[i]);
            }
            Dense.write(dtype, dst, dstLayout, x);
        } else {
            checkIntegerUnary(op, dtype);
            long[] x = Dense.readLongs(dtype, src, srcLayout);
            for (int i = 0; i < x.length; i++) {
                x[i] = LongMath.unary(op, x[i]);
            }
            Dense.write(dtype, dst, dstLayout, x);
        }
    }

    @Override
    public void binary(BinaryOp op, DType dtype, Object a, Layout aLayout, Object b, Layout bLayout,
                       Object out, Layout outLayout) {
        requireSameShape("binary " + op, outLayout, aLayout, bLayout);
        if (op.isComparison()) {
            compare(op, dtype, a, aLayout, b, bLayout, out, outLayout);
        } else if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, a, aLayout);
            double[] y = Dense.readDoubles(dtype, b, bLayout);
            DoubleUnaryOperator power = op == BinaryOp.POW && x.length > 0 && bLayout.isOneElement()
                    ? DoubleMath.powOf(y[0], dtype == DType.FLOAT32) : null;
            if (op == BinaryOp.FLOOR_DIVIDE && dtype == DType.FLOAT32) {
                // Every step of floor division rounds to float32 in PyTorch; one rounding at the end would differ.
                for (int i = 0; i < x.length; i++) {
                    x[i] = FloorDivision.of((float) x[i], (float) y[i]);
                }
            } else if (power != null) {
                // one exponent for all: a multiply, a square root or a reciprocal, as the SIMD backend
                for (int i = 0; i < x.length; i++) {
                    x[i] = power.applyAsDouble(x[i]);
                }
            } else {
                for (int i = 0; i < x.length; i++) {
                    x[i] = DoubleMath.binary(op, x[i], y[i]);
                }
            }
            Dense.write(dtype, out, outLayout, x);
        } else {
            checkIntegerBinary(op, dtype);
            long[] x = Dense.readLongs(dtype, a, aLayout);
            long[] y = Dense.readLongs(dtype, b, bLayout);
            for (int i = 0; i < x.length; i++) {
                x[i] = LongMath.binary(op, x[i], y[i]);
            }
            Dense.write(dtype, out, outLayout, x);
        }
    }

    private static void compare(BinaryOp op, DType dtype, Object a, Layout aLayout, Object b, Layout bLayout,
                                Object out, Layout outLayout) {
        boolean[] truth = new boolean[outLayout.size()];
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, a, aLayout);
            double[] y = Dense.readDoubles(dtype, b, bLayout);
            for (int i = 0; i < truth.length; i++) {
                truth[i] = DoubleMath.compare(op, x[i], y[i]);
            }
        } else {
            long[] x = Dense.readLongs(dtype, a, aLayout);
            long[] y = Dense.readLongs(dtype, b, bLayout);
            for (int i = 0; i < truth.length; i++) {
                truth[i] = LongMath.compare(op, x[i], y[i]);
            }
        }
        Dense.writeBooleans(out, outLayout, truth);
    }

    @Override
    public void where(DType dtype, Object cond, Layout condLayout, Object a, Layout aLayout, Object b, Layout bLayout,
                      Object out, Layout outLayout) {
        requireSameShape("where", outLayout, condLayout, aLayout, bLayout);
        long[] c = Dense.readLongs(DType.BOOL, cond, condLayout);
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, a, aLayout);
            double[] y = Dense.readDoubles(dtype, b, bLayout);
            for (int i = 0; i < x.length; i++) {
                x[i] = c[i] != 0 ? x[i] : y[i];
            }
            Dense.write(dtype, out, outLayout, x);
        } else {
            long[] x = Dense.readLongs(dtype, a, aLayout);
            long[] y = Dense.readLongs(dtype, b, bLayout);
            for (int i = 0; i < x.length; i++) {
                x[i] = c[i] != 0 ? x[i] : y[i];
            }
            Dense.write(dtype, out, outLayout, x);
        }
    }

    @Override
    public void indexSelect(DType dtype, Object src, Layout srcLayout, int dim, long[] index, Object dst, Layout dstLayout) {
        Slices s = Slices.of("indexSelect", srcLayout, dim, index, dstLayout);
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, src, srcLayout);
            double[] y = new double[dstLayout.size()];
            s.forEach((wide, narrow) -> System.arraycopy(x, wide, y, narrow, s.inner));
            Dense.write(dtype, dst, dstLayout, y);
        } else {
            long[] x = Dense.readLongs(dtype, src, srcLayout);
            long[] y = new long[dstLayout.size()];
            s.forEach((wide, narrow) -> System.arraycopy(x, wide, y, narrow, s.inner));
            Dense.write(dtype, dst, dstLayout, y);
        }
    }

    @Override
    public void indexAdd(DType dtype, Object dst, Layout dstLayout, int dim, long[] index, Object src, Layout srcLayout) {
        Slices s = Slices.of("indexAdd", dstLayout, dim, index, srcLayout);
        if (dtype.isFloatingPoint()) {
            double[] y = Dense.readDoubles(dtype, dst, dstLayout);
            double[] x = Dense.readDoubles(dtype, src, srcLayout);
            s.forEach((wide, narrow) -> {
                for (int j = 0; j < s.inner; j++) {
                    double sum = y[wide + j] + x[narrow + j];
                    y[wide + j] = dtype == DType.FLOAT32 ? (float) sum : sum;
                }
            });
            Dense.write(dtype, dst, dstLayout, y);
        } else {
            long[] y = Dense.readLongs(dtype, dst, dstLayout);
            long[] x = Dense.readLongs(dtype, src, srcLayout);
            s.forEach((wide, narrow) -> {
                for (int j = 0; j < s.inner; j++) {
                    y[wide + j] += x[narrow + j];
                }
            });
            Dense.write(dtype, dst, dstLayout, y);
        }
    }

    @Override
    public void gather(DType dtype, Object src, Layout srcLayout, int dim, long[] index, Layout indexLayout,
                       Object dst, Layout dstLayout) {
        int[] wide = alongIndex(srcLayout, dim, index, indexLayout);
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, src, srcLayout);
            double[] y = new double[wide.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = x[wide[i]];
            }
            Dense.write(dtype, dst, dstLayout, y);
        } else {
            long[] x = Dense.readLongs(dtype, src, srcLayout);
            long[] y = new long[wide.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = x[wide[i]];
            }
            Dense.write(dtype, dst, dstLayout, y);
        }
    }

    @Override
    public void scatterAdd(DType dtype, Object dst, Layout dstLayout, int dim, long[] index, Layout indexLayout,
                           Object src, Layout srcLayout) {
        int[] wide = alongIndex(dstLayout, dim, index, indexLayout);
        if (dtype.isFloatingPoint()) {
            double[] y = Dense.readDoubles(dtype, dst, dstLayout);
            double[] x = Dense.readDoubles(dtype, src, srcLayout);
            for (int i = 0; i < wide.length; i++) {
                double sum = y[wide[i]] + x[i];
                y[wide[i]] = dtype == DType.FLOAT32 ? (float) sum : sum;
            }
            Dense.write(dtype, dst, dstLayout, y);
        } else {
            long[] y = Dense.readLongs(dtype, dst, dstLayout);
            long[] x = Dense.readLongs(dtype, src, srcLayout);
            for (int i = 0; i < wide.length; i++) {
                y[wide[i]] += x[i];
            }
            Dense.write(dtype, dst, dstLayout, y);
        }
    }

    /**
     * For each element of index's layout in row-major order, the row-major offset, among the wide
     * layout's elements, of the one it picks along dim; PyTorch's error for an index out of range.
     */
    private static int[] alongIndex(Layout wide, int dim, long[] index, Layout indexLayout) {
        Layout w = atLeastRank1(wide);
        Layout ix = atLeastRank1(indexLayout);
        int rank = w.rank();
        if (ix.rank() != rank || dim < 0 || dim >= rank) {
            throw new IllegalArgumentException("gather/scatter: index of shape " + Arrays.toString(indexLayout.shape())
                    + " along dim " + dim + " for shape " + Arrays.toString(wide.shape()));
        }
        int[] strides = Layout.contiguousStrides(w.shape());
        int[] others = strides.clone();
        others[dim] = 0;
        for (int k = 0; k < rank; k++) {
            if (k != dim && ix.shape(k) > w.shape(k)) {
                throw new IllegalArgumentException("gather/scatter: index of shape " + Arrays.toString(indexLayout.shape())
                        + " is larger than " + Arrays.toString(wide.shape()) + " apart from dim " + dim);
            }
        }
        int[] offsets = new int[ix.size()];
        new Layout(0, ix.shape(), others).positions(offsets);
        int[] at = new int[ix.size()];
        ix.positions(at);
        int n = w.shape(dim);
        for (int i = 0; i < offsets.length; i++) {
            long v = index[at[i]];
            if (v < 0 || v >= n) {
                throw Backend.indexOutOfBounds(v, dim, n);
            }
            offsets[i] += (int) v * strides[dim];
        }
        return offsets;
    }

    /** A 0-dim layout as one element of rank 1 (gather and scatter treat it so, as PyTorch). */
    private static Layout atLeastRank1(Layout l) {
        return l.rank() > 0 ? l : new Layout(l.offset(), new int[] {1}, new int[] {1});
    }

    /**
     * Row-major offsets for indexSelect/indexAdd: the wide layout has n slices along dim, the narrow
     * one index.length; both are [outer, slices, inner] once flattened.
     */
    private record Slices(long[] index, int outer, int n, int inner) {
        @FunctionalInterface
        interface SlicePair {
            void run(int wideStart, int narrowStart);
        }

        static Slices of(String what, Layout wide, int dim, long[] index, Layout narrow) {
            int[] expected = wide.shape();
            if (dim < 0 || dim >= expected.length) {
                throw new IllegalArgumentException(what + ": dim " + dim + " is out of range for shape " + Arrays.toString(expected));
            }
            int n = expected[dim];
            expected[dim] = index.length;
            if (!narrow.hasShape(expected)) {
                throw new IllegalArgumentException(what + ": shape " + Arrays.toString(narrow.shape()) + " should be "
                        + Arrays.toString(expected) + " for " + index.length + " indices along dim " + dim);
            }
            for (long i : index) {
                if (i < 0 || i >= n) {
                    throw new IndexOutOfBoundsException(what + ": index " + i + " is out of range for size " + n);
                }
            }
            int outer = 1;
            int inner = 1;
            for (int d = 0; d < expected.length; d++) {
                if (d < dim) {
                    outer *= expected[d];
                } else if (d > dim) {
                    inner *= expected[d];
                }
            }
            return new Slices(index, outer, n, inner);
        }

        /** Calls {@code slice(wideStart, narrowStart)} for slice index[i] of the wide layout and slice i of the narrow one. */
        void forEach(SlicePair slice) {
            int k = index.length;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < k; i++) {
                    slice.run((int) ((o * (long) n + index[i]) * inner), (o * k + i) * inner);
                }
            }
        }
    }

    @Override
    public void copy(DType srcType, Object src, Layout srcLayout, DType dstType, Object dst, Layout dstLayout) {
        requireSameShape("copy", dstLayout, srcLayout);
        if (srcType.isFloatingPoint()) {
            Dense.write(dstType, dst, dstLayout, Dense.readDoubles(srcType, src, srcLayout));
        } else {
            Dense.write(dstType, dst, dstLayout, Dense.readLongs(srcType, src, srcLayout));
        }
    }

    @Override
    public void fill(DType dtype, Object dst, Layout dstLayout, double value) {
        double[] v = new double[dstLayout.size()];
        Arrays.fill(v, value);
        Dense.write(dtype, dst, dstLayout, v);
    }

    @Override
    public void arange(long[] dst, int offset, int n, long start, long step) {
        for (int i = 0; i < n; i++) {
            dst[offset + i] = start + i * step;
        }
    }

    @Override
    public long[] trueIndices(boolean[] mask, int offset, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += mask[offset + i] ? 1 : 0;
        }
        long[] idx = new long[count];
        // every position written, the count advanced by the mask: no branch to mispredict on a random mask
        for (int i = 0, k = 0; k < count; i++) {
            idx[k] = i;
            k += mask[offset + i] ? 1 : 0;
        }
        return idx;
    }

    @Override
    public void linspace(DType dtype, Object dst, int offset, int n, double start, double end) {
        int h = n / 2;
        if (dst instanceof float[] out) {
            float s = (float) start;
            float e = (float) end;
            float step = (e - s) / (float) (n - 1);
            int p = LINSPACE_BLOCK_FLOATS;
            int blocks = n - n % (2 * p);
            for (int b = 0; b < blocks; b += p) {
                float base = b < h ? Math.fma(step, (float) b, s) : Math.fma(-step, (float) (n - 1 - b), e);
                for (int j = 0; j < p; j++) {
                    out[offset + b + j] = base + j * step;
                }
            }
            for (int i = blocks; i < n; i++) {
                out[offset + i] = i < h ? Math.fma(step, (float) i, s) : Math.fma(-step, (float) (n - 1 - i), e);
            }
        } else {
            double[] out = (double[]) dst;
            double step = (end - start) / (n - 1);
            int p = LINSPACE_BLOCK_FLOATS / 2;
            int blocks = n - n % (2 * p);
            for (int b = 0; b < blocks; b += p) {
                double base = b < h ? Math.fma(step, b, start) : Math.fma(-step, n - 1 - b, end);
                for (int j = 0; j < p; j++) {
                    out[offset + b + j] = base + j * step;
                }
            }
            for (int i = blocks; i < n; i++) {
                out[offset + i] = i < h ? Math.fma(step, i, start) : Math.fma(-step, n - 1 - i, end);
            }
        }
    }

    @Override
    public void reduce(ReduceOp op, DType dtype, Object src, Layout srcLayout, int reducedDims,
                       Object dst, Layout dstLayout) {
        int row = checkReduction(op, dtype, srcLayout, reducedDims, dstLayout);
        int rows = dstLayout.size();
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, src, srcLayout);
            double[] r = new double[rows];
            for (int i = 0; i < rows; i++) {
                r[i] = DoubleMath.reduce(op, x, i * row, (i + 1) * row);
            }
            Dense.write(dtype, dst, dstLayout, r);
        } else {
            long[] x = Dense.readLongs(dtype, src, srcLayout);
            long[] r = new long[rows];
            for (int i = 0; i < rows; i++) {
                r[i] = LongMath.reduce(op, x, i * row, (i + 1) * row);
            }
            Dense.write(dtype, dst, dstLayout, r);
        }
    }

    @Override
    public void ternary(TernaryOp op, DType dtype, double value, Object x, Layout xLayout, Object a, Layout aLayout,
                        Object b, Layout bLayout, Object out, Layout outLayout) {
        requireSameShape("ternary " + op, outLayout, xLayout, aLayout, bLayout);
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("ternary " + op + " computes float32 or float64, not " + dtype);
        }
        boolean f32 = dtype == DType.FLOAT32;
        DoubleUnaryOperator round = f32 ? v -> (float) v : v -> v;
        double v = round.applyAsDouble(value);
        double[] r = Dense.readDoubles(dtype, x, xLayout);
        double[] p = Dense.readDoubles(dtype, a, aLayout);
        double[] q = Dense.readDoubles(dtype, b, bLayout);
        for (int i = 0; i < r.length; i++) {
            r[i] = DoubleMath.ternary(op, r[i], p[i], q[i], v, round);
        }
        Dense.write(dtype, out, outLayout, r);
    }

    @Override
    public void softmax(DType dtype, boolean log, Object src, Layout srcLayout, Object dst, Layout dstLayout) {
        requireSameShape("softmax", dstLayout, srcLayout);
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("softmax computes float32 or float64 rows, not " + dtype);
        }
        int rank = srcLayout.rank();
        int row = rank == 0 ? 1 : srcLayout.shape(rank - 1);
        double[] x = Dense.readDoubles(dtype, src, srcLayout);
        boolean f32 = dtype == DType.FLOAT32;
        for (int at = 0; row > 0 && at < x.length; at += row) {
            double m = DoubleMath.reduce(ReduceOp.MAX, x, at, at + row);
            double[] e = new double[row];
            for (int i = 0; i < row; i++) {
                x[at + i] = rounded(x[at + i] - m, f32);
                e[i] = rounded(Math.exp(x[at + i]), f32);
            }
            double s = rounded(DoubleMath.reduce(ReduceOp.SUM, e, 0, row), f32);
            double ls = rounded(Math.log(s), f32);
            double inv = rounded(1 / s, f32);   // times 1 / sum, as ATen's _vec_softmax_lastdim (and the SIMD backend)
            for (int i = 0; i < row; i++) {
                x[at + i] = log ? x[at + i] - ls : e[i] * inv;
            }
        }
        Dense.write(dtype, dst, dstLayout, x);
    }

    /** The whole-tensor ops' own route: the scalar kernels are the reference the SIMD rows match. */
    @Override
    public boolean logsumexpRows(DType dtype, Object src, Layout srcLayout, Object max, Object sum) {
        return false;
    }

    @Override
    public void softmaxBackward(DType dtype, boolean log, Object grad, Layout gradLayout, Object out, Layout outLayout,
                                Object dst, Layout dstLayout) {
        requireSameShape("softmaxBackward", dstLayout, gradLayout, outLayout);
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("softmaxBackward computes float32 or float64 rows, not " + dtype);
        }
        int rank = gradLayout.rank();
        int row = rank == 0 ? 1 : gradLayout.shape(rank - 1);
        double[] g = Dense.readDoubles(dtype, grad, gradLayout);
        double[] y = Dense.readDoubles(dtype, out, outLayout);
        boolean f32 = dtype == DType.FLOAT32;
        double[] terms = new double[row];
        for (int at = 0; row > 0 && at < g.length; at += row) {
            for (int i = 0; i < row; i++) {
                terms[i] = log ? g[at + i] : rounded(g[at + i] * y[at + i], f32);
            }
            double s = rounded(DoubleMath.reduce(ReduceOp.SUM, terms, 0, row), f32);
            for (int i = 0; i < row; i++) {
                g[at + i] = log ? g[at + i] - rounded(rounded(Math.exp(y[at + i]), f32) * s, f32)
                        : y[at + i] * rounded(g[at + i] - s, f32);
            }
        }
        Dense.write(dtype, dst, dstLayout, g);
    }

    /** A double rounded to float32 when {@code f32}, as the float32 kernels round each step. */
    private static double rounded(double v, boolean f32) {
        return f32 ? (float) v : v;
    }

    @Override
    public void reduceWithIndex(ReduceOp op, DType dtype, Object src, Layout srcLayout, int reducedDims,
                                Object values, Layout valuesLayout, long[] indices, Layout indicesLayout) {
        if (op != ReduceOp.MAX && op != ReduceOp.MIN) {
            throw new IllegalArgumentException("reduceWithIndex computes MAX or MIN, not " + op);
        }
        int row = checkReduction(op, dtype, srcLayout, reducedDims, valuesLayout);
        requireSameShape("reduceWithIndex indices", indicesLayout, valuesLayout);
        int rows = valuesLayout.size();
        long[] index = new long[rows];
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, src, srcLayout);
            double[] r = new double[rows];
            for (int i = 0; i < rows; i++) {
                index[i] = DoubleMath.argExtreme(op, x, i * row, (i + 1) * row);
                r[i] = x[i * row + (int) index[i]];
            }
            Dense.write(dtype, values, valuesLayout, r);
        } else {
            long[] x = Dense.readLongs(dtype, src, srcLayout);
            long[] r = new long[rows];
            for (int i = 0; i < rows; i++) {
                index[i] = LongMath.argExtreme(op, x, i * row, (i + 1) * row);
                r[i] = x[i * row + (int) index[i]];
            }
            Dense.write(dtype, values, valuesLayout, r);
        }
        Dense.write(DType.INT64, indices, indicesLayout, index);
    }

    @Override
    public void dot(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object out, int outIndex) {
        if (aLayout.rank() != 1 || bLayout.rank() != 1 || aLayout.shape(0) != bLayout.shape(0)) {
            throw new IllegalArgumentException("dot needs two 1-D operands of equal length, got shapes "
                    + Arrays.toString(aLayout.shape()) + " and " + Arrays.toString(bLayout.shape()));
        }
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, a, aLayout);
            double[] y = Dense.readDoubles(dtype, b, bLayout);
            for (int i = 0; i < x.length; i++) {
                x[i] *= y[i];
            }
            Dense.write(dtype, out, Dense.element(outIndex), new double[] {DoubleMath.sum(x, 0, x.length)});
        } else {
            long[] x = Dense.readLongs(dtype, a, aLayout);
            long[] y = Dense.readLongs(dtype, b, bLayout);
            for (int i = 0; i < x.length; i++) {
                x[i] *= y[i];
            }
            Dense.write(dtype, out, Dense.element(outIndex), new long[] {LongMath.reduce(ReduceOp.SUM, x, 0, x.length)});
        }
    }

    @Override
    public void matmul(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object c, Layout cLayout) {
        checkMatmul(dtype, aLayout, bLayout, cLayout);
        int batch = cLayout.shape(0);
        int m = cLayout.shape(1);
        int k = aLayout.shape(2);
        int n = cLayout.shape(2);
        // A broadcast operand (batch stride 0) is gathered once and reused for every batch.
        Layout aOnce = oneBatchIfBroadcast(aLayout);
        Layout bOnce = oneBatchIfBroadcast(bLayout);
        int aStep = aOnce.shape(0) == 1 ? 0 : m * k;
        int bStep = bOnce.shape(0) == 1 ? 0 : k * n;
        if (dtype.isFloatingPoint()) {
            double[] x = Dense.readDoubles(dtype, a, aOnce);
            double[] y = Dense.readDoubles(dtype, b, bOnce);
            double[] z = new double[cLayout.size()];
            for (int i = 0; i < batch; i++) {
                DoubleMath.matmul(x, i * aStep, y, i * bStep, z, i * m * n, m, k, n);
            }
            Dense.write(dtype, c, cLayout, z);
        } else {
            long[] x = Dense.readLongs(dtype, a, aOnce);
            long[] y = Dense.readLongs(dtype, b, bOnce);
            long[] z = new long[cLayout.size()];
            for (int i = 0; i < batch; i++) {
                LongMath.matmul(x, i * aStep, y, i * bStep, z, i * m * n, m, k, n);
            }
            Dense.write(dtype, c, cLayout, z);
        }
    }

    private static Layout oneBatchIfBroadcast(Layout l) {
        if (l.stride(0) != 0 || l.shape(0) <= 1) {
            return l;
        }
        return new Layout(l.offset(), new int[] {1, l.shape(1), l.shape(2)}, l.strides());
    }

    private static void checkIntegerUnary(UnaryOp op, DType dtype) {
        String name = op.name().toLowerCase(Locale.ROOT);
        if (op.isFloatOnly()) {
            throw new IllegalArgumentException(name + " needs a floating point dtype, got " + dtype);
        }
        if (dtype == DType.BOOL) {
            switch (op) {
                case NEG -> throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is "
                        + "not supported. If you are trying to invert a mask, use the `~` or `logical_not()` "
                        + "operator instead.");
                case ABS -> throw new IllegalArgumentException("\"abs_cpu\" not implemented for 'Bool'");
                case RELU -> throw new IllegalArgumentException("Boolean inputs not supported for relu");
                default -> {
                    // SIGN of a bool is the bool itself.
                }
            }
        }
    }

    private static void checkIntegerBinary(BinaryOp op, DType dtype) {
        if (dtype != DType.BOOL) {
            return;
        }
        switch (op) {
            case SUB -> throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors "
                    + "is not supported. Use the `^` or `logical_xor()` operator instead.");
            case POW -> throw new IllegalArgumentException("\"pow\" not implemented for 'Bool'");
            default -> {
                // ADD is or, MUL is and, MAXIMUM/MINIMUM and comparisons order false < true.
            }
        }
    }

    /** Validates a reduction and returns the number of elements reduced into each output element. */
    private static int checkReduction(ReduceOp op, DType dtype, Layout src, int reducedDims, Layout dst) {
        int kept = src.rank() - reducedDims;
        if (reducedDims < 0 || kept < 0) {
            throw new IllegalArgumentException("cannot reduce " + reducedDims + " dims of a rank-" + src.rank()
                    + " operand");
        }
        int[] keptShape = Arrays.copyOf(src.shape(), kept);
        if (!Arrays.equals(keptShape, dst.shape())) {
            throw new IllegalArgumentException(op + " of shape " + Arrays.toString(src.shape()) + " over its last "
                    + reducedDims + " dims has shape " + Arrays.toString(keptShape) + ", but the output has shape "
                    + Arrays.toString(dst.shape()));
        }
        if ((op == ReduceOp.ALL || op == ReduceOp.ANY) && dtype != DType.BOOL) {
            throw new IllegalArgumentException(op + " reduces bool operands, got " + dtype);
        }
        int row = 1;
        for (int d = kept; d < src.rank(); d++) {
            row *= src.shape(d);
        }
        if (row == 0 && dst.size() > 0 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
            throw new IllegalArgumentException(op + " over zero elements has no value (shape "
                    + Arrays.toString(src.shape()) + ")");
        }
        return row;
    }

    private static void checkMatmul(DType dtype, Layout a, Layout b, Layout c) {
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException("matmul is not implemented for bool; cast to an integer or "
                    + "floating point dtype first");
        }
        if (a.rank() != 3 || b.rank() != 3 || c.rank() != 3
                || a.shape(0) != c.shape(0) || b.shape(0) != c.shape(0)
                || a.shape(1) != c.shape(1) || b.shape(2) != c.shape(2) || a.shape(2) != b.shape(1)) {
            throw new IllegalArgumentException("matmul needs a [batch, m, k], b [batch, k, n] and c [batch, m, n], "
                    + "got " + Arrays.toString(a.shape()) + " @ " + Arrays.toString(b.shape()) + " -> "
                    + Arrays.toString(c.shape()));
        }
    }

    @Override
    public void adamStep(DType dtype, AdamStep step, Object param, Layout paramLayout, Object grad, Layout gradLayout,
                         Object expAvg, Layout expAvgLayout, Object expAvgSq, Layout expAvgSqLayout,
                         Object maxExpAvgSq, Layout maxExpAvgSqLayout) {
        requireSameShape("adamStep", paramLayout, gradLayout, expAvgLayout, expAvgSqLayout);
        double[] p = Dense.readDoubles(dtype, param, paramLayout);
        double[] m = Dense.readDoubles(dtype, expAvg, expAvgLayout);
        double[] v = Dense.readDoubles(dtype, expAvgSq, expAvgSqLayout);
        double[] vmax = null;
        if (step.amsgrad()) {
            requireSameShape("adamStep", paramLayout, maxExpAvgSqLayout);
            vmax = Dense.readDoubles(dtype, maxExpAvgSq, maxExpAvgSqLayout);
        }
        OptimizerSteps.adam(dtype, step, p, Dense.readDoubles(dtype, grad, gradLayout), m, v, vmax);
        Dense.write(dtype, param, paramLayout, p);
        Dense.write(dtype, expAvg, expAvgLayout, m);
        Dense.write(dtype, expAvgSq, expAvgSqLayout, v);
        if (vmax != null) {
            Dense.write(dtype, maxExpAvgSq, maxExpAvgSqLayout, vmax);
        }
    }

    @Override
    public void normalBlocks(float[] data, int offset, int blocks, float mean, float std) {
        BoxMuller.blocks(data, offset, blocks, mean, std);
    }

    @Override
    public void sgdStep(DType dtype, SgdStep step, Object param, Layout paramLayout, Object grad, Layout gradLayout,
                        Object momentumBuffer, Layout momentumBufferLayout) {
        requireSameShape("sgdStep", paramLayout, gradLayout);
        double[] p = Dense.readDoubles(dtype, param, paramLayout);
        double[] buf = null;
        if (step.momentum() != 0) {
            requireSameShape("sgdStep", paramLayout, momentumBufferLayout);
            buf = step.firstStep() ? new double[p.length] : Dense.readDoubles(dtype, momentumBuffer, momentumBufferLayout);
        }
        OptimizerSteps.sgd(dtype, step, p, Dense.readDoubles(dtype, grad, gradLayout), buf);
        Dense.write(dtype, param, paramLayout, p);
        if (buf != null) {
            Dense.write(dtype, momentumBuffer, momentumBufferLayout, buf);
        }
    }

    private static void requireSameShape(String what, Layout out, Layout... inputs) {
        for (Layout in : inputs) {
            if (!in.hasSameShape(out)) {
                throw new IllegalArgumentException(what + ": input shape " + Arrays.toString(in.shape())
                        + " differs from output shape " + Arrays.toString(out.shape()));
            }
        }
    }
}
