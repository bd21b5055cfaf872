package org.vectorgrad.backend.simd;

/**
 * Drives a row kernel over operands of any layout. Per row piece, an input with stride 1 is passed as
 * it is, a broadcast input (stride 0) as step 0 when the kernel takes broadcasts, and any other input
 * is first gathered into a small contiguous scratch array; an output with stride other than 1 is
 * computed into scratch and scattered. Pieces are at most {@link #PIECE} long so the scratch stays in
 * L1, and large jobs are split across threads by rows (or by columns when rows are fewer than threads).
 */
final class Elementwise {
    /** Elements per row piece: 3 scratch rows of 2048 doubles fit in a 48 KiB L1 data cache. */
    static final int PIECE = 2048;

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
        int n = walk.rowLength;
        int rows = walk.rows;
        int threads = Parallel.parts((long) walk.size() * weight, rows * Math.max(1, n / PIECE));
        int colParts = rows >= threads ? 1 : (threads + rows - 1) / rows;
        int items = rows * colParts;
        int parts = Math.min(threads, items);
        Parallel.run(parts, p -> {
            Pieces pieces = new Pieces(walk, out, ins, takesBroadcast, kernel);
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

    /** The per-thread state of {@link #map}: scratch arrays and the argument arrays handed to the kernel. */
    private static final class Pieces {
        private final Walk walk;
        private final Object out;
        private final Object[] ins;
        private final boolean takesBroadcast;
        private final RowKernel kernel;
        private final Object[] inScratch;
        private final Object outScratch;
        private final Object[] in;
        private final int[] inOff;
        private final int[] inStep;
        /** Whether some operand goes through scratch; if not, a row is one kernel call. */
        private final boolean packs;

        Pieces(Walk walk, Object out, Object[] ins, boolean takesBroadcast, RowKernel kernel) {
            this.walk = walk;
            this.out = out;
            this.ins = ins;
            this.takesBroadcast = takesBroadcast;
            this.kernel = kernel;
            int len = Math.min(PIECE, walk.rowLength);
            inScratch = new Object[ins.length];
            for (int i = 0; i < ins.length; i++) {
                inScratch[i] = direct(walk.stride(i + 1)) ? null : newArrayLike(ins[i], len);
            }
            outScratch = walk.stride(0) == 1 ? null : newArrayLike(out, len);
            boolean anyScratch = outScratch != null;
            for (Object o : inScratch) {
                anyScratch |= o != null;
            }
            packs = anyScratch;
            in = new Object[ins.length];
            inOff = new int[ins.length];
            inStep = new int[ins.length];
        }

        private boolean direct(int stride) {
            return stride == 1 || (stride == 0 && takesBroadcast);
        }

        void run(int[] offs, int from, int to) {
            int piece = packs ? PIECE : to - from;
            for (int c = from; c < to; c += piece) {
                int len = Math.min(piece, to - c);
                for (int i = 0; i < ins.length; i++) {
                    int st = walk.stride(i + 1);
                    int off = offs[i + 1] + c * st;
                    if (direct(st)) {
                        in[i] = ins[i];
                        inOff[i] = off;
                        inStep[i] = st;
                    } else {
                        gather(ins[i], off, st, len, inScratch[i]);
                        in[i] = inScratch[i];
                        inOff[i] = 0;
                        inStep[i] = 1;
                    }
                }
                int os = walk.stride(0);
                int oo = offs[0] + c * os;
                if (outScratch == null) {
                    kernel.run(in, inOff, inStep, out, oo, len);
                } else {
                    kernel.run(in, inOff, inStep, outScratch, 0, len);
                    scatter(outScratch, len, out, oo, os);
                }
            }
        }
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
            case float[] f -> ElementwiseKernels.gather(f, off, stride, n, (float[]) dst);
            case double[] d -> ElementwiseKernels.gather(d, off, stride, n, (double[]) dst);
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
}
