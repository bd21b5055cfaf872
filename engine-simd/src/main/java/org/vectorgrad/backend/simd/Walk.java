package org.vectorgrad.backend.simd;

import java.util.Arrays;
import org.vectorgrad.backend.Layout;

/**
 * Operands of one shape seen as rows: dimensions of extent 1 are dropped and neighbouring dimensions
 * are merged wherever every operand allows it, so a contiguous tensor is one long row and a transposed
 * one is rows with a constant stride. Kernels then run once per row, never once per element.
 *
 * <pre>{@code
 * Walk w = Walk.of(Layout.contiguous(4, 5), Layout.contiguous(5, 4).permute(1, 0));
 * // w.rows == 4, w.rowLength == 5, w.stride(0) == 1, w.stride(1) == 4
 * }</pre>
 */
final class Walk {
    /** Rows this short are swapped for a longer dimension when the walk may reorder dimensions. */
    private static final int SHORT_ROW = 16;

    final int[] shape;
    final int[][] strides;
    final int[] offsets;
    final int rowLength;
    final int rows;

    private Walk(int[] shape, int[][] strides, int[] offsets) {
        this.shape = shape;
        this.strides = strides;
        this.offsets = offsets;
        this.rowLength = shape[shape.length - 1];
        int r = 1;
        for (int d = 0; d < shape.length - 1; d++) {
            r *= shape[d];
        }
        this.rows = r;
    }

    /**
     * Elementwise walk: operand 0 (the output) decides the order of dimensions, which may be changed
     * freely since every element is independent.
     */
    static Walk of(Layout... layouts) {
        Layout ref = layouts[0];
        // by decreasing |stride| of the output, a stable insertion sort: ranks are small
        int[] order = new int[ref.rank()];
        for (int d = 0; d < order.length; d++) {
            int i = d;
            for (; i > 0 && Math.abs(ref.stride(order[i - 1])) < Math.abs(ref.stride(d)); i--) {
                order[i] = order[i - 1];
            }
            order[i] = d;
        }
        Walk w = merged(layouts, order);
        return w.rowLength < SHORT_ROW ? w.longestLast() : w;
    }

    /** The layouts' own dimension order, merged where possible: for reductions, which need row-major order. */
    static Walk ordered(Layout... layouts) {
        int[] order = new int[layouts[0].rank()];
        Arrays.setAll(order, d -> d);
        return merged(layouts, order);
    }

    /** Inner stride of operand k. */
    int stride(int k) {
        return strides[k][shape.length - 1];
    }

    int size() {
        return rows * rowLength;
    }

    /**
     * An outer dimension for blocked transposition: one of at least {@code minExtent} along which some
     * operand whose rows are strided (inner stride neither 0 nor 1) is contiguous, as a transpose is
     * along its rows; -1 if none.
     */
    int transposedDim(int minExtent) {
        for (int k = 0; k < strides.length; k++) {
            int st = stride(k);
            for (int d = shape.length - 2; d >= 0 && st != 0 && st != 1; d--) {
                if (strides[k][d] == 1 && shape[d] >= minExtent) {
                    return d;
                }
            }
        }
        return -1;
    }

    /** The same walk with outer dimension {@code d} moved next to the rows, so consecutive rows step along it. */
    Walk withRowsAlong(int d) {
        int[] order = new int[shape.length];
        int o = 0;
        for (int e = 0; e < shape.length - 1; e++) {
            if (e != d) {
                order[o++] = e;
            }
        }
        order[o++] = d;
        order[o] = shape.length - 1;
        int[][] st = new int[strides.length][shape.length];
        int[] sh = new int[shape.length];
        for (int e = 0; e < shape.length; e++) {
            sh[e] = shape[order[e]];
            for (int j = 0; j < strides.length; j++) {
                st[j][e] = strides[j][order[e]];
            }
        }
        return new Walk(sh, st, offsets);
    }

    /** Step of operand k from one row to the next along the dimension just outside the rows. */
    int rowStep(int k) {
        return strides[k][shape.length - 2];
    }

    /** Calls {@code visitor} for rows {@code from..to-1} with each operand's offset of the row's first element. */
    void forRows(int from, int to, RowVisitor visitor) {
        if (from >= to) {
            return;
        }
        int outer = shape.length - 1;
        int k = offsets.length;
        int[] idx = new int[outer];
        int[] offs = offsets.clone();
        int rest = from;
        for (int d = outer - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest /= shape[d];
            for (int j = 0; j < k; j++) {
                offs[j] += idx[d] * strides[j][d];
            }
        }
        for (int r = from; r < to; r++) {
            visitor.row(offs);
            for (int d = outer - 1; d >= 0; d--) {
                for (int j = 0; j < k; j++) {
                    offs[j] += strides[j][d];
                }
                if (++idx[d] < shape[d]) {
                    break;
                }
                for (int j = 0; j < k; j++) {
                    offs[j] -= strides[j][d] * shape[d];
                }
                idx[d] = 0;
            }
        }
    }

    /** Receives row start offsets; the array is reused, so copy what must outlive the call. */
    @FunctionalInterface
    interface RowVisitor {
        void row(int[] offsets);
    }

    private static Walk merged(Layout[] layouts, int[] order) {
        int k = layouts.length;
        int[] shape = new int[order.length];
        int[][] strides = new int[k][order.length];
        int rank = 0;
        for (int d : order) {
            int n = layouts[0].shape(d);
            if (n == 1) {
                continue;
            }
            boolean merge = rank > 0;
            for (int j = 0; j < k && merge; j++) {
                merge = strides[j][rank - 1] == layouts[j].stride(d) * n;
            }
            if (merge) {
                shape[rank - 1] *= n;
                for (int j = 0; j < k; j++) {
                    strides[j][rank - 1] = layouts[j].stride(d);
                }
            } else {
                shape[rank] = n;
                for (int j = 0; j < k; j++) {
                    strides[j][rank] = layouts[j].stride(d);
                }
                rank++;
            }
        }
        int[] offsets = new int[k];
        for (int j = 0; j < k; j++) {
            offsets[j] = layouts[j].offset();
        }
        if (rank == 0) {
            // a single element: a row of one, whose stride does not matter
            int[][] ones = new int[k][];
            for (int j = 0; j < k; j++) {
                ones[j] = new int[] {1};
            }
            return new Walk(new int[] {1}, ones, offsets);
        }
        int[][] st = new int[k][];
        for (int j = 0; j < k; j++) {
            st[j] = Arrays.copyOf(strides[j], rank);
        }
        return new Walk(Arrays.copyOf(shape, rank), st, offsets);
    }

    private Walk longestLast() {
        int last = shape.length - 1;
        int longest = last;
        for (int d = 0; d < last; d++) {
            if (shape[d] > shape[longest]) {
                longest = d;
            }
        }
        if (longest == last) {
            return this;
        }
        int[] sh = shape.clone();
        sh[last] = shape[longest];
        sh[longest] = shape[last];
        int[][] st = new int[strides.length][];
        for (int j = 0; j < strides.length; j++) {
            st[j] = strides[j].clone();
            st[j][last] = strides[j][longest];
            st[j][longest] = strides[j][last];
        }
        return new Walk(sh, st, offsets);
    }
}
