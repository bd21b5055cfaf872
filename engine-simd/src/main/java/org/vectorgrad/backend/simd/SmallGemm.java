package org.vectorgrad.backend.simd;

import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A B} for the float32 products of small models (a batch of 64 through a 64 x 128 layer,
 * 128 x 10 heads, and their backward forms {@code A^T B} and {@code A B^T}), on the calling thread.
 *
 * <pre>{@code
 * SmallGemm.multiply(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
 * }</pre>
 *
 * <p>B is packed whole into a per-thread buffer first as {@code NR}-column panels (a transposed B by
 * 8 x 8 register transposes), and A as {@code MR}-row panels, so that {@link GemmMicroKernel#packed}
 * reads both with constant strides and C2 hoists every bounds check out of its loop; when B is one
 * panel wide and A's rows are contiguous, {@link GemmMicroKernel#direct} reads A in place instead
 * (packing it would cost about as much as the product). Reading B in place ({@link Gemm#direct})
 * leaves bounds checks and strided addressing in every k step, and a transposed B sent the product
 * to the packed path with its blocking and scheduling. On the 2-core Zen 3 (AVX2, one thread, best
 * of 10 under load from other builds), before and after: 64x64x128 20.1 and 17.0 us, the MLP's
 * backward products {@code g W^T} 64x10x128 10.8 and 4.5 us, {@code h^T g} 128x64x10 7.0 and
 * 5.0 us. There is no k blocking (k is small).
 *
 * <p>Every element of C is {@code sum_p a_ip * b_pj} accumulated with fused multiply-adds in order
 * {@code p = 0, 1, ..., k - 1} in one lane, whatever the layout and the thread count; panels past
 * the edge of A or B are zero and their results are not stored.
 */
final class SmallGemm {
    private static final VectorSpecies<Float> S = Widths.FLOATS;
    private static final int V = S.length();
    /** Rows of a register tile. */
    static final int MR = GemmMicroKernel.MR;
    /** Columns of a register tile: two vectors (8 accumulators), {@link GemmMicroKernel}'s tile. */
    static final int NR = 2 * V;

    private static final GemmMicroKernel MK = GemmMicroKernel.FLOAT32;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[3][]);

    private SmallGemm() {
    }

    /**
     * {@code c = a @ b} on up to {@code threads} threads, each computing a share of C's NR-column
     * panels (of its MR-row panels when C has fewer column panels than row panels) with nothing
     * shared; each element is computed as on one thread, so the result does not depend on the split.
     * When to split: {@link SimdLinalg#SMALL_PER_THREAD_MIN}.
     */
    static void multiply(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                         float[] c, int cOff, int cRs, int cCs, int threads) {
        int colPanels = (n + NR - 1) / NR;
        int rowPanels = (m + MR - 1) / MR;
        boolean byColumns = colPanels >= rowPanels;
        int panels = byColumns ? colPanels : rowPanels;
        int parts = Math.min(threads, panels);
        if (parts <= 1) {
            multiply(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
            return;
        }
        Parallel.run(parts, new Split(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs, byColumns, panels, parts));
    }

    /**
     * Part {@code t} of a split product: a share of C's column panels, or of its row panels. A named
     * class rather than a lambda: a lambda capturing these 18 values of mixed types is linked on its
     * first call by spinning method-handle forms of that shape, which cost 10-30 ms (2-core host under
     * load) in a JVM that had already run 2,000 MLP steps, on the first split 256^3 product.
     */
    private record Split(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                         float[] c, int cOff, int cRs, int cCs, boolean byColumns, int panels, int parts) implements IntConsumer {
        @Override
        public void accept(int t) {
            int from = Parallel.split(panels, parts, t);
            int to = Parallel.split(panels, parts, t + 1);
            if (byColumns) {
                int j0 = from * NR;
                int j1 = Math.min(n, to * NR);
                multiply(m, j1 - j0, k, a, aOff, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs, c, cOff + j0 * cCs, cRs, cCs);
            } else {
                int i0 = from * MR;
                int i1 = Math.min(m, to * MR);
                multiply(i1 - i0, n, k, a, aOff + i0 * aRs, aRs, aCs, b, bOff, bRs, bCs, c, cOff + i0 * cRs, cRs, cCs);
            }
        }
    }

    /** {@code c = a @ b} on the calling thread; element (i, j) of x is {@code x[xOff + i * xRs + j * xCs]}. */
    static void multiply(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                         float[] c, int cOff, int cRs, int cCs) {
        if (cost(m, n, k, aRs, aCs, bRs, bCs, cCs) <= cost(n, m, k, bCs, bRs, aCs, aRs, cRs)) {
            product(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs, buffers(m, n, k, aCs));
        } else {
            product(n, m, k, b, bOff, bCs, bRs, a, aOff, aCs, aRs, c, cOff, cCs, cRs, buffers(n, m, k, bRs));   // C^T = B^T A^T
        }
    }

    /**
     * This thread's buffers, grown to fit {@link #product}'s packed A (when it packs A), packed B and
     * tile. Grown here rather than in {@code product}: C2 compiles a branch that has never been taken
     * as a trap, and a trap in {@code product} on the first product larger than any before (a 256^3
     * product after a small model's steps) sent the rest of that product, and the next ones until C2
     * recompiled it, through the interpreter; a trap here only reruns this small method.
     */
    private static float[][] buffers(int m, int n, int k, int aCs) {
        float[][] buffers = BUFFERS.get();
        int colPanels = (n + NR - 1) / NR;
        if (!readsAInPlace(colPanels, aCs)) {
            fit(buffers, 0, (m + MR - 1) / MR * MR * k);
        }
        fit(buffers, 1, colPanels * NR * k);
        fit(buffers, 2, MR * NR);
        return buffers;
    }

    /** Whether {@link #product} reads A's rows in place (one column panel, rows contiguous) rather than packing A. */
    private static boolean readsAInPlace(int colPanels, int aCs) {
        return aCs == 1 && colPanels == 1;
    }

    /**
     * Estimated cycles of {@link #product} on 2 FMA pipes: the tiles' k steps (4 cycles each, edge
     * tiles full), packing A (free when its rows are contiguous and B is one panel: read in place) and
     * B (vector copies when its rows are contiguous, else element by element), and storing C
     * element by element when its rows are not contiguous. It picks between C = A B and
     * C^T = B^T A^T, e.g. for {@code h^T g} with 10 columns, better computed as {@code (g^T h)^T}.
     */
    private static long cost(int m, int n, int k, int aRs, int aCs, int bRs, int bCs, int cCs) {
        long tiles = (long) ((m + MR - 1) / MR) * ((n + NR - 1) / NR);
        long packA = aCs == 1 && n <= NR ? 0 : (long) m * k;
        long packB = bCs == 1 ? (long) k * n / V : (long) k * n;
        long store = cCs == 1 ? 0 : (long) m * n;
        return tiles * k * 4 + packA + packB + store;
    }

    private static void product(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs,
                                int bCs, float[] c, int cOff, int cRs, int cCs, float[][] buffers) {
        int rowPanels = (m + MR - 1) / MR;
        int colPanels = (n + NR - 1) / NR;
        float[] bp = buffers[1];
        float[] tile = buffers[2];
        packB(k, n, b, bOff, bRs, bCs, bp);
        if (readsAInPlace(colPanels, aCs)) {
            // one column panel: A's rows in place (packing A would cost as much as the product), by
            // GemmMicroKernel.direct, which the warm-up compiles with these strides
            for (int jp = 0; jp < colPanels; jp++) {
                int j = jp * NR;
                int cols = Math.min(NR, n - j);
                for (int i = 0; i < m; i += MR) {
                    int rows = Math.min(MR, m - i);
                    int a0 = aOff + i * aRs;
                    int co = cOff + i * cRs + j * cCs;
                    if (rows == MR && cols == NR && cCs == 1) {
                        MK.direct(k, a, a0, aRs, 1, rows, bp, jp * NR * k, NR, c, co, cRs, false);
                    } else {
                        MK.direct(k, a, a0, aRs, 1, rows, bp, jp * NR * k, NR, tile, 0, NR, false);
                        MK.writeBack(tile, c, co, cRs, cCs, rows, cols, false);
                    }
                }
            }
            return;
        }
        float[] ap = buffers[0];
        packA(m, k, a, aOff, aRs, aCs, ap);
        for (int jp = 0; jp < colPanels; jp++) {
            int j = jp * NR;
            int cols = Math.min(NR, n - j);
            for (int ip = 0; ip < rowPanels; ip++) {
                int i = ip * MR;
                int rows = Math.min(MR, m - i);
                int co = cOff + i * cRs + j * cCs;
                if (rows == MR && cols == NR && cCs == 1) {
                    MK.packed(k, ap, ip * MR * k, bp, jp * NR * k, c, co, cRs, false);
                } else {
                    MK.packed(k, ap, ip * MR * k, bp, jp * NR * k, tile, 0, NR, false);
                    MK.writeBack(tile, c, co, cRs, cCs, rows, cols, false);
                }
            }
        }
    }

    private static void fit(float[][] buffers, int which, int n) {
        float[] buf = buffers[which];
        if (buf == null || buf.length < n) {
            buffers[which] = new float[Math.max(n, buf == null ? 0 : buf.length * 2)];
        }
    }

    /** {@code ap[ip*MR*k + p*MR + r] = A[ip*MR + r, p]}, rows past m zero. */
    private static void packA(int m, int k, float[] a, int off, int rs, int cs, float[] ap) {
        for (int i = 0; i < m; i += MR) {
            int rows = Math.min(MR, m - i);
            int dst = i * k;
            int src = off + i * rs;
            if (rows == MR) {
                MK.packA(a, src, rs, cs, k, ap, dst);
            } else {
                for (int p = 0; p < k; p++, dst += MR) {
                    for (int r = 0; r < MR; r++) {
                        ap[dst + r] = r < rows ? a[src + r * rs + p * cs] : 0f;
                    }
                }
            }
        }
    }

    /** {@code bp[jp*NR*k + p*NR + c] = B[p, jp*NR + c]}, columns past n zero. */
    private static void packB(int k, int n, float[] b, int off, int rs, int cs, float[] bp) {
        for (int j = 0; j < n; j += NR) {
            int cols = Math.min(NR, n - j);
            int dst = j * k;
            int src = off + j * cs;
            if (cols == NR && cs == 1) {
                for (int p = 0; p < k; p++, dst += NR, src += rs) {
                    FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src + V).intoArray(bp, dst + V);
                }
            } else if (cs == 1) {
                // a last partial panel of row-contiguous B (a head of 10 classes): masked copies, zeros past n
                VectorMask<Float> first = S.indexInRange(0, cols);
                VectorMask<Float> second = S.indexInRange(V, cols);
                for (int p = 0; p < k; p++, dst += NR, src += rs) {
                    FloatVector.fromArray(S, b, src, first).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src + V, second).intoArray(bp, dst + V);
                }
            } else if (rs == 1) {
                // columns of B lie along its buffer: a transpose, by 8 x 8 blocks where the CPU has them,
                // the last k % 8 rows element by element (transpose gathers those, and its gathers ran as
                // the Vector API's Java fallback in a profile of the MLP step on AVX2)
                int whole = Widths.BITS >= 256 ? k & -8 : 0;
                ElementwiseKernels.transpose(b, src, cs, bp, dst, NR, whole, cols);
                for (int p = whole; p < k; p++) {
                    for (int c = 0; c < cols; c++) {
                        bp[dst + p * NR + c] = b[src + c * cs + p];
                    }
                }
                zeroColumns(bp, dst, k, cols);
            } else {
                for (int p = 0; p < k; p++, dst += NR) {
                    int sp = src + p * rs;
                    for (int c = 0; c < cols; c++) {
                        bp[dst + c] = b[sp + c * cs];
                    }
                }
                zeroColumns(bp, j * k, k, cols);
            }
        }
    }

    private static void zeroColumns(float[] bp, int dst, int k, int cols) {
        if (cols < NR) {
            for (int p = 0; p < k; p++) {
                java.util.Arrays.fill(bp, dst + p * NR + cols, dst + (p + 1) * NR, 0f);
            }
        }
    }
}
