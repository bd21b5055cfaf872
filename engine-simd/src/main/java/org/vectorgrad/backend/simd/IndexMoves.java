package org.vectorgrad.backend.simd;

import org.vectorgrad.DType;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;

/**
 * index_select and index_add over contiguous operands, as ATen's index kernels: the operands are
 * {@code [outer, slices, inner]} blocks, a slice is one {@code System.arraycopy} (select) or one vector
 * add (add), and single elements ({@code inner == 1}: gather, scatter_add, advanced indexing and
 * masked_select over flat offsets) move in one plain loop without per-element offset arithmetic.
 * The scalar backend widens both operands to double and calls back per slice; this moves the values
 * as they are stored.
 */
final class IndexMoves {
    private IndexMoves() {
    }

    /**
     * {@code dst[o, i, :] = src[o, index[i], :]} when both layouts are contiguous, the shapes agree and
     * every index is in range; false (nothing written) otherwise, for the scalar backend to do or to
     * report.
     */
    static boolean select(DType dtype, Object src, Layout srcLayout, int dim, long[] index, Object dst, Layout dstLayout) {
        Blocks b = Blocks.of(srcLayout, dim, index, dstLayout);
        if (b == null) {
            return false;
        }
        if (dstLayout.size() == 0) {
            return true;   // an empty view's offset may lie past its storage's end
        }
        int so = srcLayout.offset();
        int dOff = dstLayout.offset();
        int k = index.length;
        if (b.inner == 1 && src instanceof float[] x) {
            float[] y = (float[]) dst;
            for (int o = 0; o < b.outer; o++, so += b.n, dOff += k) {
                for (int i = 0; i < k; i++) {
                    y[dOff + i] = x[so + (int) index[i]];
                }
            }
        } else if (b.inner == 1 && src instanceof double[] x) {
            double[] y = (double[]) dst;
            for (int o = 0; o < b.outer; o++, so += b.n, dOff += k) {
                for (int i = 0; i < k; i++) {
                    y[dOff + i] = x[so + (int) index[i]];
                }
            }
        } else if (b.inner == 1 && src instanceof long[] x) {
            long[] y = (long[]) dst;
            for (int o = 0; o < b.outer; o++, so += b.n, dOff += k) {
                for (int i = 0; i < k; i++) {
                    y[dOff + i] = x[so + (int) index[i]];
                }
            }
        } else {
            int inner = b.inner;
            for (int o = 0; o < b.outer; o++, so += b.n * inner) {
                for (int i = 0; i < k; i++, dOff += inner) {
                    System.arraycopy(src, so + (int) index[i] * inner, dst, dOff, inner);
                }
            }
        }
        return true;
    }

    /**
     * {@code dst[o, index[i], :] += src[o, i, :]} in index order (so repeated indices accumulate as
     * the scalar backend's, each sum rounded to the dtype: the same bits) for float32 and float64
     * contiguous operands with agreeing shapes and indices in range; false (nothing written) otherwise.
     */
    static boolean add(DType dtype, Object dst, Layout dstLayout, int dim, long[] index, Object src, Layout srcLayout) {
        if (!dtype.isFloatingPoint()) {
            return false;
        }
        Blocks b = Blocks.of(dstLayout, dim, index, srcLayout);
        if (b == null) {
            return false;
        }
        if (srcLayout.size() == 0) {
            return true;
        }
        int dOff = dstLayout.offset();
        int so = srcLayout.offset();
        int k = index.length;
        int inner = b.inner;
        if (dtype == DType.FLOAT32) {
            float[] y = (float[]) dst;
            float[] x = (float[]) src;
            if (inner == 1) {
                for (int o = 0; o < b.outer; o++, dOff += b.n, so += k) {
                    for (int i = 0; i < k; i++) {
                        y[dOff + (int) index[i]] += x[so + i];
                    }
                }
                return true;
            }
            ElementwiseKernels.F2 plus = ElementwiseKernels.binaryF(BinaryOp.ADD);
            for (int o = 0; o < b.outer; o++, dOff += b.n * inner) {
                for (int i = 0; i < k; i++, so += inner) {
                    int at = dOff + (int) index[i] * inner;
                    ElementwiseKernels.run(plus, y, at, 1, x, so, 1, y, at, inner);
                }
            }
        } else {
            double[] y = (double[]) dst;
            double[] x = (double[]) src;
            if (inner == 1) {
                for (int o = 0; o < b.outer; o++, dOff += b.n, so += k) {
                    for (int i = 0; i < k; i++) {
                        y[dOff + (int) index[i]] += x[so + i];
                    }
                }
                return true;
            }
            ElementwiseKernels.D2 plus = ElementwiseKernels.binaryD(BinaryOp.ADD);
            for (int o = 0; o < b.outer; o++, dOff += b.n * inner) {
                for (int i = 0; i < k; i++, so += inner) {
                    int at = dOff + (int) index[i] * inner;
                    ElementwiseKernels.run(plus, y, at, 1, x, so, 1, y, at, inner);
                }
            }
        }
        return true;
    }

    /** The {@code [outer, n, inner]} blocks of the wide layout, whose narrow partner has k = index.length slices. */
    private record Blocks(int outer, int n, int inner) {
        /** Null unless both layouts are contiguous, the shapes agree and every index is in [0, n). */
        static Blocks of(Layout wide, int dim, long[] index, Layout narrow) {
            int rank = wide.rank();
            if (!wide.isContiguous() || !narrow.isContiguous() || dim < 0 || dim >= rank || narrow.rank() != rank) {
                return null;
            }
            int outer = 1;
            int inner = 1;
            for (int d = 0; d < rank; d++) {
                if (d == dim ? narrow.shape(d) != index.length : narrow.shape(d) != wide.shape(d)) {
                    return null;
                }
                if (d < dim) {
                    outer *= wide.shape(d);
                } else if (d > dim) {
                    inner *= wide.shape(d);
                }
            }
            int n = wide.shape(dim);
            for (long i : index) {
                if (i < 0 || i >= n) {
                    return null;
                }
            }
            return new Blocks(outer, n, inner);
        }
    }
}
