package org.vectorgrad;

import java.util.Arrays;
import org.vectorgrad.backend.Layout;

/** Shape arithmetic shared by the ops: dims, broadcasting, view strides and output layouts. */
final class Shapes {
    private Shapes() {
    }

    /** Wraps a possibly negative dim, with PyTorch's error for one out of range. */
    static int wrapDim(long dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of ["
                    + (-r) + ", " + (r - 1) + "], but got " + dim + ")");
        }
        return (int) (dim < 0 ? dim + r : dim);
    }

    /**
     * A requested shape as the int shape of a layout, or PyTorch's error for a negative size, or one
     * naming the size when the shape has more than {@link Layout#MAX_SIZE} elements (or a size that
     * large in a dim beside a 0).
     */
    static int[] toInt(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("Trying to create tensor with negative dimension "
                        + shape[i] + ": " + Arrays.toString(shape));
            }
        }
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Layout.MAX_SIZE) {
                throw Layout.tooLarge(shape);
            }
            n = Math.min(n * shape[i], Layout.MAX_SIZE + 1L);   // saturates: each factor is below 2^31
            s[i] = (int) shape[i];
        }
        if (n > Layout.MAX_SIZE) {
            throw Layout.tooLarge(shape);
        }
        return s;
    }

    /** A count of elements (arange's, linspace's) as an int, or the error naming it. */
    static int toIntSize(long n) {
        return toInt(new long[] {n})[0];
    }

    static long[] toLong(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = shape[i];
        }
        return s;
    }

    static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** PyTorch's list form of a shape, e.g. {@code [2, 3]}. */
    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** The broadcast shape of two shapes, or PyTorch's error naming the first mismatch. */
    static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            int ai = i - (n - a.length);
            int bi = i - (n - b.length);
            int sa = ai >= 0 ? a[ai] : 1;
            int sb = bi >= 0 ? b[bi] : 1;
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException("The size of tensor a (" + sa + ") must match the size of tensor b ("
                        + sb + ") at non-singleton dimension " + i);
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** A layout read as the given (broadcast) shape: new and size-1 dims get stride 0. */
    static Layout expand(Layout l, int[] shape) {
        if (l.hasShape(shape)) {
            return l;
        }
        int n = shape.length;
        int lead = n - l.rank();
        int[] strides = new int[n];
        for (int i = 0; i < n; i++) {
            int li = i - lead;
            if (li >= 0) {
                int s = l.shape(li);
                if (s == shape[i]) {
                    strides[i] = l.stride(li);
                } else if (s == 1) {
                    strides[i] = 0;
                } else {
                    throw new IllegalArgumentException("The expanded size of the tensor (" + shape[i]
                            + ") must match the existing size (" + s + ") at non-singleton dimension " + i
                            + ".  Target sizes: " + str(shape) + ".  Tensor sizes: " + str(l.shape()));
                }
            }
        }
        return new Layout(l.offset(), shape, strides);
    }

    /** Resolves one {@code -1} in a requested shape, with PyTorch's errors. */
    static int[] inferSize(long[] requested, long numel) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < requested.length; i++) {
            if (requested[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one dimension can be inferred");
                }
                infer = i;
            } else if (requested[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + requested[i]);
            } else {
                // saturates: a product past 2^63 matches no tensor's size
                known = requested[i] != 0 && known > Long.MAX_VALUE / requested[i] ? Long.MAX_VALUE : known * requested[i];
            }
        }
        long[] out = requested.clone();
        if (infer >= 0) {
            if (known == 0 && numel == 0) {
                throw new IllegalArgumentException("cannot reshape tensor of 0 elements into shape " + Arrays.toString(requested)
                        + " because the unspecified dimension size -1 can be any value and is ambiguous");
            }
            if (known == 0 || numel % known != 0) {
                throw invalidShape(requested, numel);
            }
            out[infer] = numel / known;
        } else if (known != numel) {
            throw invalidShape(requested, numel);
        }
        return toInt(out);
    }

    private static IllegalArgumentException invalidShape(long[] requested, long numel) {
        return new IllegalArgumentException("shape '" + Arrays.toString(requested) + "' is invalid for input of size " + numel);
    }

    /**
     * Strides that view {@code old} as {@code newShape} without copying, or null when the elements
     * cannot be reached with strides (then reshape copies and view fails). Same rule as ATen's
     * computeStride: each run of dims that is contiguous within itself may be split or merged.
     */
    static int[] viewStrides(Layout old, int[] newShape) {
        int[] oldShape = old.shape();
        int[] oldStride = old.strides();
        int[] newStride = new int[newShape.length];
        if (oldShape.length == 0) {
            Arrays.fill(newStride, 1);
            return newStride;
        }
        long numel = numel(oldShape);
        if (numel == 0 && Arrays.equals(oldShape, newShape)) {
            return oldStride;
        }
        if (numel == 0) {
            return Layout.contiguousStrides(newShape);
        }
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStride[oldStride.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int td = oldShape.length - 1; td >= 0; td--) {
            tensorNumel *= oldShape[td];
            if (td == 0 || (oldShape[td - 1] != 1 && oldStride[td - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStride[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (td > 0) {
                    chunkBaseStride = oldStride[td - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStride : null;
    }

    /**
     * Strides for a fresh tensor laid out like {@code l} (PyTorch's preserve_format, as clone and
     * zeros_like use): l's own strides when it is dense, else dense strides in l's dimension order.
     */
    static int[] preservedStrides(Layout l) {
        return l.isNonOverlappingAndDense() ? l.strides() : denseStridesLike(l.shape(), l);
    }

    /**
     * Strides for a fresh dense result of {@code shape} computed from {@code operands} (already
     * broadcast to that shape), ordered like the operands' memory as PyTorch's TensorIterator orders
     * them: contiguous operands give a contiguous result, and a transposed one a transposed result.
     */
    static int[] denseStridesLike(int[] shape, Layout... operands) {
        int rank = shape.length;
        if (givesRowMajor(rank, operands)) {
            return Layout.contiguousStrides(shape);
        }
        Layout first = operands[0];
        boolean sameDense = first.isNonOverlappingAndDense();
        for (Layout o : operands) {
            sameDense &= Arrays.equals(o.strides(), first.strides()) && Arrays.equals(o.shape(), shape);
        }
        if (sameDense) {
            return first.strides();
        }
        // perm[0] is the innermost dim; insertion sort with TensorIterator's comparison.
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = rank - 1 - i;
        }
        for (int i = 1; i < rank; i++) {
            int dim1 = i;
            for (int dim0 = i - 1; dim0 >= 0; dim0--) {
                int cmp = shouldSwap(perm[dim0], perm[dim1], shape, operands);
                if (cmp > 0) {
                    int t = perm[dim0];
                    perm[dim0] = perm[dim1];
                    perm[dim1] = t;
                    dim1 = dim0;
                } else if (cmp < 0) {
                    break;
                }
            }
        }
        int[] strides = new int[rank];
        int s = 1;
        for (int i = 0; i < rank; i++) {
            strides[perm[i]] = s;
            s *= Math.max(shape[perm[i]], 1);
        }
        return strides;
    }

    /**
     * Whether every stride of {@code l} is 0 or row-major: then TensorIterator's sort, which skips zero
     * strides ({@link #shouldSwap}), swaps no dims for it, so {@code x * 2} (the number's strides all 0)
     * and {@code x + bias} on a row-major x need no sort. Contiguity is not enough here: a contiguous
     * {@code torch.rand(3, 1).t()} has strides (1, 1), and PyTorch gives {@code x * 2} the same.
     */
    private static boolean isRowMajorWhereRead(Layout l) {
        int expected = 1;
        for (int d = l.rank() - 1; d >= 0; d--) {
            int s = l.stride(d);
            if (s != 0 && s != expected) {
                return false;
            }
            expected *= Math.max(l.shape(d), 1);
        }
        return true;
    }

    /**
     * Whether {@code l} takes part in TensorIterator's fast setup, which needs operands of one shape,
     * all contiguous: a zero stride, even along a dim of size 1, marks an operand broadcast to the
     * result's shape (a bias (3) against a (1, 3)), so PyTorch sorts: {@code torch.rand(3, 1).t() *
     * torch.rand(3)} has strides (1, 1). (An operand expanded by hand to a size-1 dim is taken as
     * broadcast too.)
     */
    private static boolean isContiguousUnbroadcast(Layout l) {
        if (!l.isContiguous()) {
            return false;
        }
        if (l.size() == 0) {
            return true;
        }
        for (int d = 0; d < l.rank(); d++) {
            if (l.stride(d) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the operands give a row-major result: TensorIterator's first rule (operands of its fast
     * setup, or at most one dimension), or operands its sort leaves in row-major order.
     */
    private static boolean givesRowMajor(int rank, Layout... operands) {
        if (rank < 2) {
            return true;
        }
        return all(operands, Shapes::isContiguousUnbroadcast) || all(operands, Shapes::isRowMajorWhereRead);
    }

    private static boolean all(Layout[] operands, java.util.function.Predicate<Layout> p) {
        for (Layout o : operands) {
            if (!p.test(o)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The layout of a fresh dense result computed from {@code a} and {@code b} (already broadcast to
     * one shape): offset 0 and {@link #denseStridesLike}'s strides. When those are row-major, an
     * operand that already is {@code Layout.contiguous(shape)} is that very layout and is returned
     * itself (layouts are immutable): {@code x + y} or {@code x * 2} on a fresh x builds none.
     */
    static Layout denseLayoutLike(Layout a, Layout b) {
        if (givesRowMajor(a.rank(), a, b)) {
            if (isRowMajorAtZero(a)) {
                return a;
            }
            if (isRowMajorAtZero(b)) {
                return b;
            }
        }
        int[] shape = a.shape();
        return new Layout(0, shape, denseStridesLike(shape, a, b));
    }

    /** True when {@code l} equals {@code Layout.contiguous(l.shape())}, compared without copies. */
    private static boolean isRowMajorAtZero(Layout l) {
        if (l.offset() != 0) {
            return false;
        }
        int s = 1;
        for (int d = l.rank() - 1; d >= 0; d--) {
            if (l.stride(d) != s) {
                return false;
            }
            s *= Math.max(l.shape(d), 1);
        }
        return true;
    }

    private static int shouldSwap(int dim0, int dim1, int[] shape, Layout[] operands) {
        for (Layout o : operands) {
            int s0 = o.stride(dim0);
            int s1 = o.stride(dim1);
            if (s0 == 0 || s1 == 0) {
                continue;
            }
            if (s0 < s1) {
                return -1;
            }
            if (s0 > s1) {
                return 1;
            }
            if (shape[dim0] > shape[dim1]) {
                return 1;
            }
        }
        return 0;
    }

    /** How two layouts over one buffer share elements, as ATen's get_overlap_status. */
    enum Overlap { NO, FULL, PARTIAL, TOO_HARD }

    /**
     * Whether {@code a} and {@code b}, over the same buffer, share elements: decided exactly only
     * for dense layouts (the same span with the same strides is FULL, another intersecting span
     * PARTIAL); other pairs are TOO_HARD, as in PyTorch, unless they are the same layout.
     */
    static Overlap overlap(Layout a, Layout b) {
        if (a.equals(b)) {
            return Overlap.FULL;
        }
        if (a.size() == 0 || b.size() == 0) {
            return Overlap.NO;
        }
        if (!a.isNonOverlappingAndDense() || !b.isNonOverlappingAndDense()) {
            return Overlap.TOO_HARD;
        }
        int aEnd = a.offset() + a.size();
        int bEnd = b.offset() + b.size();
        if (a.offset() == b.offset() && aEnd == bEnd) {
            return Arrays.equals(a.strides(), b.strides()) ? Overlap.FULL : Overlap.PARTIAL;
        }
        return a.offset() < bEnd && b.offset() < aEnd ? Overlap.PARTIAL : Overlap.NO;
    }

    /** The layout reaching each distinct element once: broadcast (stride 0) dims shrink to size 1. */
    static Layout distinct(Layout l) {
        int[] shape = l.shape();
        for (int d = 0; d < shape.length; d++) {
            if (l.stride(d) == 0) {
                shape[d] = Math.min(shape[d], 1);
            }
        }
        return new Layout(l.offset(), shape, l.strides());
    }

    /** True when some element of the layout is reachable through two indices (a zero stride, say). */
    static boolean hasInternalOverlap(Layout l) {
        for (int d = 0; d < l.rank(); d++) {
            if (l.shape(d) > 1 && l.stride(d) == 0) {
                return true;
            }
        }
        return false;
    }
}
