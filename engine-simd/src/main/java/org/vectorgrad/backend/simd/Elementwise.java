package org.vectorgrad.backend.simd;

/**
 * Drives a row kernel over operands of any layout. Per row piece, an input with stride 1 is passed as
 * it is, a broadcast input (stride 0) as step 0 when the kernel takes broadcasts, and any other input
 * is first gathered into a small contiguous scratch array; an output with stride other than 1 is
 * computed into scratch and scattered. Pieces are at most {@link #PIECE} long so the scratch stays in
 * L1, and large jobs are split across threads by rows (or by columns when rows are fewer than threads).
 *
 * <p>When a strided operand is contiguous along another dimension of the walk (a transpose, a permuted
 * tensor; {@link Walk#transposedDim}), the walk goes by tiles instead: bands of {@link #TILE_ROWS}
 * rows along that dimension, {@link #TILE_COLS} columns at a time. Such an input is transposed into a
 * tile, read along its own contiguous dimension in 8x8 (float) or 4x4 (double) register blocks
 * ({@link ElementwiseKernels#transpose}), and the kernel runs on the tile's rows; such an output is
 * computed into a tile and transposed out the same way. Other operands are used in place or gathered
 * as on the row path.
 */
final class Elementwise {
    /** Elements per row piece: 3 scratch rows of 2048 doubles fit in a 48 KiB L1 data cache. */
    static final int PIECE = 2048;

    /**
     * Rows and columns of a tile: 32 x 256 floats is 32 KiB, one L1's worth (doubles, twice that,
     * measured no worse than smaller tiles). JMH, float32, ns/element
     * (mean ± 99.9% error), {@code out = x + y^T} and {@code out = x^T.contiguous()} on side x side
     * matrices, tiles against the former per-row gathers, a plain Java double loop and the scalar
     * backend; 2-core Zen 3 at load 1.4-3.2, 2048 on both cores, the rest on one:
     * <pre>
     *   side   add: tiles  gathers  plain  scalar    copy: tiles  gathers  plain  scalar
     *     64     0.70±.02   1.66     0.79    5.83       0.63±.01   1.30     0.69   3.39
     *    128     0.56±.04   1.72     1.44    6.73       0.49±.00   1.55     1.29   4.32
     *    512     0.68±.04   2.37     1.79    7.78       0.58±.04   2.33     1.76   5.12
     *   2048     0.96±.08   4.51     6.87   14.16       0.83±.04   4.33     6.96  11.98
     * </pre>
     * Best-of single-thread times put 16x128, 16x256, 32x128 and 32x256 within noise of each other at
     * 64 and 512, and 32x256 ahead of the other three at 2048 (add 1.8 ns/element against 2.1-2.8);
     * 64x64 and 64x128 were slower at 64 and 512. Walking a few bands per column block, to reuse
     * pages, measured no better.
     */
    static final int TILE_ROWS = 32;
    static final int TILE_COLS = 256;

    /**
     * Fewer rows along the contiguous dimension than this are gathered, not tiled: best-of
     * single-thread ns/element for add, h x (65536 / h) matrices plus a transpose, tiles vs gathers:
     * h = 2: 0.85 vs 0.74, 4: 0.84 vs 0.77, 6: 0.86 vs 0.79, 8: 0.56 vs 0.79, 12: 0.69 vs 0.81.
     * Below 8 no register block fits and the tile's gathers only add a copy.
     */
    static final int TILE_MIN_ROWS = 8;

    private Elementwise() {
    }

    /**
     * One row piece: inputs {@code in[i]} start at {@code inOff[i]} with step {@code inStep[i]} (1, or 0
     * for a broadcast element); the output is contiguous from {@code outOff}.
     */
    @FunctionalInterface
    interface RowKernel {
        void run(Object[] in, int[] inOff, int[] inStep, Object out, int outOff, int n);
    }

    /**
     * Runs {@code kernel} over every row of {@code walk}, whose operand 0 is {@code out} and operands
     * 1.. are {@code ins}. {@code weight} scales the element count for the threading decision.
     */
    static void map(Walk walk, Object out, Object[] ins, boolean takesBroadcast, int weight, RowKernel kernel) {
        int d = walk.transposedDim(TILE_MIN_ROWS);
        if (d >= 0) {
            tiles(walk.withRowsAlong(d), out, ins, takesBroadcast, weight, kernel);
            return;
        }
        int n = walk.rowLength;
        int rows = walk.rows;
        int threads = Parallel.parts((long) walk.size() * weight, rows * Math.max(1, n / PIECE));
        int colParts = rows >= threads ? 1 : (threads + rows - 1) / rows;
        int items = rows * colParts;
        int parts = Math.min(threads, items);
        Parallel.run(parts, p -> {
            Pieces pieces = new Pieces(walk, out, ins, takesBroadcast, kernel, false);
            int from = Parallel.split(items, parts, p);
            int to = Parallel.split(items, parts, p + 1);
            if (colParts == 1) {
                walk.forRows(from, to, offs -> pieces.run(offs, 0, n));
            } else {
                for (int item = from; item < to; item++) {
                    int c = item % colParts;
                    walk.forRows(item / colParts, item / colParts + 1,
                            offs -> pieces.run(offs, Parallel.split(n, colParts, c), Parallel.split(n, colParts, c + 1)));
                }
            }
        });
    }

    /**
     * The tiled walk: rows come in bands of {@link #TILE_ROWS} along the dimension next to them, where
     * the transposed operands are contiguous; bands are split across threads.
     */
    private static void tiles(Walk walk, Object out, Object[] ins, boolean takesBroadcast, int weight, RowKernel kernel) {
        int height = walk.shape[walk.shape.length - 2];
        int bandsPerPlane = (height + TILE_ROWS - 1) / TILE_ROWS;
        int bands = walk.rows / height * bandsPerPlane;
        int parts = Parallel.parts((long) walk.size() * weight, bands);
        Parallel.run(parts, p -> {
            Pieces pieces = new Pieces(walk, out, ins, takesBroadcast, kernel, true);
            for (int band = Parallel.split(bands, parts, p); band < Parallel.split(bands, parts, p + 1); band++) {
                int top = band % bandsPerPlane * TILE_ROWS;
                int row = band / bandsPerPlane * height + top;
                int h = Math.min(TILE_ROWS, height - top);
                walk.forRows(row, row + 1, offs -> pieces.band(offs, h));
            }
        });
    }

    /**
     * The per-thread state of {@link #map}: scratch arrays and the argument arrays handed to the kernel.
     * Operand {@code k} is 0 for the output, {@code i + 1} for input {@code i}.
     */
    private static final class Pieces {
        private final Walk walk;
        private final Object out;
        private final Object[] ins;
        private final RowKernel kernel;
        /** Per operand: a row piece gathered or to be scattered, or null when the operand is used in place. */
        private final Object[] scratch;
        /** Per operand: a TILE_ROWS x TILE_COLS block when the operand is transposed by tiles, else null. */
        private final Object[] tile;
        /** Per operand: the stride along a row and, when tiled, from one row to the next. */
        private final int[] stride;
        private final int[] step;
        /** Row length of the tiles: TILE_COLS, or less for shorter rows. */
        private final int tileCols;
        private final int[] rowOffs;
        private final Object[] in;
        private final int[] inOff;
        private final int[] inStep;
        /** Whether some operand goes through scratch; if not, a row is one kernel call. */
        private final boolean packs;
        /** Whether the rows of a tile follow one another in every operand, so a tile is one kernel call. */
        private final boolean wholeTiles;

        Pieces(Walk walk, Object out, Object[] ins, boolean takesBroadcast, RowKernel kernel, boolean tiled) {
            this.walk = walk;
            this.out = out;
            this.ins = ins;
            this.kernel = kernel;
            int len = Math.min(tiled ? TILE_COLS : PIECE, walk.rowLength);
            tileCols = len;
            scratch = new Object[ins.length + 1];
            tile = new Object[ins.length + 1];
            stride = new int[ins.length + 1];
            step = new int[ins.length + 1];
            boolean anyScratch = false;
            for (int k = 0; k <= ins.length; k++) {
                Object buffer = k == 0 ? out : ins[k - 1];
                int st = walk.stride(k);
                stride[k] = st;
                step[k] = tiled ? walk.rowStep(k) : 0;
                if (st == 1 || (st == 0 && takesBroadcast && k > 0)) {
                    continue;
                }
                anyScratch = true;
                if (tiled && st != 0 && step[k] == 1) {
                    tile[k] = scratchLike(buffer, k, Math.min(TILE_ROWS, walk.shape[walk.shape.length - 2]) * len);
                } else {
                    scratch[k] = scratchLike(buffer, k, len);
                }
            }
            packs = anyScratch;
            boolean whole = tiled && tileCols == walk.rowLength;
            for (int k = 0; k <= ins.length; k++) {
                whole &= tile[k] != null || (scratch[k] == null && step[k] == stride[k] * walk.rowLength);
            }
            wholeTiles = whole;
            rowOffs = new int[ins.length + 1];
            in = new Object[ins.length];
            inOff = new int[ins.length];
            inStep = new int[ins.length];
        }

        /** Columns {@code from..to-1} of the row whose operands start at {@code offs}. */
        void run(int[] offs, int from, int to) {
            int piece = packs ? PIECE : to - from;
            for (int c = from; c < to; c += piece) {
                piece(offs, c, Math.min(piece, to - c), 0);
            }
        }

        /** The {@code h} rows from the one at {@code offs}, by tiles of at most TILE_COLS columns. */
        void band(int[] offs, int h) {
            int n = walk.rowLength;
            for (int c = 0; c < n; c += TILE_COLS) {
                tile(offs, c, h, Math.min(TILE_COLS, n - c));
            }
        }

        /**
         * The tile of {@code h} rows from the one at {@code offs}, columns {@code c..c+w-1}: transposed
         * inputs come in through their tile, the kernel runs on each row, a transposed output leaves
         * through its tile.
         */
        private void tile(int[] offs, int c, int h, int w) {
            for (int k = 1; k < tile.length; k++) {
                if (tile[k] != null) {
                    transposeIn(ins[k - 1], offs[k] + c * stride[k], stride[k], h, w, tile[k], tileCols);
                }
            }
            if (wholeTiles) {
                piece(offs, c, h * w, 0);
            } else {
                for (int r = 0; r < h; r++) {
                    for (int k = 0; k < rowOffs.length; k++) {
                        rowOffs[k] = offs[k] + r * step[k];
                    }
                    piece(rowOffs, c, w, r * tileCols);
                }
            }
            if (tile[0] != null) {
                transposeOut(tile[0], tileCols, h, w, out, offs[0] + c * stride[0], stride[0]);
            }
        }

        /** One kernel call on columns {@code c..c+len-1} of a row; tiled operands use their tile from {@code tileOff}. */
        private void piece(int[] offs, int c, int len, int tileOff) {
            for (int i = 0; i < ins.length; i++) {
                int k = i + 1;
                int st = stride[k];
                int off = offs[k] + c * st;
                if (tile[k] != null) {
                    in[i] = tile[k];
                    inOff[i] = tileOff;
                    inStep[i] = 1;
                } else if (scratch[k] == null) {
                    in[i] = ins[i];
                    inOff[i] = off;
                    inStep[i] = st;
                } else {
                    gather(ins[i], off, st, len, scratch[k]);
                    in[i] = scratch[k];
                    inOff[i] = 0;
                    inStep[i] = 1;
                }
            }
            int os = stride[0];
            int oo = offs[0] + c * os;
            if (tile[0] != null) {
                kernel.run(in, inOff, inStep, tile[0], tileOff, len);
            } else if (scratch[0] == null) {
                kernel.run(in, inOff, inStep, out, oo, len);
            } else {
                kernel.run(in, inOff, inStep, scratch[0], 0, len);
                scatter(scratch[0], len, out, oo, os);
            }
        }
    }

    /** Scratch slots per thread: one per operand of a map (an output and up to three inputs). */
    static final int SLOTS = 4;

    /**
     * Per thread, per slot: the scratch array last lent there. A fresh tile was a 6-32 KiB array for
     * the JVM to zero on every call, which at 2,000 elements cost as much as the kernel.
     */
    private static final ThreadLocal<Object[]> SCRATCH = ThreadLocal.withInitial(() -> new Object[SLOTS]);

    /**
     * An array of {@code array}'s type with at least {@code n} elements, of undefined contents, this
     * thread's for {@code slot} until its next call with that slot: the caller writes what it reads,
     * uses it within one backend call and never passes it out (backend calls do not nest).
     */
    static Object scratchLike(Object array, int slot, int n) {
        Object[] held = SCRATCH.get();
        Object s = held[slot];
        if (s == null || s.getClass() != array.getClass() || java.lang.reflect.Array.getLength(s) < n) {
            s = newArrayLike(array, n);
            held[slot] = s;
        }
        return s;
    }

    static Object newArrayLike(Object array, int n) {
        return switch (array) {
            case float[] f -> new float[n];
            case double[] d -> new double[n];
            case boolean[] b -> new boolean[n];
            default -> throw new IllegalArgumentException("unsupported buffer " + array.getClass().getSimpleName());
        };
    }

    private static void gather(Object src, int off, int stride, int n, Object dst) {
        switch (src) {
            case float[] f -> ElementwiseKernels.gather(f, off, stride, n, (float[]) dst, 0);
            case double[] d -> ElementwiseKernels.gather(d, off, stride, n, (double[]) dst, 0);
            case boolean[] b -> ElementwiseKernels.gather(b, off, stride, n, (boolean[]) dst, 0);
            default -> throw new IllegalArgumentException("unsupported buffer " + src.getClass().getSimpleName());
        }
    }

    private static void scatter(Object src, int n, Object dst, int off, int stride) {
        switch (src) {
            case float[] f -> ElementwiseKernels.scatter(f, n, (float[]) dst, off, stride);
            case double[] d -> ElementwiseKernels.scatter(d, n, (double[]) dst, off, stride);
            case boolean[] b -> ElementwiseKernels.scatter(b, n, (boolean[]) dst, off, stride);
            default -> throw new IllegalArgumentException("unsupported buffer " + src.getClass().getSimpleName());
        }
    }

    /** {@code tile[r * cols + j] = src[off + j * stride + r]}: each column of the block is read as one run. */
    private static void transposeIn(Object src, int off, int stride, int h, int w, Object tile, int cols) {
        switch (src) {
            case float[] f -> ElementwiseKernels.transpose(f, off, stride, (float[]) tile, 0, cols, h, w);
            case double[] d -> ElementwiseKernels.transpose(d, off, stride, (double[]) tile, 0, cols, h, w);
            case boolean[] b -> ElementwiseKernels.transpose(b, off, stride, (boolean[]) tile, 0, cols, h, w);
            default -> throw new IllegalArgumentException("unsupported buffer " + src.getClass().getSimpleName());
        }
    }

    /** {@code dst[off + j * stride + r] = tile[r * cols + j]}: each column of the block is written as one run. */
    private static void transposeOut(Object tile, int cols, int h, int w, Object dst, int off, int stride) {
        switch (tile) {
            case float[] f -> ElementwiseKernels.transpose(f, 0, cols, (float[]) dst, off, stride, w, h);
            case double[] d -> ElementwiseKernels.transpose(d, 0, cols, (double[]) dst, off, stride, w, h);
            case boolean[] b -> ElementwiseKernels.transpose(b, 0, cols, (boolean[]) dst, off, stride, w, h);
            default -> throw new IllegalArgumentException("unsupported buffer " + tile.getClass().getSimpleName());
        }
    }
}
