package org.vectorgrad.backend;

import java.util.Arrays;

/**
 * Where the elements of a strided operand live in its buffer: an offset, a shape and strides, all in
 * elements. A stride of 0 broadcasts a dimension. Immutable.
 *
 * <pre>{@code
 * Layout m = Layout.contiguous(2, 3);       // shape (2, 3), strides (3, 1)
 * Layout t = m.permute(1, 0);               // the transpose: shape (3, 2), strides (1, 3)
 * }</pre>
 */
public final class Layout {
    private final int offset;
    private final int[] shape;
    private final int[] strides;
    private final int size;
    /** Cached: kernels and the ops layer ask on every call. */
    private final boolean contiguous;

    /**
     * The most elements a layout can have: the longest Java array ({@code 2^31 - 9}). Views count
     * too, though a broadcast (stride 0) view needs little storage: positions and sizes are ints.
     */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /** Element (i0, i1, ...) at {@code offset + i0 * strides[0] + i1 * strides[1] + ...}; a stride may be 0 (broadcast). */
    public Layout(int offset, int[] shape, int[] strides) {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape and strides differ in rank: "
                    + Arrays.toString(shape) + " vs " + Arrays.toString(strides));
        }
        this.offset = offset;
        this.shape = shape.clone();
        this.strides = strides.clone();
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= s;
            if (n > MAX_SIZE) {
                throw tooLarge(Arrays.stream(shape).asLongStream().toArray());
            }
        }
        this.size = (int) n;
        this.contiguous = computeContiguous();
    }

    /** Arrays this class has made and never writes or hands out, so layouts may share them. */
    private Layout(int offset, int[] sharedShape, int[] sharedStrides, int size) {
        this.offset = offset;
        this.shape = sharedShape;
        this.strides = sharedStrides;
        this.size = size;
        this.contiguous = computeContiguous();
    }

    private static final int[][] ZERO_STRIDES = {new int[0], new int[1], new int[2], new int[3], new int[4]};

    /**
     * One element at {@code offset} read at every position of {@code like}'s shape (all strides 0): a
     * number broadcast against a tensor, with none of the copies the public constructor makes.
     *
     * <pre>{@code
     * Layout.repeated(7, Layout.contiguous(2, 3))   // shape (2, 3), strides (0, 0), offset 7
     * }</pre>
     */
    public static Layout repeated(int offset, Layout like) {
        int rank = like.rank();
        return new Layout(offset, like.shape, rank < ZERO_STRIDES.length ? ZERO_STRIDES[rank] : new int[rank], like.size);
    }

    /**
     * The error for a shape of more than {@link #MAX_SIZE} elements, naming the shape and its exact
     * count: {@code shape [4294967301] has 4294967301 elements; a tensor holds at most 2147483639
     * (2^31 - 9)}. A shape with a 0 fails only for a size that large ({@code [0, 2^40]}).
     */
    public static IllegalArgumentException tooLarge(long[] shape) {
        java.math.BigInteger n = java.math.BigInteger.ONE;
        long largest = 0;
        for (long s : shape) {
            n = n.multiply(java.math.BigInteger.valueOf(s));
            largest = Math.max(largest, s);
        }
        String count = n.signum() == 0 ? "a size of " + largest : n + " elements";
        return new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + count
                + "; a tensor holds at most " + MAX_SIZE + " (2^31 - 9) elements");
    }

    /** Row-major strides for a shape. */
    public static int[] contiguousStrides(int... shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }

    /** Row-major, from offset 0. */
    public static Layout contiguous(int... shape) {
        return new Layout(0, shape, contiguousStrides(shape));
    }

    /** Index of the first element in the buffer. */
    public int offset() {
        return offset;
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code dim}. */
    public int shape(int dim) {
        return shape[dim];
    }

    /** Buffer step between neighbours along {@code dim}. */
    public int stride(int dim) {
        return strides[dim];
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** True when this layout has exactly this shape (no copy of the shape is made). */
    public boolean hasShape(int[] other) {
        return Arrays.equals(shape, other);
    }

    /** True when both layouts have the same shape, whatever their strides. */
    public boolean hasSameShape(Layout other) {
        return Arrays.equals(shape, other.shape);
    }

    /** A copy of the strides. */
    public int[] strides() {
        return strides.clone();
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /**
     * True when the elements are exactly {@code offset .. offset + size - 1} in row-major order
     * (always, as in PyTorch, when there are none).
     */
    public boolean isContiguous() {
        return contiguous;
    }

    private boolean computeContiguous() {
        if (size == 0) {
            return true;
        }
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * True when every position reads the element at {@code offset}: a single element, or one broadcast
     * (stride 0 along every dimension longer than 1), as a scalar operand such as pow's exponent.
     */
    public boolean isOneElement() {
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 1 && strides[d] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the layout covers a gap-free block of memory with no element twice, in some dim order
     * (PyTorch's {@code is_non_overlapping_and_dense}): a transposed matrix is, a sliced one is not.
     */
    public boolean isNonOverlappingAndDense() {
        int rank = shape.length;
        int[] order = new int[rank];
        int n = 0;
        for (int d = 0; d < rank; d++) {            // dims of one element say nothing: skip them
            if (shape[d] < 2) {
                continue;
            }
            int at = n++;
            for (; at > 0 && strides[order[at - 1]] > strides[d]; at--) {
                order[at] = order[at - 1];
            }
            order[at] = d;
        }
        long required = 1;
        for (int i = 0; i < n; i++) {
            if (strides[order[i]] != required) {
                return false;
            }
            required *= shape[order[i]];
        }
        return true;
    }

    /** True when the innermost dimension has stride 1 (or there is at most one element per row). */
    public boolean isInnerContiguous() {
        return shape.length == 0 || shape[shape.length - 1] <= 1 || strides[shape.length - 1] == 1;
    }

    /** Buffer position of the element at a multi-index. */
    public int indexOf(int... index) {
        int p = offset;
        for (int d = 0; d < index.length; d++) {
            p += index[d] * strides[d];
        }
        return p;
    }

    /** Buffer position of the element with the given row-major flat index. */
    public int indexOfFlat(int flat) {
        int p = offset;
        for (int d = shape.length - 1; d >= 0; d--) {
            int n = shape[d];
            if (n > 1) {
                p += (flat % n) * strides[d];
                flat /= n;
            }
        }
        return p;
    }

    /** The same elements with dimensions reordered: new dim {@code i} is old dim {@code order[i]}. */
    public Layout permute(int... order) {
        int[] sh = new int[order.length];
        int[] st = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sh[i] = shape[order[i]];
            st[i] = strides[order[i]];
        }
        return new Layout(offset, sh, st);
    }

    /**
     * Fills {@code positions} with the buffer position of every element in row-major order. Backends
     * use it for the general strided path; it walks the index like an odometer, with no division.
     */
    public void positions(int[] positions) {
        int rank = shape.length;
        if (size == 0) {
            return;
        }
        if (rank == 0) {
            positions[0] = offset;
            return;
        }
        int[] idx = new int[rank];
        int p = offset;
        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        for (int i = 0; i < size; ) {
            for (int j = 0; j < inner; j++) {
                positions[i++] = p + j * innerStride;
            }
            int d = rank - 2;
            for (; d >= 0; d--) {
                p += strides[d];
                if (++idx[d] < shape[d]) {
                    break;
                }
                p -= strides[d] * shape[d];
                idx[d] = 0;
            }
            if (d < 0) {
                break;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout l && l.offset == offset && Arrays.equals(l.shape, shape)
                && Arrays.equals(l.strides, strides);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * offset + Arrays.hashCode(shape)) + Arrays.hashCode(strides);
    }

    @Override
    public String toString() {
        return "Layout(offset=" + offset + ", shape=" + Arrays.toString(shape) + ", strides="
                + Arrays.toString(strides) + ")";
    }
}
