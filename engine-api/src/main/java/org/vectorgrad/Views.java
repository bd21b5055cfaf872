package org.vectorgrad;

import org.vectorgrad.backend.Layout;

/** Layout functions of the view operations: each maps an input layout to the view's layout. */
final class Views {
    private Views() {
    }

    static Layout select(Layout l, int dim, int index) {
        int[] shape = new int[l.rank() - 1];
        int[] strides = new int[l.rank() - 1];
        for (int d = 0, k = 0; d < l.rank(); d++) {
            if (d != dim) {
                shape[k] = l.shape(d);
                strides[k++] = l.stride(d);
            }
        }
        return new Layout(l.offset() + index * l.stride(dim), shape, strides);
    }

    static Layout slice(Layout l, int dim, int start, int length, int step) {
        int[] shape = l.shape();
        int[] strides = l.strides();
        shape[dim] = length;
        strides[dim] = l.stride(dim) * step;
        return new Layout(l.offset() + start * l.stride(dim), shape, strides);
    }

    /** The layout reshaped without copying; callers checked that strides allow it. */
    static Layout reshaped(Layout l, int[] shape) {
        int[] strides = Shapes.viewStrides(l, shape);
        if (strides == null) {
            throw new IllegalStateException("view of " + l + " as " + Shapes.str(shape) + " needs a copy");
        }
        return new Layout(l.offset(), shape, strides);
    }

    /** Removes dim {@code dim} if it has size 1; {@code -1} removes all size-1 dims; {@code -2} is a no-op. */
    static Layout squeeze(Layout l, int dim) {
        int keep = 0;
        for (int d = 0; d < l.rank(); d++) {
            if (!drops(l, d, dim)) {
                keep++;
            }
        }
        int[] shape = new int[keep];
        int[] strides = new int[keep];
        for (int d = 0, k = 0; d < l.rank(); d++) {
            if (!drops(l, d, dim)) {
                shape[k] = l.shape(d);
                strides[k++] = l.stride(d);
            }
        }
        return new Layout(l.offset(), shape, strides);
    }

    private static boolean drops(Layout l, int d, int dim) {
        return l.shape(d) == 1 && (dim == -1 || dim == d);
    }

    static Layout unsqueeze(Layout l, int dim) {
        int r = l.rank();
        int[] shape = new int[r + 1];
        int[] strides = new int[r + 1];
        for (int d = 0, k = 0; d <= r; d++) {
            if (d == dim) {
                shape[d] = 1;
                strides[d] = dim >= r ? 1 : l.shape(dim) * l.stride(dim);
            } else {
                shape[d] = l.shape(k);
                strides[d] = l.stride(k++);
            }
        }
        return new Layout(l.offset(), shape, strides);
    }

    /** The permutation of {@code rank} dims that swaps a and b. */
    static int[] swap(int rank, int a, int b) {
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        order[a] = b;
        order[b] = a;
        return order;
    }
}
