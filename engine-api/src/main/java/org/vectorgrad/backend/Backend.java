package org.vectorgrad.backend;

import org.vectorgrad.DType;

/**
 * The computing half of Vectorgrad. Every tensor computation reaches a backend as buffers
 * ({@code float[]}, {@code double[]}, {@code long[]}, {@code int[]} or {@code boolean[]}, by
 * {@link DType}) plus {@link Layout}s. One entry point serves contiguous, strided and broadcast
 * (stride 0) operands; each backend picks its own fast paths by looking at the layouts.
 *
 * <p>Contracts every implementation keeps:
 * <ul>
 *   <li>Output layouts never overlap themselves (no zero strides) and have the same shape as the
 *       (already broadcast) input layouts.</li>
 *   <li>An output may be the very same buffer and layout as an input (in-place ops); it never
 *       partially overlaps an input.</li>
 *   <li>Float results of {@code add, sub, mul, div, neg, abs} are bit-identical to Java's operators;
 *       transcendental maps are within 1 ulp of the correctly rounded result; reductions, dot and
 *       matmul are within {@code n * eps * sum|terms|} of the exact result.</li>
 * </ul>
 *
 * <p>Backends know nothing of autograd, broadcasting rules or type promotion: the ops layer has
 * resolved all of that before the call.
 */
public interface Backend {

    /** Short name used with {@code -Dvectorgrad.backend}, e.g. {@code scalar}. */
    String name();

    /** {@code dst = op(src)} elementwise; src and dst have {@code dtype}. */
    void unary(UnaryOp op, DType dtype, Object src, Layout srcLayout, Object dst, Layout dstLayout);

    /**
     * {@code out = op(a, b)} elementwise; a and b have {@code dtype} and the output's shape (broadcast
     * dimensions have stride 0); out has {@code dtype}, or bool for comparisons.
     */
    void binary(BinaryOp op, DType dtype, Object a, Layout aLayout, Object b, Layout bLayout,
                Object out, Layout outLayout);

    /**
     * {@code out = op(x, a, b)} elementwise in one pass (addcmul, addcdiv, clamp): x, a, b and out have
     * {@code dtype} (float32 or float64) and the output's shape (broadcast dims have stride 0); out may
     * be x (in place). {@code value} is the op's scalar, rounded to dtype before use.
     */
    void ternary(TernaryOp op, DType dtype, double value, Object x, Layout xLayout, Object a, Layout aLayout,
                 Object b, Layout bLayout, Object out, Layout outLayout);

    /**
     * {@code out = cond ? a : b} elementwise, with no arithmetic (so infinities and NaN pass through
     * untouched); a, b and out have {@code dtype}, cond is a {@code boolean[]} buffer, and all layouts
     * have the output's shape.
     */
    void where(DType dtype, Object cond, Layout condLayout, Object a, Layout aLayout, Object b, Layout bLayout,
               Object out, Layout outLayout);

    /**
     * {@code dst = (dstType) src} elementwise, with C-like conversions as PyTorch does them (float to
     * integer truncates toward zero; to bool is {@code != 0}). Serves copy, cast and
     * {@code contiguous()}.
     */
    void copy(DType srcType, Object src, Layout srcLayout, DType dstType, Object dst, Layout dstLayout);

    /** Sets every element of dst to {@code value} converted to {@code dtype}. */
    void fill(DType dtype, Object dst, Layout dstLayout, double value);

    /**
     * torch.linspace into {@code n >= 2} contiguous float32 or float64 elements from {@code offset}, with
     * the bits of PyTorch 1.13's CPU kernel (its AVX2 build, what x86-64 machines run):
     * {@code step = (end - start) / (n - 1)} in the dtype; blocks of {@link #LINSPACE_BLOCK_FLOATS} floats
     * (half as many doubles) up to the last multiple of two blocks each start from
     * {@code fma(step, b, start)} if the block starts at {@code b < n / 2}, else from
     * {@code fma(-step, n - 1 - b, end)}, and add {@code j * step} (rounded) in lane j; the elements after
     * the last pair of blocks are {@code fma(step, i, start)} or {@code fma(-step, n - 1 - i, end)}.
     */
    void linspace(DType dtype, Object dst, int offset, int n, double start, double end);

    /** torch.arange over int64: {@code dst[offset + i] = start + i * step} for {@code i < n}, wrapping as C's int64_t. */
    void arange(long[] dst, int offset, int n, long start, long step);

    /**
     * The positions of the true elements of {@code mask[offset, offset + n)}, in increasing order: the
     * picks of masked_select and of indexing by a bool mask (PyTorch's nonzero of the flattened mask).
     */
    long[] trueIndices(boolean[] mask, int offset, int n);

    /** PyTorch's AVX2 {@code Vectorized<float>} width, which linspace's bits follow. */
    int LINSPACE_BLOCK_FLOATS = 8;

    /**
     * Reduces the trailing {@code reducedDims} dimensions of src. dst has the leading
     * {@code src.rank() - reducedDims} dimensions of src's shape. Callers permute the layout so that
     * the dims to reduce are the trailing ones.
     */
    void reduce(ReduceOp op, DType dtype, Object src, Layout srcLayout, int reducedDims,
                Object dst, Layout dstLayout);

    /**
     * softmax, or log_softmax when {@code log}, of each row along the last dimension of src into dst
     * (same shape, floating dtypes): with m the row's maximum (NaN if it holds one), {@code e = exp(x - m)}
     * and s the sum of e (both rounded to dtype), {@code e / s}, or {@code (x - m) - log(s)}. Callers
     * permute the layouts so that the softmax dim is the last one; a 0-dim layout is one row of one.
     */
    void softmax(DType dtype, boolean log, Object src, Layout srcLayout, Object dst, Layout dstLayout);

    /**
     * The gradient of {@link #softmax} along each row, as ATen's {@code _softmax_backward_data}: with y
     * the forward's output and g the gradient of y, {@code y * (g - s)} where {@code s = sum(g * y)}, or
     * for log_softmax {@code g - exp(y) * s} where {@code s = sum(g)}, s rounded to dtype. All layouts have
     * one shape, permuted by the caller so that the softmax dim is last; dst may be g's buffer and layout.
     */
    void softmaxBackward(DType dtype, boolean log, Object grad, Layout gradLayout, Object out, Layout outLayout,
                         Object dst, Layout dstLayout);

    /**
     * logsumexp's two row statistics along the last dimension of a contiguous float32 or float64 src,
     * one element per row into {@code max} and {@code sum} (contiguous from 0): m the row's maximum, 0
     * where it is infinite, and {@code sum(exp(x - m))}, with the bits the whole-tensor ops
     * {@code amax}, {@code sub}, {@code exp} and {@code sum} of this backend would give. False, with
     * nothing written, when this backend leaves it to those ops.
     */
    boolean logsumexpRows(DType dtype, Object src, Layout srcLayout, Object max, Object sum);

    /**
     * Like {@link #reduce} for {@code MAX} or {@code MIN}, also writing into {@code indices} the
     * row-major index, within the reduced dims, of the first element that attains it (the first NaN
     * when there is one).
     */
    void reduceWithIndex(ReduceOp op, DType dtype, Object src, Layout srcLayout, int reducedDims,
                         Object values, Layout valuesLayout, long[] indices, Layout indicesLayout);

    /**
     * Picks slices along {@code dim} (index_select): {@code dst[.., i, ..] = src[.., index[i], ..]},
     * where dst has src's shape except {@code index.length} at dim and every index is in
     * {@code [0, src.shape(dim))}.
     */
    void indexSelect(DType dtype, Object src, Layout srcLayout, int dim, long[] index, Object dst, Layout dstLayout);

    /**
     * Adds slices along {@code dim} (index_add): {@code dst[.., index[i], ..] += src[.., i, ..]} for
     * each i in order, so repeated indices accumulate; src has dst's shape except {@code index.length}
     * at dim, every index is in {@code [0, dst.shape(dim))}, and each addition rounds to {@code dtype}.
     */
    void indexAdd(DType dtype, Object dst, Layout dstLayout, int dim, long[] index, Object src, Layout srcLayout);

    /**
     * gather along {@code dim}: for every position p of {@code indexLayout} (over {@code index}, int64),
     * {@code dst[p] = src[p with p[dim] replaced by index[p]]}. dst has index's shape; src has index's
     * rank and is at least as large in every other dim (a 0-dim layout counts as one element of rank 1).
     * An index outside {@code [0, src.shape(dim))} raises {@link #indexOutOfBounds} (PyTorch's message).
     */
    void gather(DType dtype, Object src, Layout srcLayout, int dim, long[] index, Layout indexLayout, Object dst, Layout dstLayout);

    /**
     * scatter_add along {@code dim}: for every position p of {@code indexLayout} in row-major order,
     * {@code dst[p with p[dim] replaced by index[p]] += src[p]}, each addition rounded to {@code dtype}, so
     * repeated indices accumulate in that order. src has index's shape; dst has its rank and is at least
     * as large in every other dim. Indices are checked as {@link #gather}'s.
     */
    void scatterAdd(DType dtype, Object dst, Layout dstLayout, int dim, long[] index, Layout indexLayout, Object src, Layout srcLayout);

    /**
     * Whether every index lies in {@code [0, size)}: the sign bit of {@code i | (size - 1 - i)} is set
     * exactly when one is outside, and or-ing them all is a loop the JIT vectorizes (about 5 µs for
     * 65,536 indices, where a test per index with an early exit took 23).
     */
    static boolean inRange(long[] index, long size) {
        long outside = 0;
        for (long i : index) {
            outside |= i | (size - 1 - i);
        }
        return outside >= 0;
    }

    /** PyTorch's error for a gather or scatter index outside {@code [0, size)}, raised by both backends. */
    static IllegalArgumentException indexOutOfBounds(long index, int dim, int size) {
        return new IllegalArgumentException("index " + index + " is out of bounds for dimension " + dim + " with size " + size);
    }

    /** {@code out[outIndex] = sum(a[i] * b[i])} over two rank-1 layouts of equal length. */
    void dot(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object out, int outIndex);

    /**
     * Batched matrix product: for rank-3 layouts {@code a [batch, m, k]}, {@code b [batch, k, n]}
     * and {@code c [batch, m, n]}, {@code c[i] = a[i] @ b[i]}. c is overwritten, not accumulated.
     * Batch strides of a and b may be 0 (broadcast); any stride may describe a transposed operand.
     */
    void matmul(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object c, Layout cLayout);

    /**
     * One Adam or AdamW step over whole tensors, in place, in one pass: PyTorch 1.13's single-tensor
     * update, operation for operation, each result rounded to {@code dtype} (float32 or float64):
     * <pre>
     *   g = maximize ? -grad : grad
     *   decoupled: param = param * (1 - lr * wd)        else if wd != 0: g = g + param * wd
     *   expAvg = expAvg * b1 + g * (1 - b1)
     *   expAvgSq = expAvgSq * b2 + (g * (1 - b2)) * g
     *   amsgrad: maxExpAvgSq = max(maxExpAvgSq, expAvgSq), used below in place of expAvgSq
     *   param = param + (expAvg * -stepSize) / (sqrt(expAvgSq) / biasCorrection2Sqrt + eps)
     * </pre>
     * All layouts have the same shape; {@code maxExpAvgSq} is null unless {@code step.amsgrad()}.
     * Results are bit-identical to those separate ops (IEEE arithmetic, no FMA).
     */
    void adamStep(DType dtype, AdamStep step, Object param, Layout paramLayout, Object grad, Layout gradLayout,
                  Object expAvg, Layout expAvgLayout, Object expAvgSq, Layout expAvgSqLayout,
                  Object maxExpAvgSq, Layout maxExpAvgSqLayout);

    /**
     * One SGD step over whole tensors, in place, in one pass, as PyTorch 1.13's single-tensor SGD with
     * each result rounded to {@code dtype}:
     * <pre>
     *   d = maximize ? -grad : grad;   wd != 0: d = d + param * wd
     *   momentum != 0: buf = firstStep ? d : buf * momentum + d * (1 - dampening)
     *                  d = nesterov ? d + buf * momentum : buf
     *   param = param + d * -lr
     * </pre>
     * {@code momentumBuffer} is null when momentum is 0; all layouts have the same shape.
     */
    void sgdStep(DType dtype, SgdStep step, Object param, Layout paramLayout, Object grad, Layout gradLayout,
                 Object momentumBuffer, Layout momentumBufferLayout);

    /**
     * The Box-Muller step of float32 {@code normal_} (PyTorch's {@code normal_fill_16} on x86-64): each of
     * {@code blocks} blocks of 16 uniforms in [0, 1) from {@code offset} becomes 16 normals times {@code std}
     * plus {@code mean}, in place, with exactly the bits of {@link BoxMuller#blocks(float[], int, int, float, float)}.
     */
    void normalBlocks(float[] data, int offset, int blocks, float mean, float std);
}
