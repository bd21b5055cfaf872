package org.vectorgrad;

import static org.vectorgrad.Derivative.OTHER;
import static org.vectorgrad.Derivative.SELF;
import static org.vectorgrad.Derivative.saves;
import static org.vectorgrad.Derivative.wrt;
import static org.vectorgrad.OpSupport.castTo;
import static org.vectorgrad.OpSupport.copyContiguous;
import static org.vectorgrad.OpSupport.copyOf;
import static org.vectorgrad.OpSupport.kernels;
import static org.vectorgrad.OpSupport.record;
import static org.vectorgrad.OpSupport.scalarName;
import static org.vectorgrad.ReductionOps.sumTo;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.vectorgrad.Derivative.Wrt;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;

/**
 * Views, copies, indexing and joins. A view is a layout function ({@link Views}) applied by
 * {@link #viewOp}, whose gradient is the same for every view: zeros of the input's shape with the
 * function's region set to the gradient ({@link #scatterView}). So a view row is its checks, its
 * layout function and its node name; the other rows give the kernel call and formula. Checks and
 * longer computations follow the table as helpers.
 */
final class ViewOps {
    private ViewOps() {
    }

    static Tensor view(Tensor x, long[] shape) {
        int[] s = viewableShape(x, shape);
        return viewOp(x, "ViewBackward0", l -> Views.reshaped(l, s));
    }

    static Tensor reshape(Tensor x, long[] shape) {
        int[] s = Shapes.inferSize(shape, x.numel());
        if (Shapes.viewStrides(x.layout(), s) != null) {
            return viewOp(x, "ReshapeAliasBackward0", l -> Views.reshaped(l, s));
        }
        return unsafeView(clone(x, true), shape);
    }

    /** PyTorch's {@code _unsafe_view}: reshape of a fresh result, recorded as UnsafeViewBackward0. */
    static Tensor unsafeView(Tensor x, long[] shape) {
        int[] inShape = x.layout().shape();
        return record(reshapedFresh(x, shape), "UnsafeViewBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> c.grad().reshape(Shapes.toLong(inShape))));
    }

    static Tensor t(Tensor x) {
        if (x.dim() > 2) {
            throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + x.dim() + "D");
        }
        return viewOp(x, "TBackward0", l -> l.rank() < 2 ? l : l.permute(1, 0));
    }

    /** {@code x.T} of a matrix, which PyTorch records as a permute. */
    static Tensor transposeT(Tensor x) {
        return viewOp(x, "PermuteBackward0", l -> l.permute(1, 0));
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int a = Shapes.wrapDim(dim0, x.dim());
        int b = Shapes.wrapDim(dim1, x.dim());
        return viewOp(x, "TransposeBackward0", l -> l.rank() == 0 ? l : l.permute(Views.swap(l.rank(), a, b)));
    }

    static Tensor permute(Tensor x, int[] dims) {
        int[] order = permutation(x, dims);
        return viewOp(x, "PermuteBackward0", l -> l.permute(order));
    }

    static Tensor select(Tensor x, int dim, long index) {
        return select(x, dim, index, -1);
    }

    /**
     * {@code select}; {@code reportedDim} (if not -1) is the dim named by an out-of-range error, as
     * {@code m[0, 5]} reports dim 1 of m although it selects along dim 0 of {@code m[0]}.
     */
    static Tensor select(Tensor x, int dim, long index, int reportedDim) {
        if (x.dim() == 0) {
            throw new IndexOutOfBoundsException("select() cannot be applied to a 0-dim tensor.");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int i = checkedIndex(index, x.size(d), reportedDim < 0 ? d : reportedDim);
        return viewOp(x, "SelectBackward0", l -> Views.select(l, d, i));
    }

    static Tensor slice(Tensor x, int dim, long start, long end, long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("step must be greater than zero");
        }
        if (x.dim() == 0) {
            throw new IndexOutOfBoundsException("slice() cannot be applied to a 0-dim tensor.");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.size(d);
        long s = clampIndex(start, size);
        long e = Math.max(clampIndex(end, size), s);
        int from = (int) s;
        int len = (int) (e == s ? 0 : (e - s - 1) / step + 1);
        // a step past the size takes one element, whose stride nothing reads: keep it an int
        int st = (int) Math.min(step, Math.max(size, 1));
        return viewOp(x, "SliceBackward0", l -> Views.slice(l, d, from, len, st));
    }

    static Tensor expand(Tensor x, long[] sizes) {
        int[] target = expandedShape(x, sizes);
        if (Arrays.equals(target, x.layout().shape())) {
            return viewOp(x, "ExpandBackward0", l -> l);
        }
        int[] inShape = x.layout().shape();
        return record(x.view(l -> Shapes.expand(l, target)), "ExpandBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> sumTo(c.grad(), inShape)));
    }

    static Tensor squeeze(Tensor x, Integer dim) {
        if (dim == null) {
            return viewOp(x, "SqueezeBackward0", l -> Views.squeeze(l, -1));
        }
        int d = Shapes.wrapDim(dim, x.dim());
        return viewOp(x, "SqueezeBackward1", l -> Views.squeeze(l, l.rank() == 0 ? -2 : d));
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim() + 1);
        return viewOp(x, "UnsqueezeBackward0", l -> Views.unsqueeze(l, d));
    }

    /** {@code clone()} (keeps a dense layout's strides) or {@code contiguous()} (row-major). */
    static Tensor clone(Tensor x, boolean contiguous) {
        return record(contiguous ? copyContiguous(x) : copyOf(x), "CloneBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> c.grad()));
    }

    static Tensor to(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        return record(castTo(x, dtype), "ToCopyBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> c.grad().to(x.dtype())));
    }

    static Tensor repeat(Tensor x, long[] repeats) {
        long[] tiles = tileShape(x, repeats);
        int[] inShape = x.layout().shape();
        return record(tiled(x, tiles), "RepeatBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> untile(c.grad(), tiles, inShape)));
    }

    /**
     * Slices {@code idx} (in range) of x along d, as a tensor of {@code resultShape} when it is not
     * null (the same elements, as advanced indexing with a multi-dim index shapes them). The gradient
     * is an index_add of the output's gradient into zeros, itself differentiable, so repeated indices
     * accumulate at every order. A 0-dim x gives one 0-dim copy of itself, as PyTorch's does (and an
     * empty 1-D result for no indices, where PyTorch's is undefined).
     */
    private static Tensor indexSelect(Tensor x, int d, long[] idx, String name, int[] resultShape) {
        if (x.dim() == 0) {
            return record(idx.length == 0 ? Tensor.empty(x.dtype(), 0) : copyOf(x), name, new Tensor[] {x}, null,
                    wrt(SELF, saves(), c -> idx.length == 0 ? Tensor.zeros(c.grad().dtype()) : c.grad()));
        }
        long[] inShape = x.shape();
        long[] pickedShape = inShape.clone();
        pickedShape[d] = idx.length;
        return record(indexSelectKernel(x, d, idx, resultShape), name, new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> {
                    // into fresh zeros, not a copy of them, as PyTorch's new_zeros().index_add_()
                    Tensor zeros = Tensor.zeros(c.grad().dtype(), inShape);
                    return indexAdd(zeros, zeros, d, idx, c.grad().reshape(pickedShape));
                }));
    }

    /**
     * The checked index_add into r, a fresh contiguous tensor holding self's values (a copy of self,
     * or self itself when it is fresh zeros); its source gradient picks the same slices back.
     */
    private static Tensor indexAdd(Tensor r, Tensor self, int d, long[] idx, Tensor source) {
        Tensor s = source.isContiguous() ? source : copyContiguous(source);
        kernels().indexAdd(r.dtype(), r.buffer(), atLeast1d(r.layout()), d, idx, s.buffer(), atLeast1d(s.layout()));
        return record(r, "IndexAddBackward0", new Tensor[] {self, source}, null,
                wrt(SELF, saves(), c -> c.grad()),
                wrt(OTHER, saves(), c -> {
                    Tensor g = indexSelect(c.grad().dim() == 0 ? c.grad().reshape(1) : c.grad(), d, idx, "IndexSelectBackward0", null);
                    // only a 0-dim source needs the reshape: a view would keep the engine from summing into g in place
                    return g.dim() == source.dim() ? g : g.reshape(source.shape());
                }));
    }

    static Tensor cat(Tensor[] tensors, int dim) {
        int d = catDim(tensors, dim);
        return record(catKernel(tensors, d), "CatBackward0", tensors, null, narrowBack(tensors, d));
    }

    static Tensor stack(Tensor[] tensors, int dim) {
        int d = stackDim(tensors, dim);
        return record(catKernel(unsqueezed(tensors, d), d), "StackBackward0", tensors, null, selectBack(tensors.length, d));
    }

    // ---------------------------------------------------------------- composites of the rows above

    static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.dim() == 0) {
            return reshape(x, new long[] {1});
        }
        int s = Shapes.wrapDim(startDim, x.dim());
        int e = Shapes.wrapDim(endDim, x.dim());
        if (s > e) {
            throw new IllegalArgumentException("flatten() has invalid args: start_dim cannot come after end_dim");
        }
        return s == e ? x : reshape(x, flattenedShape(x.shape(), s, e));
    }

    static Tensor narrow(Tensor x, int dim, long start, long length) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("narrow() cannot be applied to a 0-dim tensor.");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.size(d);
        if (start < -size || start > size) {
            throw new IndexOutOfBoundsException("start out of range (expected to be in range of [" + (-size) + ", " + size
                    + "], but got " + start + ")");
        }
        long s = start < 0 ? start + size : start;
        if (length < 0 || s + length > size) {
            throw new IllegalArgumentException("start (" + s + ") + length (" + length + ") exceeds dimension size (" + size + ").");
        }
        return slice(x, d, s, s + length, 1);
    }

    /**
     * torch.masked_select: x and the mask broadcast against each other (either may be the larger), and
     * the elements of the broadcast x where the broadcast mask is true, in row-major order, as 1-D. The
     * gradient puts the output's gradient back at those places in zeros of the broadcast shape (PyTorch's
     * masked_scatter, here an index_add over the flat offsets, itself differentiable); the engine sums it
     * to x's shape.
     */
    static Tensor maskedSelect(Tensor x, Tensor mask) {
        checkMaskDtype(mask);
        int[] shape = Shapes.broadcast(mask.layout().shape(), x.layout().shape());   // PyTorch's operand order in its error
        Tensor m = mask.expand(Shapes.toLong(shape)).contiguous();
        long[] idx = kernels().trueIndices((boolean[]) m.buffer(), m.layout().offset(), m.layout().size());
        Tensor flat = x.detach().expand(Shapes.toLong(shape)).reshape(-1);
        long[] flatShape = {flat.numel()};
        return record(indexSelectKernel(flat, 0, idx, null), "MaskedSelectBackward0", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> {
                    Tensor zeros = Tensor.zeros(c.grad().dtype(), flatShape);
                    return indexAdd(zeros, zeros, 0, idx, c.grad()).reshape(Shapes.toLong(shape));
                }));
    }

    /** {@code x[mask]}: the mask covers the leading dims, flattened into one and picked along. */
    static Tensor maskIndex(Tensor x, Tensor mask) {
        long[] idx = maskIndices(x, mask);
        int[] xs = x.layout().shape();
        int maskRank = mask.dim();
        long[] rows = new long[xs.length - maskRank + 1];
        rows[0] = mask.numel();
        for (int d = maskRank; d < xs.length; d++) {
            rows[d - maskRank + 1] = xs[d];
        }
        return indexSelect(x.reshape(rows), 0, idx, "IndexBackward0", null);
    }

    /**
     * {@code x[indices]} with an integer index tensor (advanced indexing along dim 0): negative
     * indices count from the end, and the result has shape {@code indices.shape + x.shape[1:]}.
     */
    static Tensor index(Tensor x, Tensor indices) {
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IndexOutOfBoundsException("tensors used as indices must be long, int, byte or bool tensors");
        }
        if (x.dim() == 0) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension 0");
        }
        long size = x.size(0);
        long[] idx = indexArray(indices, OpSupport.recorded(x, x.requiresGrad()));
        if (!Backend.inRange(idx, size)) {   // negative indices count from the end: wrapped in an array of ours
            long[] wrapped = new long[idx.length];
            for (int i = 0; i < idx.length; i++) {
                wrapped[i] = checkedIndex(idx[i], size, 0);
            }
            idx = wrapped;
        }
        int[] shape = new int[indices.dim() + x.dim() - 1];
        System.arraycopy(indices.layout().shape(), 0, shape, 0, indices.dim());
        System.arraycopy(x.layout().shape(), 1, shape, indices.dim(), x.dim() - 1);
        return indexSelect(x, 0, idx, "IndexBackward0", shape);
    }

    /** torch.index_select: non-negative indices only, as PyTorch. */
    static Tensor indexSelect(Tensor x, int dim, Tensor indices) {
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("index_select(): Expected dtype int32 or int64 for index");
        }
        if (indices.dim() > 1) {
            throw new IndexOutOfBoundsException("index_select(): Index is supposed to be a vector");
        }
        int d = Shapes.wrapDim(dim, Math.max(x.dim(), 1));
        long[] idx = indexArray(indices, OpSupport.recorded(x, x.requiresGrad()));
        checkInRange(idx, x.dim() == 0 ? 1 : x.size(d));
        return indexSelect(x, d, idx, "IndexSelectBackward0", null);
    }

    /** torch.index_add: a copy of self with {@code source}'s slices added at {@code indices} along dim. */
    static Tensor indexAdd(Tensor self, int dim, Tensor indices, Tensor source) {
        checkIndexAdd(self, indices, source);
        int d = Shapes.wrapDim(dim, Math.max(self.dim(), 1));
        long[] idx = indexArray(indices, true);
        checkIndexAddShapes(self, d, idx, source);
        return indexAdd(copyContiguous(self), self, d, idx, source);
    }

    // ---------------------------------------------------------------- every view's node and gradient

    /**
     * A view of x through the layout function {@code fn}, recorded as {@code name}. The gradient
     * formula is shared by every view: zeros of x's shape with {@code fn}'s region set to the gradient.
     */
    static Tensor viewOp(Tensor x, String name, UnaryOperator<Layout> fn) {
        Tensor v = x.view(fn);
        int[] inShape = x.layout().shape();
        return record(v, name, new Tensor[] {x}, null, wrt(SELF, saves(), c -> scatterView(c.grad(), inShape, fn, name)));
    }

    /** Zeros of {@code shape} with the region {@code fn} selects set to g: the adjoint of a view. */
    static Tensor scatterView(Tensor g, int[] shape, UnaryOperator<Layout> fn, String viewName) {
        Layout whole = Layout.contiguous(shape);
        Layout region = fn.apply(whole);
        Tensor out;
        if (gradientIsAView(viewName) && region.size() == whole.size() && Arrays.equals(region.shape(), g.layout().shape())
                && Arrays.equals(region.strides(), g.layout().strides()) && g.layout().offset() >= region.offset()) {
            // The view covers every element and g is laid out as the view of a fresh x would be (mm's
            // gradient of nn.Linear's weight.t()): x's layout over g's storage, no copy, as PyTorch's
            // TBackward0 returns grad.t(). A view: a node's buffer never sums into it in place; a leaf
            // adopts it as its grad (as PyTorch's AccumulateGrad steals grad.t()) and later adds into it.
            out = g.view(l -> new Layout(l.offset() - region.offset(), shape, whole.strides()));
        } else {
            out = Tensor.empty(g.dtype(), shape);
            kernels().copy(g.dtype(), g.buffer(), g.layout(), g.dtype(), out.buffer(), region);
        }
        return record(out, viewName.replace("Backward0", "BackwardBackward0"), new Tensor[] {g}, null,
                wrt(SELF, saves(), c -> viewOp(c.grad().contiguous(), viewName, fn)));
    }

    /**
     * Whether PyTorch's gradient of this view is a view of the output's gradient ({@code grad.t()},
     * {@code grad.reshape(...)}), which a leaf may then adopt, sharing the gradient's storage. Slice's,
     * select's and as_strided's are fresh zeros with the region set, expand's a sum_to: x.grad never
     * shares a user's gradient there, even when the view covers every element ({@code x[0:n]}).
     */
    private static boolean gradientIsAView(String viewName) {
        return switch (viewName) {
            case "TBackward0", "PermuteBackward0", "TransposeBackward0", "ViewBackward0", "ReshapeAliasBackward0",
                 "SqueezeBackward0", "SqueezeBackward1", "UnsqueezeBackward0" -> true;
            default -> false;
        };
    }

    // ---------------------------------------------------------------- checks and shapes of views

    private static int[] viewableShape(Tensor x, long[] shape) {
        int[] s = Shapes.inferSize(shape, x.numel());
        if (Shapes.viewStrides(x.layout(), s) == null) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at least one "
                    + "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        return s;
    }

    /** x's storage under a row-major layout of {@code shape} (x itself if contiguous, else a copy). */
    private static Tensor reshapedFresh(Tensor x, long[] shape) {
        int[] s = Shapes.inferSize(shape, x.numel());
        Tensor src = x.isContiguous() ? x : copyOf(x);
        return Tensor.make(src.buffer(), src.dtype(), new Layout(src.layout().offset(), s, Layout.contiguousStrides(s)));
    }

    private static int[] permutation(Tensor x, int[] dims) {
        if (dims.length != x.dim()) {
            throw new IllegalArgumentException("permute(sparse_coo): number of dimensions in the tensor input does not match "
                    + "the length of the desired ordering of dimensions i.e. input.dim() = " + x.dim()
                    + " is not equal to len(dims) = " + dims.length);
        }
        int[] order = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            order[i] = Shapes.wrapDim(dims[i], x.dim());
            if (seen[order[i]]) {
                throw new IllegalArgumentException("permute(): duplicate dims are not allowed.");
            }
            seen[order[i]] = true;
        }
        return order;
    }

    /** {@code index} in {@code [-size, size)}, made non-negative; out of range names {@code dim}. */
    private static int checkedIndex(long index, long size, int dim) {
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for dimension " + dim + " with size " + size);
        }
        return (int) (index < 0 ? index + size : index);
    }

    private static long clampIndex(long i, long size) {
        if (i < 0) {
            i += size;
        }
        return Math.max(0, Math.min(i, size));
    }

    private static int[] expandedShape(Tensor x, long[] sizes) {
        if (sizes.length < x.dim()) {
            throw new IllegalArgumentException("expand(" + x.legacyTypeName() + "{" + Shapes.str(x.layout().shape())
                    + "}, size=" + Arrays.toString(sizes) + "): the number of sizes provided (" + sizes.length
                    + ") must be greater or equal to the number of dimensions in the tensor (" + x.dim() + ")");
        }
        long[] resolved = sizes.clone();
        int lead = sizes.length - x.dim();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1) {
                if (i < lead) {
                    throw new IllegalArgumentException("The expanded size of the tensor (-1) isn't allowed in a leading, "
                            + "non-existing dimension " + i);
                }
                resolved[i] = x.layout().shape(i - lead);
            }
        }
        int[] target = Shapes.toInt(resolved);
        Shapes.expand(x.layout(), target);
        return target;
    }

    private static long[] flattenedShape(long[] shape, int s, int e) {
        long[] ns = new long[shape.length - (e - s)];
        long prod = 1;
        for (int d = s; d <= e; d++) {
            prod *= shape[d];
        }
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d < s || d > e) {
                ns[k++] = shape[d];
            } else if (d == s) {
                ns[k++] = prod;
            }
        }
        return ns;
    }

    // ---------------------------------------------------------------- repeat

    /** The shape {@code (r0, s0, r1, s1, ...)}: repeat count then size of each dim of x padded to repeats' rank. */
    private static long[] tileShape(Tensor x, long[] repeats) {
        if (repeats.length < x.dim()) {
            throw new IllegalArgumentException("Number of dimensions of repeat dims can not be smaller than number of "
                    + "dimensions of tensor");
        }
        int n = repeats.length;
        int lead = n - x.dim();
        long[] tiles = new long[2 * n];
        long[] outShape = new long[n];
        for (int i = 0; i < n; i++) {
            tiles[2 * i] = repeats[i];
            tiles[2 * i + 1] = i < lead ? 1 : x.size(i - lead);
            try {
                outShape[i] = Math.multiplyExact(repeats[i], tiles[2 * i + 1]);
            } catch (ArithmeticException e) {
                throw Layout.tooLarge(repeats);
            }
        }
        Shapes.toInt(outShape);   // PyTorch's error for a negative repeat, or one naming the size
        return tiles;
    }

    /** x tiled as {@code tiles} says, row-major whatever x's strides: the tiles are then merged by a view. */
    private static Tensor tiled(Tensor x, long[] tiles) {
        int n = tiles.length / 2;
        long[] padded = new long[n];
        long[] interleaved = new long[2 * n];
        long[] outShape = new long[n];
        for (int i = 0; i < n; i++) {
            padded[i] = tiles[2 * i + 1];
            interleaved[2 * i] = 1;
            interleaved[2 * i + 1] = padded[i];
            outShape[i] = tiles[2 * i] * padded[i];
        }
        Tensor t = copyContiguous(x.reshape(padded).detach().view(interleaved).expand(tiles)).view(outShape);
        return Tensor.make(t.buffer(), t.dtype(), t.layout());
    }

    /**
     * The gradient of repeat: the tiles summed, as PyTorch's repeat_backward with g seen as its
     * {@code (repeat, size)} pairs less the dims of 1, and neighbouring dims of one kind merged (the
     * same elements in the same order, in fewer, longer rows: (2, 65,536) summed over dim 0 rather
     * than (2, 256, 1, 256) over dims 0 and 2).
     */
    private static Tensor untile(Tensor g, long[] tiles, int[] inShape) {
        long[] shape = new long[tiles.length];
        int[] tileDims = new int[tiles.length / 2];
        int rank = 0;
        int summed = 0;
        boolean lastIsTile = false;
        for (int i = 0; i < tiles.length; i++) {
            boolean isTile = i % 2 == 0;
            if (tiles[i] == 1) {
                continue;
            }
            if (rank > 0 && lastIsTile == isTile) {
                shape[rank - 1] *= tiles[i];
            } else {
                if (isTile) {
                    tileDims[summed++] = rank;
                }
                shape[rank++] = tiles[i];
                lastIsTile = isTile;
            }
        }
        Tensor grouped = g.reshape(Arrays.copyOf(shape, rank));
        // nothing to sum (every repeat 1): a copy, as PyTorch's sum over no dims, so x.grad never shares g's storage
        Tensor sum = summed == 0 ? grouped.clone() : grouped.sum(Arrays.copyOf(tileDims, summed), false);
        return sum.reshape(Shapes.toLong(inShape));
    }

    // ---------------------------------------------------------------- indexing

    private static void checkMaskDtype(Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("masked_select: expected BoolTensor or ByteTensor for mask");
        }
    }

    private static long[] maskIndices(Tensor x, Tensor mask) {
        int[] ms = mask.layout().shape();
        int[] xs = x.layout().shape();
        if (ms.length > xs.length) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension " + xs.length);
        }
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] != xs[i]) {
                throw new IndexOutOfBoundsException("The shape of the mask " + Shapes.str(ms) + " at index " + i
                        + " does not match the shape of the indexed tensor " + Shapes.str(xs) + " at index " + i);
            }
        }
        Tensor m = mask.contiguous();
        return kernels().trueIndices((boolean[]) m.buffer(), m.layout().offset(), m.layout().size());
    }

    /**
     * The indices as int64 values, which the caller only reads: a copy when {@code kept} (a recorded node
     * keeps them, and a later in-place write to the indices must not change its gradient), else, for an
     * int64 tensor that is its whole storage, that storage itself (indexing without a node then copies no
     * half MiB for 65,536 indices, the JVM's zeroing of fresh memory as long as the gather itself).
     */
    private static long[] indexArray(Tensor indices, boolean kept) {
        Layout l = indices.layout();
        if (!kept && indices.buffer() instanceof long[] stored && stored.length == l.size() && l.offset() == 0 && l.isContiguous()) {
            return stored;
        }
        return indices.to(DType.INT64).contiguous().toLongArray();
    }

    private static void checkInRange(long[] idx, long size) {
        if (!Backend.inRange(idx, size)) {
            throw new IndexOutOfBoundsException("index out of range in self");
        }
    }

    private static Tensor indexSelectKernel(Tensor x, int d, long[] idx, int[] resultShape) {
        int[] shape = x.layout().shape();
        shape[d] = idx.length;
        Tensor picked = Tensor.empty(x.dtype(), shape);
        kernels().indexSelect(x.dtype(), x.buffer(), x.layout(), d, idx, picked.buffer(), picked.layout());
        return resultShape == null ? picked : Tensor.make(picked.buffer(), x.dtype(), Layout.contiguous(resultShape));
    }

    private static Layout atLeast1d(Layout l) {
        return l.rank() == 0 ? Views.unsqueeze(l, 0) : l;
    }

    private static void checkIndexAdd(Tensor self, Tensor indices, Tensor source) {
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("index_add_(): Expected dtype int32/int64 for index but got: " + scalarName(indices.dtype()));
        }
        if (indices.dim() > 1) {
            throw new IndexOutOfBoundsException("index_add_(): Index is supposed to be a vector, but got dim: " + indices.dim()
                    + " with type: " + scalarName(indices.dtype()) + " and size: " + Shapes.str(indices.layout().shape()));
        }
        if (self.dtype() != source.dtype()) {
            throw new IllegalArgumentException("index_add_(): self (" + scalarName(self.dtype()) + ") and source ("
                    + scalarName(source.dtype()) + ") must have the same scalar type");
        }
    }

    private static void checkIndexAddShapes(Tensor self, int d, long[] idx, Tensor source) {
        int rank = Math.max(self.dim(), 1);
        int sourceRank = Math.max(source.dim(), 1);
        if (sourceRank != rank) {
            throw new IllegalArgumentException("index_add_(): source " + Shapes.str(source.layout().shape()) + " and self "
                    + Shapes.str(self.layout().shape()) + " must have the same number of dimensions");
        }
        long n = source.dim() == 0 ? 1 : source.size(d);
        if (n != idx.length) {
            throw new IllegalArgumentException("index_add_(): Number of indices (" + idx.length + ") should be equal to source.size(dim): ("
                    + n + "), for dim: " + d);
        }
        checkInRange(idx, self.dim() == 0 ? 1 : self.size(d));
        for (int k = 0; k < rank; k++) {
            if (k != d && self.size(k) != source.size(k)) {
                throw new IllegalArgumentException("index_add_(): source " + Shapes.str(source.layout().shape()) + " and self "
                        + Shapes.str(self.layout().shape()) + " must have the same size except at dim " + d);
            }
        }
    }

    // ---------------------------------------------------------------- cat

    /** The wrapped dim of a cat, after PyTorch's checks of the list. */
    private static int catDim(Tensor[] tensors, int dim) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("torch.cat(): expected a non-empty list of Tensors");
        }
        int rank = tensors[0].dim();
        if (rank == 0) {
            throw new IllegalArgumentException("zero-dimensional tensor (at position 0) cannot be concatenated");
        }
        int d = Shapes.wrapDim(dim, rank);
        for (int i = 0; i < tensors.length; i++) {
            for (int k = 0; k < rank; k++) {
                if (k != d && tensors[i].layout().shape(k) != tensors[0].layout().shape(k)) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + d
                            + ". Expected size " + tensors[0].layout().shape(k) + " but got size "
                            + tensors[i].layout().shape(k) + " for tensor number " + i + " in the list.");
                }
            }
        }
        return d;
    }

    /** The tensors copied one after the other along d into a fresh tensor of their promoted dtype. */
    private static Tensor catKernel(Tensor[] tensors, int d) {
        DType t = tensors[0].dtype();
        int total = 0;
        for (Tensor x : tensors) {
            t = DType.promote(t, x.dtype());
            total += x.layout().shape(d);
        }
        int[] shape = tensors[0].layout().shape();
        shape[d] = total;
        Tensor r = Tensor.empty(t, shape);
        int at = 0;
        for (Tensor x : tensors) {
            int len = x.layout().shape(d);
            kernels().copy(x.dtype(), x.buffer(), x.layout(), t, r.buffer(), Views.slice(r.layout(), d, at, len, 1));
            at += len;
        }
        return r;
    }

    /** The wrapped dim of a stack, after PyTorch's checks of the list. */
    private static int stackDim(Tensor[] tensors, int dim) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack expects a non-empty TensorList");
        }
        int d = Shapes.wrapDim(dim, tensors[0].dim() + 1);
        for (int i = 0; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].layout().shape(), tensors[0].layout().shape())) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                        + Shapes.str(tensors[0].layout().shape()) + " at entry 0 and " + Shapes.str(tensors[i].layout().shape())
                        + " at entry " + i);
            }
        }
        return d;
    }

    /** The tensors with a size-1 dim inserted at d, unrecorded (stack records one node over the inputs). */
    private static Tensor[] unsqueezed(Tensor[] tensors, int d) {
        Tensor[] parts = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            parts[i] = tensors[i].detach().unsqueeze(d);
        }
        return parts;
    }

    /** stack's formulas: input i gets slice i of the gradient along d. */
    private static Wrt[] selectBack(int n, int d) {
        Wrt[] grads = new Wrt[n];
        for (int i = 0; i < n; i++) {
            long at = i;
            grads[i] = new Wrt(i, saves(), c -> c.grad().select(d, at));
        }
        return grads;
    }

    /** cat's formulas: input i gets its own stretch of the gradient back. */
    private static Wrt[] narrowBack(Tensor[] tensors, int d) {
        Wrt[] grads = new Wrt[tensors.length];
        int at = 0;
        for (int i = 0; i < tensors.length; i++) {
            int start = at;
            int len = tensors[i].layout().shape(d);
            grads[i] = new Wrt(i, saves(), c -> c.grad().narrow(d, start, len));
            at += len;
        }
        return grads;
    }
}
