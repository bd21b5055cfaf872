package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;

import java.util.Arrays;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;

/**
 * Drives {@link ReductionKernels} for a reduction over the trailing {@code reducedDims} of a layout.
 * Three cases, by which dimension is contiguous:
 * <ol>
 *   <li>the innermost reduced dim (e.g. sum over the last dim): vectors along each reduced row;</li>
 *   <li>the innermost kept dim (e.g. sum over dim 0 of a row-major matrix): vectors across outputs,
 *       every reduced position adding a contiguous run of outputs;</li>
 *   <li>neither (all strided, or broadcast): the source is first copied contiguous, then case 1.</li>
 * </ol>
 * Partial results of one output (several reduced rows, or parts of a long row cut for threads) are
 * combined pairwise in double.
 */
final class Reductions {
    /** Output columns per accumulator chunk in case 2: a few KiB of accumulators stay in L1. */
    private static final int COLUMNS = 256;

    private Reductions() {
    }

    /** float32 or float64 {@code dst = op(src)} over the trailing reducedDims. */
    static void reduce(ReduceOp op, Object src, Layout srcLayout, int reducedDims, Object dst, Layout dstLayout) {
        Layout ordered = reducedInMemoryOrder(srcLayout, reducedDims);
        if (ordered == srcLayout) {
            reduceAsLaidOut(op, src, srcLayout, reducedDims, dst, dstLayout);
        } else if (op != ReduceOp.MAX && op != ReduceOp.MIN) {
            reduceAsLaidOut(op, src, ordered, reducedDims, dst, dstLayout);
        } else if (dstLayout.size() == 1) {
            // MAX and MIN give the first extreme in row-major order: in memory order a zero (which
            // sign?) or a NaN (which payload?) may be another element, so those take the row-major walk
            reduceAsLaidOut(op, src, ordered, reducedDims, dst, dstLayout);
            double v = load(dst, dstLayout.offset());
            if (v == 0 || Double.isNaN(v)) {
                reduceAsLaidOut(op, src, srcLayout, reducedDims, dst, dstLayout);
            }
        } else {
            reduceAsLaidOut(op, src, srcLayout, reducedDims, dst, dstLayout);
        }
    }

    private static void reduceAsLaidOut(ReduceOp op, Object src, Layout srcLayout, int reducedDims, Object dst, Layout dstLayout) {
        if (contiguousRows(op, src, srcLayout, dst, dstLayout) || denseColumns(op, src, srcLayout, reducedDims, dst, dstLayout)) {
            return;
        }
        Split s = new Split(srcLayout, reducedDims, dstLayout, null);
        if (s.keptSize == 0) {
            return;
        }
        if (s.reducedSize == 0) {
            fillOutputs(s, dst, ReductionKernels.identity(op));
            return;
        }
        if (s.red.stride(0) == 1) {
            alongRows(op, src, s, dst);
        } else if (s.kept.stride(0) == 1 && s.kept.rowLength >= lanes(src)) {
            acrossOutputs(op, src, s, dst);
        } else {
            Object packed = contiguousCopy(src, srcLayout);
            reduceAsLaidOut(op, packed, Layout.contiguous(srcLayout.shape()), reducedDims, dst, dstLayout);
        }
    }

    /**
     * The layout with its reduced dims reordered by decreasing stride (broadcast dims first), as
     * ATen's TensorIterator reorders a reduction's dims: which element is added after which does not
     * change what is reduced, and in memory order a transposed source is read along its contiguous
     * rows instead of being copied first. A source whose reduced dims are already in that order (a
     * contiguous one) is returned as it is, so its bits do not change.
     */
    private static Layout reducedInMemoryOrder(Layout l, int reducedDims) {
        int rank = l.rank();
        int first = rank - reducedDims;
        if (reducedDims < 2 || inMemoryOrder(l, first)) {
            return l;
        }
        Integer[] order = new Integer[reducedDims];
        for (int i = 0; i < reducedDims; i++) {
            order[i] = first + i;
        }
        // stable: dims of equal stride keep their order; stride 0 (broadcast) ranks above every other
        Arrays.sort(order, (x, y) -> Long.compare(rankOf(l.stride(y)), rankOf(l.stride(x))));
        boolean same = true;
        for (int i = 0; i < reducedDims; i++) {
            same &= order[i] == first + i;
        }
        if (same) {
            return l;
        }
        int[] shape = l.shape();
        int[] strides = l.strides();
        for (int i = 0; i < reducedDims; i++) {
            shape[first + i] = l.shape(order[i]);
            strides[first + i] = l.stride(order[i]);
        }
        return new Layout(l.offset(), shape, strides);
    }

    /** Whether dims {@code first..} already run by decreasing stride: what the sort would leave as it is, without boxing. */
    private static boolean inMemoryOrder(Layout l, int first) {
        for (int d = first + 1; d < l.rank(); d++) {
            if (rankOf(l.stride(d)) > rankOf(l.stride(d - 1))) {
                return false;
            }
        }
        return true;
    }

    private static long rankOf(int stride) {
        return stride == 0 ? Long.MAX_VALUE : Math.abs((long) stride);
    }

    /** MAX or MIN with the row-major index (within the reduced dims) of the first extreme, NaN first. */
    static void reduceWithIndex(ReduceOp op, Object src, Layout srcLayout, int reducedDims,
                                Object values, Layout valuesLayout, long[] indices, Layout indicesLayout) {
        boolean max = switch (op) {
            case MAX -> true;
            case MIN -> false;
            case SUM, PROD, SUM_SQUARES, SUM_ABS, ALL, ANY -> throw new IllegalArgumentException("reduceWithIndex takes MAX or MIN, not " + op);
        };
        Split s = new Split(srcLayout, reducedDims, valuesLayout, indicesLayout);
        if (s.keptSize == 0) {
            return;
        }
        if (s.reducedSize == 0) {
            throw new IllegalArgumentException("cannot take the " + op.name().toLowerCase() + " of an empty dimension");
        }
        if (s.red.stride(0) == 1) {
            argAlongRows(max, src, s, values, indices);
        } else if (s.kept.stride(0) == 1 && s.kept.rowLength >= lanes(src)) {
            argAcrossOutputs(max, src, s, values, indices);
        } else {
            Object packed = contiguousCopy(src, srcLayout);
            reduceWithIndex(op, packed, Layout.contiguous(srcLayout.shape()), reducedDims,
                    values, valuesLayout, indices, indicesLayout);
        }
    }

    /**
     * The layout cut in two: {@code kept} walks the kept dims of the source together with the outputs
     * (operand 0 the source, 1 the values, 2 the indices if any); {@code red} walks the reduced dims
     * in row-major order, from offset 0.
     */
    private static final class Split {
        final Walk kept;
        final Walk red;
        final int keptSize;
        final int reducedSize;
        /** Offset, relative to a kept element's source offset, of each reduced row's first element. */
        final int[] rowStart;

        Split(Layout src, int reducedDims, Layout dst, Layout indices) {
            int keptRank = src.rank() - reducedDims;
            int[] shape = src.shape();
            int[] strides = src.strides();
            Layout keptSrc = new Layout(src.offset(), Arrays.copyOf(shape, keptRank), Arrays.copyOf(strides, keptRank));
            Layout redSrc = new Layout(0, Arrays.copyOfRange(shape, keptRank, shape.length),
                    Arrays.copyOfRange(strides, keptRank, strides.length));
            kept = indices == null ? Walk.ordered(keptSrc, dst) : Walk.ordered(keptSrc, dst, indices);
            red = Walk.ordered(redSrc);
            keptSize = keptSrc.size();
            reducedSize = redSrc.size();
            rowStart = new int[red.rows];
            int[] next = {0};
            red.forRows(0, red.rows, offs -> rowStart[next[0]++] = offs[0]);
        }
    }

    // ---------------------------------------------------------------- case 1: along reduced rows

    private static void alongRows(ReduceOp op, Object src, Split s, Object dst) {
        int m = s.red.rowLength;
        long work = (long) s.keptSize * s.reducedSize;
        int outputs = s.keptSize;
        int threads = Parallel.parts(work, Math.max(outputs, s.reducedSize / 4096));
        if (outputs >= threads) {
            // one output per pass; threads take disjoint outputs
            int[][] starts = outputStarts(s);
            Parallel.run(threads, p -> {
                double[] partial = new double[s.red.rows];
                for (int o = Parallel.split(outputs, threads, p); o < Parallel.split(outputs, threads, p + 1); o++) {
                    for (int r = 0; r < s.red.rows; r++) {
                        partial[r] = rowReduce(op, src, starts[0][o] + s.rowStart[r], m);
                    }
                    store(dst, starts[1][o], combineAll(op, partial, 0, s.red.rows));
                }
            });
        } else {
            // few outputs: cut each output's reduced rows (or its one long row) into parts
            int[][] starts = outputStarts(s);
            for (int o = 0; o < outputs; o++) {
                int base = starts[0][o];
                double[] partial = new double[threads];
                Parallel.run(threads, p -> {
                    int from = Parallel.split(s.reducedSize, threads, p);
                    int to = Parallel.split(s.reducedSize, threads, p + 1);
                    partial[p] = flatRange(op, src, base, s, from, to);
                });
                store(dst, starts[1][o], combineAll(op, partial, 0, threads));
            }
        }
    }

    /**
     * Whether {@link #reduce} over the last dim of a contiguous {@code outputs x rowLength} source
     * reduces each output as one {@link ReductionKernels#reduce} call on its row ({@link
     * #contiguousRows}, or {@link #alongRows} with an output per pass), rather than cutting rows for
     * threads: a row kernel that calls it per row then has the same bits.
     */
    static boolean wholeRows(int outputs, int rowLength) {
        return outputs >= Parallel.parts((long) outputs * rowLength, Math.max(outputs, rowLength / 4096));
    }

    /**
     * Case 1 for a small job on a contiguous source and output (mean of a loss, sum over the last
     * dim): each output reduces one contiguous run, one kernel call each, without {@link Split}'s
     * walks; the calls {@link #alongRows} makes on one thread, so the same bits. False (nothing done)
     * otherwise.
     */
    private static boolean contiguousRows(ReduceOp op, Object src, Layout srcLayout, Object dst, Layout dstLayout) {
        int outputs = dstLayout.size();
        int size = srcLayout.size();
        if (!srcLayout.isContiguous() || !dstLayout.isContiguous() || outputs == 0 || size == 0
                || Parallel.parts(size, Math.max(outputs, size / outputs / 4096)) != 1) {
            return false;
        }
        int m = size / outputs;
        for (int o = 0, at = srcLayout.offset(), to = dstLayout.offset(); o < outputs; o++, at += m, to++) {
            store(dst, to, rowReduce(op, src, at, m));
        }
        return true;
    }

    /**
     * Case 2 for a small job over the rows of a dense matrix (a bias's gradient: the sum over dim 0 of
     * a row-major (rows, columns) gradient, which arrives here transposed, reduced dim last): the
     * {@link ReductionKernels#columns} calls {@link #acrossOutputs} makes on one thread, with the same
     * row starts, so the same bits, without {@link Split}'s walks. False (nothing done) otherwise.
     */
    private static boolean denseColumns(ReduceOp op, Object src, Layout srcLayout, int reducedDims, Object dst, Layout dstLayout) {
        if (srcLayout.rank() != 2 || reducedDims != 1 || !dstLayout.isContiguous()) {
            return false;
        }
        int columns = srcLayout.shape()[0];
        int rows = srcLayout.shape()[1];
        int chunks = (columns + COLUMNS - 1) / COLUMNS;
        if (srcLayout.stride(0) != 1 || srcLayout.stride(1) != columns || rows < 2 || columns < lanes(src)
                || Parallel.parts((long) columns * rows, chunks) != 1) {
            return false;
        }
        int width = Math.min(COLUMNS, columns);
        Object out = Elementwise.newArrayLike(src, width);
        Object acc = Elementwise.newArrayLike(src, ReductionKernels.roundUp(width, lanes(src)));
        Object tree = Elementwise.newArrayLike(src, ReductionKernels.treeSize(width, lanes(src), rows));
        int[] rowStart = new int[rows];
        for (int c0 = 0; c0 < columns; c0 += COLUMNS) {
            int w = Math.min(COLUMNS, columns - c0);
            for (int r = 0; r < rows; r++) {
                rowStart[r] = srcLayout.offset() + c0 + r * columns;
            }
            switch (src) {
                case float[] f -> ReductionKernels.columns(op, f, rowStart, rows, w, (float[]) out, (float[]) acc, (float[]) tree);
                default -> ReductionKernels.columns(op, (double[]) src, rowStart, rows, w, (double[]) out, (double[]) acc, (double[]) tree);
            }
            System.arraycopy(out, 0, dst, dstLayout.offset() + c0, w);
        }
        return true;
    }

    /** op over reduced elements with row-major flat index in [from, to), as whole or partial rows. */
    private static double flatRange(ReduceOp op, Object src, int base, Split s, int from, int to) {
        int m = s.red.rowLength;
        int firstRow = from / m;
        int lastRow = (to - 1) / m;
        double[] partial = new double[Math.max(0, lastRow - firstRow + 1)];
        for (int r = firstRow; r <= lastRow && from < to; r++) {
            int c0 = r == firstRow ? from - r * m : 0;
            int c1 = r == lastRow ? to - r * m : m;
            partial[r - firstRow] = rowReduce(op, src, base + s.rowStart[r] + c0, c1 - c0);
        }
        return from < to ? combineAll(op, partial, 0, partial.length) : ReductionKernels.identity(op);
    }

    private static void argAlongRows(boolean max, Object src, Split s, Object values, long[] indices) {
        int m = s.red.rowLength;
        int outputs = s.keptSize;
        int threads = Parallel.parts((long) outputs * s.reducedSize, outputs);
        int[][] starts = outputStarts(s);
        Parallel.run(threads, p -> {
            for (int o = Parallel.split(outputs, threads, p); o < Parallel.split(outputs, threads, p + 1); o++) {
                int base = starts[0][o];
                long bestIndex = 0;
                double best = 0;
                for (int r = 0; r < s.red.rows; r++) {
                    int at = base + s.rowStart[r];
                    int i = src instanceof float[] f ? ReductionKernels.argBest(max, f, at, m)
                            : ReductionKernels.argBest(max, (double[]) src, at, m);
                    double v = load(src, at + i);
                    if (r == 0 || ReductionKernels.better(max, v, best)) {
                        best = v;
                        bestIndex = (long) r * m + i;
                    }
                }
                store(values, starts[1][o], best);
                indices[starts[2][o]] = bestIndex;
            }
        });
    }

    // ---------------------------------------------------------------- case 2: across outputs

    private static void acrossOutputs(ReduceOp op, Object src, Split s, Object dst) {
        eachColumnChunk(s, () -> {
            Object out = Elementwise.newArrayLike(src, COLUMNS);
            Object acc = Elementwise.newArrayLike(src, ReductionKernels.roundUp(COLUMNS, lanes(src)));
            Object tree = Elementwise.newArrayLike(src, ReductionKernels.treeSize(COLUMNS, lanes(src), s.reducedSize));
            return (offs, c0, w, rowStart) -> {
                switch (src) {
                    case float[] f -> ReductionKernels.columns(op, f, rowStart, rowStart.length, w, (float[]) out, (float[]) acc, (float[]) tree);
                    default -> ReductionKernels.columns(op, (double[]) src, rowStart, rowStart.length, w, (double[]) out, (double[]) acc, (double[]) tree);
                }
                for (int j = 0; j < w; j++) {
                    store(dst, offs[1] + (c0 + j) * s.kept.stride(1), load(out, j));
                }
            };
        });
    }

    private static void argAcrossOutputs(boolean max, Object src, Split s, Object values, long[] indices) {
        eachColumnChunk(s, () -> {
            Object best = Elementwise.newArrayLike(src, COLUMNS);
            long[] index = new long[ReductionKernels.roundUp(COLUMNS, lanes(src))];
            return (offs, c0, w, rowStart) -> {
                Arrays.fill(index, 0L);
                switch (src) {
                    case float[] f -> ReductionKernels.columnsArg(max, f, rowStart, rowStart.length, w, (float[]) best, index);
                    default -> ReductionKernels.columnsArg(max, (double[]) src, rowStart, rowStart.length, w, (double[]) best, index);
                }
                for (int j = 0; j < w; j++) {
                    store(values, offs[1] + (c0 + j) * s.kept.stride(1), load(best, j));
                    indices[offs[2] + (c0 + j) * s.kept.stride(2)] = index[j];
                }
            };
        });
    }

    /** Case 2's work on up to COLUMNS outputs: kept offsets, first column, width, and each reduced element's offset. */
    @FunctionalInterface
    private interface ColumnChunk {
        void run(int[] keptOffsets, int firstColumn, int width, int[] rowStart);
    }

    /**
     * Cuts the kept rows into chunks of COLUMNS outputs, spreads them over threads, and runs the chunk
     * made (with its scratch) once per thread by {@code perThread}.
     */
    private static void eachColumnChunk(Split s, java.util.function.Supplier<ColumnChunk> perThread) {
        Walk kept = s.kept;
        int[] elementStart = elementStarts(s);
        int chunks = (kept.rowLength + COLUMNS - 1) / COLUMNS;
        int items = kept.rows * chunks;
        int threads = Parallel.parts((long) s.keptSize * s.reducedSize, items);
        Parallel.run(threads, p -> {
            ColumnChunk chunk = perThread.get();
            int[] rowStart = new int[elementStart.length];
            for (int item = Parallel.split(items, threads, p); item < Parallel.split(items, threads, p + 1); item++) {
                int c0 = item % chunks * COLUMNS;
                int w = Math.min(COLUMNS, kept.rowLength - c0);
                kept.forRows(item / chunks, item / chunks + 1, offs -> {
                    for (int r = 0; r < rowStart.length; r++) {
                        rowStart[r] = offs[0] + c0 + elementStart[r];
                    }
                    chunk.run(offs, c0, w, rowStart);
                });
            }
        });
    }

    /**
     * Offsets of every reduced element, row-major: in case 2 reduced rows are not contiguous, so each
     * reduced element contributes a run of outputs on its own.
     */
    private static int[] elementStarts(Split s) {
        int m = s.red.rowLength;
        int st = s.red.stride(0);
        int[] starts = new int[s.reducedSize];
        for (int r = 0; r < s.rowStart.length; r++) {
            for (int i = 0; i < m; i++) {
                starts[r * m + i] = s.rowStart[r] + i * st;
            }
        }
        return starts;
    }

    // ---------------------------------------------------------------- helpers

    /** Source and output offsets of every kept element: [operand][output ordinal]. */
    private static int[][] outputStarts(Split s) {
        int k = s.kept.offsets.length;
        int n = s.keptSize;
        int[][] starts = new int[k][n];
        int m = s.kept.rowLength;
        int[] next = {0};
        s.kept.forRows(0, s.kept.rows, offs -> {
            for (int j = 0; j < m; j++) {
                for (int q = 0; q < k; q++) {
                    starts[q][next[0]] = offs[q] + j * s.kept.stride(q);
                }
                next[0]++;
            }
        });
        return starts;
    }

    private static double rowReduce(ReduceOp op, Object src, int off, int n) {
        return src instanceof float[] f ? ReductionKernels.reduce(op, f, off, n)
                : ReductionKernels.reduce(op, (double[]) src, off, n);
    }

    /** Pairwise combination of partial results {@code p[from..to)}, to >= from + 1. */
    private static double combineAll(ReduceOp op, double[] p, int from, int to) {
        if (to - from == 1) {
            return p[from];
        }
        int mid = (from + to) >>> 1;
        return ReductionKernels.combine(op, combineAll(op, p, from, mid), combineAll(op, p, mid, to));
    }

    private static void fillOutputs(Split s, Object dst, double value) {
        int[][] starts = outputStarts(s);
        for (int o = 0; o < s.keptSize; o++) {
            store(dst, starts[1][o], value);
        }
    }

    private static Object contiguousCopy(Object src, Layout layout) {
        Object packed = Elementwise.newArrayLike(src, layout.size());
        Layout to = Layout.contiguous(layout.shape());
        Elementwise.map(Walk.of(to, layout), packed, new Object[] {src}, false, 1,
                (in, io, is, out, oo, n) -> System.arraycopy(in[0], io[0], out, oo, n));
        return packed;
    }

    private static int lanes(Object array) {
        return array instanceof float[] ? FL : DL;
    }

    private static double load(Object array, int i) {
        return array instanceof float[] f ? f[i] : ((double[]) array)[i];
    }

    private static void store(Object array, int i, double v) {
        if (array instanceof float[] f) {
            f[i] = (float) v;
        } else {
            ((double[]) array)[i] = v;
        }
    }
}
